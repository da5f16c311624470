"""Cinder's response bodies as Tempest 47.0.0 checks them, for the microversions we serve.

Our own copy of the facts in ``tempest/lib/api_schema/response/volume/``
(Tempest is not installed in cinderlite's environment): the fields each
answer may have (``additionalProperties: False``), those it must have, and
their types. Create answers are narrower than show: no ``os-vol-*`` on a
volume, no ``os-extended-snapshot-attributes:*`` on a snapshot. :func:`check`
validates as Tempest does (Draft 4, ISO 8601 timestamps) and also checks the
``uuid`` and ``uri`` formats, which Tempest's checker lets pass.
"""

import datetime
import uuid

import jsonschema

UUID = {'type': 'string', 'format': 'uuid'}
UUID_OR_NULL = {'anyOf': [UUID, {'type': 'null'}]}
STRING_OR_NULL = {'type': ['string', 'null']}
DATE_TIME = {'type': 'string', 'format': 'iso8601-date-time'}
DATE_TIME_OR_NULL = {'type': ['string', 'null'], 'format': 'iso8601-date-time'}
LINKS = {'type': 'array', 'items': {
    'type': 'object', 'properties': {'href': {'type': 'string', 'format': 'uri'},
                                     'rel': {'type': 'string'}},
    'additionalProperties': False, 'required': ['href', 'rel']}}
STRING_MAP = {'type': 'object', 'patternProperties': {'^.+$': {'type': 'string'}}}


def strict(properties, required):
    return {'type': 'object', 'properties': properties, 'additionalProperties': False,
            'required': list(required)}


def envelope(key, inner):
    return strict({key: inner}, [key])


def listing(key, item, links_key=None):
    properties = {key: {'type': 'array', 'items': item}}
    if links_key:
        properties[links_key] = LINKS
    return strict(properties, [key])


# -- volumes (volumes.py; up to 3.60) ---------------------------------------------------

#: tempest volumes.py ``attachments``: the attached attachments of a volume.
VOLUME_ATTACHMENTS = {'type': 'array', 'items': strict({
    'server_id': {'type': ['string', 'null'], 'format': 'uuid'},
    'attachment_id': UUID, 'attached_at': DATE_TIME_OR_NULL,
    'host_name': STRING_OR_NULL, 'volume_id': UUID, 'device': STRING_OR_NULL, 'id': UUID},
    ['server_id', 'attachment_id', 'host_name', 'volume_id', 'device', 'id'])}

_VOLUME_BASE = {
    'migration_status': STRING_OR_NULL,
    'attachments': VOLUME_ATTACHMENTS,
    'links': LINKS,
    'availability_zone': STRING_OR_NULL,
    'encrypted': {'type': 'boolean'},
    'updated_at': DATE_TIME_OR_NULL,
    'replication_status': STRING_OR_NULL,
    'snapshot_id': UUID_OR_NULL,
    'id': UUID,
    'size': {'type': 'integer'},
    'user_id': UUID,
    'metadata': {'type': 'object'},
    'status': {'type': 'string'},
    'description': STRING_OR_NULL,
    'multiattach': {'type': 'boolean'},
    'source_volid': UUID_OR_NULL,
    'consistencygroup_id': UUID_OR_NULL,
    'name': STRING_OR_NULL,
    'bootable': {'type': 'string'},
    'created_at': DATE_TIME,
    'volume_type': STRING_OR_NULL,
    'group_id': UUID_OR_NULL,
    'provider_id': UUID_OR_NULL,
    'service_uuid': UUID_OR_NULL,
    'shared_targets': {'type': 'boolean'},
}
_VOLUME_REQUIRED = ['attachments', 'links', 'encrypted', 'updated_at', 'replication_status',
                    'id', 'size', 'user_id', 'availability_zone', 'metadata', 'status',
                    'description', 'multiattach', 'consistencygroup_id', 'name', 'bootable',
                    'created_at', 'volume_type', 'snapshot_id', 'source_volid']
VOLUME_SHOW = strict(dict(_VOLUME_BASE, **{
    'os-vol-host-attr:host': {'type': ['string', 'null'], 'pattern': '.+@.+#.+'},
    'os-vol-tenant-attr:tenant_id': UUID,
    'os-vol-mig-status-attr:migstat': STRING_OR_NULL,
    'os-vol-mig-status-attr:name_id': UUID_OR_NULL,
    'volume_image_metadata': {'type': ['object', 'null']},
}), _VOLUME_REQUIRED)
#: create (202) and update (200): no os-vol-* attributes.
VOLUME_CREATE = strict(_VOLUME_BASE, _VOLUME_REQUIRED)
#: tempest's v3_61 to v3_69 volume schemas, cumulated (the fields of 3.61,
#: 3.63, 3.64, 3.65; 3.69 lets ``shared_targets`` be null).
_VOLUME_V369 = {'cluster_name': UUID_OR_NULL, 'volume_type_id': UUID_OR_NULL,
                'encryption_key_id': UUID_OR_NULL, 'consumes_quota': {'type': 'boolean'},
                'shared_targets': {'type': ['boolean', 'null']}}
VOLUME_SHOW_V369 = strict(dict(VOLUME_SHOW['properties'], **_VOLUME_V369),
                          VOLUME_SHOW['required'])
VOLUME_CREATE_V369 = strict(dict(VOLUME_CREATE['properties'], **_VOLUME_V369),
                            VOLUME_CREATE['required'])
VOLUME_SUMMARY = strict({'links': LINKS, 'id': UUID, 'name': STRING_OR_NULL},
                        ['links', 'id', 'name'])

# -- snapshots (snapshots.py) -------------------------------------------------------------

SNAPSHOT = strict({
    'status': {'type': 'string'}, 'description': STRING_OR_NULL, 'created_at': DATE_TIME,
    'name': STRING_OR_NULL, 'volume_id': UUID, 'metadata': STRING_MAP, 'id': UUID,
    'size': {'type': 'integer'}, 'updated_at': DATE_TIME_OR_NULL,
}, ['status', 'description', 'created_at', 'metadata', 'name', 'volume_id', 'id', 'size',
    'updated_at'])
#: show and the detail list add the extended attributes; create, update and
#: the summary list have none.
SNAPSHOT_DETAIL = strict(dict(SNAPSHOT['properties'], **{
    'os-extended-snapshot-attributes:progress': {'type': 'string'},
    'os-extended-snapshot-attributes:project_id': UUID,
}), SNAPSHOT['required'] + ['os-extended-snapshot-attributes:progress',
                            'os-extended-snapshot-attributes:project_id'])

# -- volume types (volume_types.py) -----------------------------------------------------

_TYPE = {'extra_specs': STRING_MAP, 'name': {'type': 'string'},
         'is_public': {'type': 'boolean'}, 'description': STRING_OR_NULL, 'id': UUID}
TYPE_SHOW = strict(dict(_TYPE, **{'os-volume-type-access:is_public': {'type': 'boolean'},
                                  'qos_specs_id': UUID_OR_NULL}),
                   ['name', 'is_public', 'description', 'id'])
TYPE_CREATE = strict(dict(_TYPE, **{'os-volume-type-access:is_public': {'type': 'boolean'}}),
                     ['name', 'is_public', 'id', 'description',
                      'os-volume-type-access:is_public'])
#: update: no os-volume-type-access:is_public.
TYPE_UPDATE = strict(_TYPE, ['name', 'is_public', 'id', 'description'])

# -- quota sets (quotas.py) ---------------------------------------------------------------

QUOTA_KEYS = ['volumes', 'snapshots', 'backups', 'groups', 'per_volume_gigabytes',
              'gigabytes', 'backup_gigabytes']
_USAGE = strict({'reserved': {'type': 'integer'}, 'allocated': {'type': 'integer'},
                 'limit': {'type': 'integer'}, 'in_use': {'type': 'integer'}},
                ['reserved', 'limit', 'in_use'])


def _quota_set(value, with_id=True):
    properties = dict({k: value for k in QUOTA_KEYS}, id=UUID)
    required = QUOTA_KEYS + (['id'] if with_id else [])
    # Per-type keys (volumes_<type>, ...) are the additional properties.
    return {'type': 'object', 'properties': properties, 'additionalProperties': value,
            'required': required}


QUOTA_SET = envelope('quota_set', _quota_set({'type': 'integer'}))
QUOTA_SET_UPDATE = envelope('quota_set', _quota_set({'type': 'integer'}, with_id=False))
QUOTA_SET_USAGE = envelope('quota_set', _quota_set(_USAGE))

# -- user messages (messages.py, 3.3) ---------------------------------------------------

MESSAGE = strict({
    'request_id': {'type': 'string'}, 'message_level': {'type': 'string'}, 'links': LINKS,
    'event_id': {'type': 'string'}, 'created_at': DATE_TIME, 'guaranteed_until': DATE_TIME,
    'resource_uuid': UUID, 'id': UUID, 'resource_type': {'type': 'string'},
    'user_message': {'type': 'string'},
}, ['request_id', 'message_level', 'event_id', 'created_at', 'id', 'user_message'])


# -- operator and discovery routes ------------------------------------------------------
# services.py, hosts.py, extensions.py, limits.py, scheduler_stats.py, capabilities.py,
# quota_classes.py; tempest keeps no schema for os-availability-zone (Cinder's shape).

_SERVICE_ACTION = {'disabled': {'type': 'boolean'},
                   'status': {'enum': ['enabled', 'disabled']}, 'host': {'type': 'string'},
                   'service': {'type': 'string'}, 'binary': {'type': 'string'}}
SERVICES = listing('services', strict({
    'binary': {'type': 'string'}, 'host': {'type': 'string'}, 'zone': {'type': 'string'},
    'updated_at': DATE_TIME, 'disabled_reason': STRING_OR_NULL,
    'state': {'enum': ['up', 'down']}, 'status': {'enum': ['enabled', 'disabled']},
    'frozen': {'type': 'boolean'}, 'replication_status': {'type': 'string'},
    'active_backend_id': STRING_OR_NULL, 'backend_state': {'type': 'string'},
}, ['binary', 'disabled_reason', 'host', 'state', 'status', 'updated_at', 'zone']))
#: tempest's v3_7 services schema (3.7 and later): ``cluster``.
SERVICES_V37 = listing('services', strict(
    dict(SERVICES['properties']['services']['items']['properties'],
         cluster=STRING_OR_NULL),
    SERVICES['properties']['services']['items']['required']))
SERVICE_ENABLE = strict(dict(_SERVICE_ACTION, disabled_reason=STRING_OR_NULL),
                        list(_SERVICE_ACTION) + ['disabled_reason'])
SERVICE_DISABLE = strict(_SERVICE_ACTION, list(_SERVICE_ACTION))
SERVICE_DISABLE_LOG_REASON = SERVICE_ENABLE

_HOST_KEYS = ['service-status', 'service', 'zone', 'service-state', 'host_name',
              'last-update']
HOSTS = listing('hosts', strict({
    'service-status': {'enum': ['available', 'unavailable']}, 'service': {'type': 'string'},
    'zone': {'type': 'string'}, 'service-state': {'enum': ['enabled', 'disabled']},
    'host_name': {'type': 'string'}, 'last-update': DATE_TIME_OR_NULL}, _HOST_KEYS))
_HOST_RESOURCE_KEYS = ['volume_count', 'total_volume_gb', 'total_snapshot_gb', 'project',
                       'host', 'snapshot_count']
HOST = listing('host', strict({'resource': strict(
    {k: {'type': 'string'} for k in _HOST_RESOURCE_KEYS}, _HOST_RESOURCE_KEYS)},
    ['resource']))

AVAILABILITY_ZONES = listing('availabilityZoneInfo', strict({
    'zoneName': {'type': 'string'},
    'zoneState': strict({'available': {'type': 'boolean'}}, ['available'])},
    ['zoneName', 'zoneState']))

EXTENSIONS = listing('extensions', strict({
    'updated': DATE_TIME, 'description': {'type': 'string'}, 'links': {'type': 'array'},
    'namespace': {'type': 'string'}, 'alias': {'type': 'string'}, 'name': {'type': 'string'},
}, ['updated', 'links', 'alias', 'name', 'description']))

_ABSOLUTE_LIMITS = ['totalSnapshotsUsed', 'maxTotalBackups', 'maxTotalVolumeGigabytes',
                    'maxTotalSnapshots', 'maxTotalBackupGigabytes',
                    'totalBackupGigabytesUsed', 'maxTotalVolumes', 'totalVolumesUsed',
                    'totalBackupsUsed', 'totalGigabytesUsed']
LIMITS = envelope('limits', strict({
    'rate': {'type': 'array'},
    'absolute': strict({k: {'type': 'integer'} for k in _ABSOLUTE_LIMITS}, _ABSOLUTE_LIMITS),
}, ['rate', 'absolute']))

POOLS = listing('pools', strict({'name': {'type': 'string'}}, ['name']))
# A backend reports what it has: no key of the capabilities is required.
POOLS_DETAIL = listing('pools', strict({
    'name': {'type': 'string'},
    'capabilities': {'type': ['object', 'null'], 'properties': {
        'updated': DATE_TIME_OR_NULL, 'QoS_support': {'type': 'boolean'},
        'total_capacity_gb': {'type': ['number', 'string']},
        'free_capacity_gb': {'type': ['number', 'string']},
        'volume_backend_name': {'type': 'string'}, 'driver_version': {'type': 'string'},
        'reserved_percentage': {'type': 'integer'}, 'storage_protocol': {'type': 'string'},
        'vendor_name': {'type': 'string'}, 'timestamp': DATE_TIME_OR_NULL}}},
    ['name', 'capabilities']))

_CAPABILITIES = {
    'pool_name': STRING_OR_NULL, 'description': STRING_OR_NULL,
    'volume_backend_name': {'type': 'string'},
    'namespace': {'type': 'string', 'pattern': '^OS::Storage::Capabilities::.+$'},
    'visibility': STRING_OR_NULL, 'driver_version': {'type': 'string'},
    'vendor_name': {'type': 'string'}, 'properties': {'type': 'object'},
    'storage_protocol': {'type': 'string'}, 'replication_targets': {'type': 'array'},
    'display_name': STRING_OR_NULL}
CAPABILITIES = strict(_CAPABILITIES, list(_CAPABILITIES))


def _quota_class_set(with_id):
    # The class name is the id: "default" is no UUID (Tempest does not check the format).
    properties = {k: {'type': 'integer'} for k in QUOTA_KEYS}
    required = [k for k in QUOTA_KEYS if k != 'groups']
    if with_id:
        properties['id'] = {'type': 'string'}
        required.append('id')
    return {'type': 'object', 'properties': properties,
            'additionalProperties': {'type': 'integer'}, 'required': required}


QUOTA_CLASS_SET = envelope('quota_class_set', _quota_class_set(with_id=True))
QUOTA_CLASS_SET_UPDATE = envelope('quota_class_set', _quota_class_set(with_id=False))


# -- validation as Tempest does it ------------------------------------------------------

FORMATS = jsonschema.FormatChecker()


@FORMATS.checks('uuid', raises=ValueError)
def _is_uuid(value):
    if isinstance(value, str):
        uuid.UUID(value)
    return True


# A format applies to strings only: null passes where the type allows it.
@FORMATS.checks('iso8601-date-time', raises=ValueError)
def _is_date_time(value):
    if isinstance(value, str):
        datetime.datetime.fromisoformat(value)
    return True


@FORMATS.checks('uri')
def _is_uri(value):
    return not isinstance(value, str) or value.startswith(('http://', 'https://'))


def check(schema, body):
    """Raise jsonschema's ValidationError unless ``body`` is what ``schema`` allows."""
    jsonschema.Draft4Validator(schema, format_checker=FORMATS).validate(body)
