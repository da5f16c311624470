"""Domain exceptions: each carries its HTTP code and a message safe to show a user.

No webob here: ``cinderlite.api.faults`` alone turns these into responses.
"""


class CinderliteException(Exception):
    """Base class: ``msg_fmt`` is formatted with the keyword arguments."""

    msg_fmt = 'An unknown exception occurred.'
    code = 500
    headers = {}

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if message is None:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError):
                message = self.msg_fmt
        self.msg = message
        super().__init__(message)


class Invalid(CinderliteException):
    msg_fmt = 'Invalid input received: %(reason)s'
    code = 400


class BadRequest(Invalid):
    """A 400 whose message Cinder sends as it is, without a prefix."""

    msg_fmt = '%(reason)s'


class NoSuchAction(Invalid):
    msg_fmt = ('There is no such action: %(action)s. Verify the request body and '
               'Content-Type header and try again.')


class InvalidInput(Invalid):
    msg_fmt = 'Invalid input received: %(reason)s'


class InvalidConnectorException(Invalid):
    """A driver cannot serve this connector (validate_connector, initialize_connection)."""

    msg_fmt = "Connector doesn't have required information: %(missing)s"


class MalformedRequestBody(Invalid):
    msg_fmt = 'Malformed request body'


class ValidationError(Invalid):
    msg_fmt = '%(detail)s'


class InvalidVolume(Invalid):
    msg_fmt = 'Invalid volume: %(reason)s'


class InvalidVolumeAttachMode(Invalid):
    msg_fmt = "Invalid attaching mode '%(mode)s' for volume %(volume_id)s."


class InvalidSnapshot(Invalid):
    msg_fmt = 'Invalid snapshot: %(reason)s'


class InvalidVolumeType(Invalid):
    msg_fmt = 'Invalid volume type: %(reason)s'


class InvalidConsistencyGroup(Invalid):
    msg_fmt = 'Invalid ConsistencyGroup: %(reason)s'


class InvalidCgSnapshot(Invalid):
    msg_fmt = 'Invalid CgSnapshot: %(reason)s'


class VolumeTypeEncryptionExists(Invalid):
    msg_fmt = 'Volume type encryption for type %(type_id)s already exists.'


class InvalidQoSSpecs(Invalid):
    msg_fmt = 'Invalid qos specs: %(reason)s'


class QoSSpecsInUse(Invalid):
    msg_fmt = 'Qos specs still in use.'


class InvalidAuthKey(Invalid):
    msg_fmt = 'Invalid auth key: %(reason)s'


class InvalidGroup(Invalid):
    msg_fmt = 'Invalid Group: %(reason)s'


class InvalidGroupSnapshot(Invalid):
    msg_fmt = 'Invalid GroupSnapshot: %(reason)s'


class InvalidGroupType(Invalid):
    msg_fmt = 'Invalid group type: %(reason)s'


class GroupTypeInUse(Invalid):
    msg_fmt = ('Target group type is still in use. Group Type %(group_type_id)s deletion '
               'is not allowed with groups present with the type.')


class InvalidGroupStatus(Invalid):
    msg_fmt = 'Invalid Group Status: %(reason)s'


class InvalidGroupSnapshotStatus(Invalid):
    msg_fmt = 'Invalid GroupSnapshot Status: %(reason)s'


class InvalidQuotaValue(Invalid):
    msg_fmt = '%(reason)s'


class NoValidHost(Invalid):
    msg_fmt = 'No valid host was found. %(reason)s'


class MalformedRequestUrl(Invalid):
    msg_fmt = 'Malformed request url'


class VersionNotSupported(CinderliteException):
    msg_fmt = ('Version %(version)s is not supported by the API. Minimum is '
               '%(min)s and maximum is %(max)s.')
    code = 406


class InvalidVersionString(Invalid):
    msg_fmt = ('API Version String %(version)s is of invalid format. Must be of '
               'format MajorNum.MinorNum.')


class UnsupportedMediaType(CinderliteException):
    msg_fmt = 'Unsupported Content-Type %(content_type)s'
    code = 415


class NotAuthorized(CinderliteException):
    msg_fmt = 'Not authorized.'
    code = 403


class Forbidden(NotAuthorized):
    msg_fmt = '%(reason)s'


class PolicyNotAuthorized(NotAuthorized):
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


class Unauthenticated(CinderliteException):
    msg_fmt = 'Authentication required.'
    code = 401


class NotFound(CinderliteException):
    msg_fmt = 'Resource could not be found.'
    code = 404


class VolumeNotFound(NotFound):
    msg_fmt = 'Volume %(volume_id)s could not be found.'


class VolumeAttachmentNotFound(NotFound):
    msg_fmt = 'Volume attachment could not be found with filter: %(filter)s.'


class SnapshotNotFound(NotFound):
    msg_fmt = 'Snapshot %(snapshot_id)s could not be found.'


class VolumeTypeNotFound(NotFound):
    msg_fmt = 'Volume type %(volume_type_id)s could not be found.'


class VolumeTypeProjectDefaultNotFound(NotFound):
    msg_fmt = 'Default type for project %(project_id)s not found.'


class VolumeTypeNotFoundByName(VolumeTypeNotFound):
    msg_fmt = 'Volume type with name %(volume_type_name)s could not be found.'


class VolumeTypeExtraSpecNotFound(NotFound):
    msg_fmt = 'Volume Type %(volume_type_id)s has no extra specs with key %(key)s.'


class VolumeTypeAccessNotFound(NotFound):
    msg_fmt = ('Volume type access not found for %(volume_type_id)s / '
               '%(project_id)s combination.')


class VolumeTypeEncryptionNotFound(NotFound):
    msg_fmt = 'Volume type encryption for type %(type_id)s does not exist.'


class QoSSpecsNotFound(NotFound):
    msg_fmt = 'No such QoS spec %(specs_id)s.'


class QoSSpecsKeyNotFound(NotFound):
    msg_fmt = 'QoS spec %(specs_id)s has no spec with key %(specs_key)s.'


class TransferNotFound(NotFound):
    msg_fmt = 'Transfer %(transfer_id)s could not be found.'


class VolumeMetadataNotFound(NotFound):
    msg_fmt = 'Volume %(volume_id)s has no metadata with key %(key)s.'


class SnapshotMetadataNotFound(NotFound):
    msg_fmt = 'Snapshot %(snapshot_id)s has no metadata with key %(key)s.'


class GroupNotFound(NotFound):
    msg_fmt = 'Group %(group_id)s could not be found.'


class ConsistencyGroupNotFound(GroupNotFound):
    msg_fmt = 'ConsistencyGroup %(group_id)s could not be found.'


class GroupSnapshotNotFound(NotFound):
    msg_fmt = 'GroupSnapshot %(group_snapshot_id)s could not be found.'


class CgSnapshotNotFound(GroupSnapshotNotFound):
    msg_fmt = 'CgSnapshot %(group_snapshot_id)s could not be found.'


class GroupTypeNotFound(NotFound):
    msg_fmt = 'Group type %(group_type_id)s could not be found.'


class GroupTypeNotFoundByName(GroupTypeNotFound):
    msg_fmt = 'Group type with name %(group_type_name)s could not be found.'


class DefaultGroupTypeNotFound(NotFound):
    msg_fmt = 'Default group type can not be found.'


class GroupTypeSpecNotFound(NotFound):
    msg_fmt = 'Group Type %(group_type_id)s has no specs with key %(key)s.'


class MessageNotFound(NotFound):
    msg_fmt = 'Message %(message_id)s could not be found.'


class ImageNotFound(NotFound):
    """cinderlite has no image service: every image id is unknown."""

    msg_fmt = 'Image %(image_id)s could not be found.'


class BackupNotFound(NotFound):
    """cinderlite keeps no backups: every backup id is unknown."""

    msg_fmt = 'Backup %(backup_id)s could not be found.'


class MarkerNotFound(NotFound):
    msg_fmt = 'Marker %(marker)s could not be found.'


class ServiceNotFound(NotFound):
    msg_fmt = 'Service %(service_id)s could not be found.'


class HostServiceNotFound(ServiceNotFound):
    msg_fmt = 'Service %(binary)s could not be found on host %(host)s.'


class ResourceConflict(Invalid):
    msg_fmt = 'Resource conflict: %(reason)s'
    code = 409


class BackendConnectionError(CinderliteException):
    """A 500 that says which step with the backend failed, in Cinder's words."""

    msg_fmt = '%(reason)s'


class Conflict(CinderliteException):
    msg_fmt = 'Conflict.'
    code = 409


class InvalidState(Conflict):
    """A resource is not in a status the request can start from (409, Cinder's words)."""

    msg_fmt = '%(reason)s'


class VolumeTypeExists(Conflict):
    msg_fmt = 'Volume Type %(name)s already exists.'


class VolumeTypeAccessExists(Conflict):
    msg_fmt = ('Volume type access for %(volume_type_id)s / %(project_id)s '
               'combination already exists.')


class QoSSpecsExists(Conflict):
    msg_fmt = 'QoS Specs %(specs_id)s already exists.'


class GroupTypeExists(Conflict):
    msg_fmt = 'Group Type %(group_type_id)s already exists.'


class OverQuota(CinderliteException):
    """A quota would be exceeded; the message names the resource and figures."""

    code = 413
    headers = {'Retry-After': '0'}


class VolumeLimitExceeded(OverQuota):
    msg_fmt = ("Maximum number of volumes allowed (%(allowed)d) exceeded for "
               "quota '%(name)s'.")


class SnapshotLimitExceeded(OverQuota):
    msg_fmt = ("Maximum number of snapshots allowed (%(allowed)d) exceeded for "
               "quota '%(name)s'.")


class ConsistencyGroupLimitExceeded(OverQuota):
    msg_fmt = ("Maximum number of consistency groups allowed (%(allowed)d) "
               "exceeded for quota '%(name)s'.")


class VolumeSizeExceedsAvailableQuota(OverQuota):
    msg_fmt = ("Requested volume or snapshot exceeds allowed %(name)s quota. "
               "Requested %(requested)sG, quota is %(quota)sG and "
               "%(consumed)sG has been consumed.")


class VolumeSizeExceedsLimit(OverQuota):
    msg_fmt = ('Requested volume size %(size)dG is larger than maximum allowed '
               'limit %(limit)dG.')


class BackupServiceNotFound(CinderliteException):
    """Cinder's 503 when no backup service runs: cinderlite has none."""

    msg_fmt = 'Service %(service_id)s could not be found.'
    code = 503


class ServiceUnavailable(CinderliteException):
    msg_fmt = 'The service is unavailable: %(reason)s'
    code = 503


class VolumeDriverException(CinderliteException):
    msg_fmt = 'Volume driver reported an error: %(message)s'


class VolumeBackendAPIException(VolumeDriverException):
    msg_fmt = 'Bad or unexpected response from the storage volume backend API: %(data)s'


class DriverNotFound(CinderliteException):
    msg_fmt = 'Volume driver %(name)s could not be loaded: %(reason)s'
