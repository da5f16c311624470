"""Service layer of attaching: the legacy attach actions and the attachments API (3.27).

State machine (Cinder's)::

    attachments API: available --create--> reserved --update (connector)--> attaching
                     --os-complete--> in-use; delete: the volume's state follows
                     the attachments left (none: available)
    legacy actions:  available --os-reserve--> attaching --os-attach--> in-use
                     --os-begin_detaching--> detaching --os-detach--> available

Every move of a volume or an attachment is a conditional update or made
under the volume's row lock, so two racing requests cannot both attach a
volume that is not multiattach, and a failed step undoes what it wrote. The
driver's calls (export, connection) run on the volume's host through
synchronous RPC (:mod:`cinderlite.volume.attach`).
"""

import json

from oslo_log import log as logging

from cinderlite import exception
from cinderlite.db import attachments as db_attachments
from cinderlite.db import common as db_common
from cinderlite.db import engine as db_engine
from cinderlite.db import models
from cinderlite.db import volumes as db_volumes

LOG = logging.getLogger(__name__)

#: Where the attachments API may reserve a volume (Cinder's), multiattach or not.
RESERVABLE = ('available', 'downloading')
RESERVABLE_MULTIATTACH = ('available', 'in-use', 'downloading')
#: Where os-attach may attach one (a legacy client reserves first, or not).
ATTACHABLE = ('available', 'attaching', 'reserved', 'in-use')
#: Attachment states a detach may start from.
DETACHABLE = ('reserved', 'attaching', 'attached', 'detaching', 'error_attaching',
              'error_detaching')


def _or(statuses):
    return ' or '.join(statuses)


def _readonly(context, volume_id):
    metadata = db_volumes.get_metadata(context, [volume_id])[volume_id]
    return str(metadata.get('readonly')).lower() == 'true'


def connector_of(value):
    """A legacy connector may be a JSON string (Cinder's schema allows it)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = None
        if not isinstance(value, dict):
            raise exception.InvalidInput(reason='Invalid connector: it must be an object.')
    return value


class AttachmentService:

    def __init__(self, conf, volume_rpcapi):
        self.conf = conf
        self.volume_rpcapi = volume_rpcapi

    def _host_of(self, volume):
        """The volume's backend, able to take the attach calls; else nothing is written."""
        if not volume.host:
            raise exception.InvalidVolume(
                reason='Volume %s is on no backend: it cannot be connected.' % volume.id)
        if not self.volume_rpcapi.can_attach():
            raise exception.ServiceUnavailable(
                reason='the volume services are capped below RPC 1.5 ([upgrade_levels] '
                       'volume) and cannot attach volumes yet')
        return volume.host

    # -- reads ---------------------------------------------------------------------

    def get(self, context, attachment_id):
        return db_attachments.get_attachment(context, attachment_id)

    def get_all(self, context, filters, all_projects, **page):
        return db_attachments.list_attachments(context, filters, all_projects, **page)

    @staticmethod
    def attached(context, volume_ids):
        """``{volume_id: [attached attachments]}``: what a volume view lists."""
        return db_attachments.attachments_of_volumes(context, volume_ids, ('attached',))

    # -- legacy actions ----------------------------------------------------------------

    def begin_detaching(self, context, volume_id):
        """``in-use`` and attached -> ``detaching``. :raises InvalidVolume: (400) otherwise."""
        db_volumes.get_volume(context, volume_id)
        if not db_volumes.conditional_update(context, volume_id, {'status': 'detaching'},
                                             ['in-use'], attach_status='attached'):
            raise exception.InvalidVolume(
                reason="Unable to detach volume. Volume status must be 'in-use' and "
                       "attach_status must be 'attached' to detach.")

    def roll_detaching(self, context, volume_id):
        """``detaching`` -> ``in-use``; anything else is left as it is."""
        db_volumes.get_volume(context, volume_id)
        db_volumes.conditional_update(context, volume_id, {'status': 'in-use'},
                                      ['detaching'])

    def initialize_connection(self, context, volume_id, connector):
        """Export the volume to ``connector``: Cinder's nested connection info.

        No status changes and no attachment is recorded (os-attach does).
        :raises BackendConnectionError: (500) the backend failed.
        """
        volume = db_volumes.get_volume(context, volume_id)
        if volume.status == 'maintenance':
            raise exception.InvalidVolume(
                reason='The volume connection cannot be initialized in maintenance mode.')
        host = self._host_of(volume)
        try:
            return self.volume_rpcapi.initialize_connection(
                context, host, volume_id, connector_of(connector))
        except exception.VolumeDriverException:
            raise exception.BackendConnectionError(
                reason='Unable to fetch connection information from backend.')

    def terminate_connection(self, context, volume_id, connector, force=False):
        """End the connection, then unreserve (an ``attaching`` volume goes back)."""
        volume = db_volumes.get_volume(context, volume_id)
        try:
            self.volume_rpcapi.terminate_connection(
                context, self._host_of(volume), volume_id, connector_of(connector), force)
        except exception.VolumeDriverException:
            raise exception.BackendConnectionError(
                reason='Unable to terminate volume connection from backend.')
        self.unreserve(context, volume_id)

    @staticmethod
    def unreserve(context, volume_id):
        """``attaching`` -> ``in-use`` if the volume has attachments, else ``available``."""
        db_volumes.get_volume(context, volume_id)
        with db_engine.transaction(context):
            volume, = db_volumes.lock_volumes(context, [volume_id]) or [None]
            if volume is None or volume.status != 'attaching':
                return
            others = db_attachments.attachments_of_volumes(context, [volume_id])[volume_id]
            db_volumes.update_volume(context, volume_id, {
                'status': 'in-use' if others else 'available',
                'updated_at': models.utcnow()})

    def attach(self, context, volume_id, mountpoint, instance_uuid=None, host_name=None,
               mode='rw'):
        """os-attach: record the volume attached (its connection was initialized before).

        :raises InvalidVolume: (400) maintenance; :raises BadRequest: (400) already
            attached and not multiattach, or in a status that cannot attach.
        """
        volume = db_volumes.get_volume(context, volume_id)
        if volume.status == 'maintenance':
            raise exception.InvalidVolume(
                reason='The volume cannot be attached in maintenance mode.')
        if _readonly(context, volume_id) and mode != 'ro':
            raise exception.InvalidVolumeAttachMode(mode=mode, volume_id=volume_id)
        try:
            self._record_attach(context, volume_id, mountpoint, instance_uuid, host_name,
                                mode)
        except exception.InvalidVolume as e:
            raise exception.BadRequest(
                reason='Error attaching volume - %s: %s' % (type(e).__name__, e.msg))

    @db_engine.retry_on_deadlock
    def _record_attach(self, context, volume_id, mountpoint, instance_uuid, host_name, mode):
        with db_engine.transaction(context):
            volume, = db_volumes.lock_volumes(context, [volume_id])
            existing = db_attachments.attachments_of_volumes(context, [volume_id])[volume_id]
            for attachment in existing:
                if ((instance_uuid and attachment.instance_uuid == instance_uuid)
                        or (not instance_uuid and host_name
                            and attachment.attached_host == host_name)):
                    # Attached already to the same instance or host: just in use.
                    db_volumes.update_volume(context, volume_id,
                                             {'status': 'in-use', 'attach_status': 'attached'})
                    return
            if volume.status == 'in-use' and not volume.multiattach:
                raise exception.InvalidVolume(
                    reason='volume is already attached and multiple attachments are not '
                           'enabled')
            if volume.status not in ATTACHABLE:
                raise exception.InvalidVolume(
                    reason='Volume status must be %s to attach, but the status is %s.'
                           % (_or(ATTACHABLE), volume.status))
            db_attachments.create_attachment(context, {
                'id': db_common.new_id(), 'volume_id': volume_id,
                'project_id': volume.project_id, 'instance_uuid': instance_uuid,
                'attached_host': None if instance_uuid else host_name,
                'mountpoint': mountpoint, 'attach_time': models.utcnow(),
                'attach_mode': mode, 'attach_status': 'attached'})
            db_attachments.settle_volume(context, volume_id)

    def detach(self, context, volume_id, attachment_id=None, force=False):
        """os-detach: remove the export (the volume's host does) and the attachment.

        :raises BadRequest: (400) several attachments and none named.
        :raises VolumeAttachmentNotFound: (404) ``attachment_id`` is not this volume's.
        """
        volume = db_volumes.get_volume(context, volume_id)
        if volume.status == 'maintenance' and not force:
            raise exception.InvalidVolume(
                reason='The volume cannot be detached in maintenance mode.')
        attachments = db_attachments.attachments_of_volumes(context, [volume_id])[volume_id]
        if attachment_id is None:
            if len(attachments) > 1:
                raise exception.BadRequest(
                    reason='Error detaching volume - InvalidVolume: Invalid volume: Detach '
                           'volume failed: More than one attachment, but no attachment_id '
                           'provided.')
            if not attachments:
                db_attachments.settle_volume(context, volume_id)
                return
            attachment_id = attachments[0].id
        elif attachment_id not in {a.id for a in attachments}:
            raise db_attachments.not_found(attachment_id)
        if not db_attachments.move_attachment(context, attachment_id,
                                              {'attach_status': 'detaching'}, DETACHABLE):
            return  # a racing detach took it
        if not volume.host:  # never exported: nothing to undo on a backend
            self._forget(context, volume_id, attachment_id)
            return
        try:
            self.volume_rpcapi.detach_volume(context, self._host_of(volume), volume_id,
                                             attachment_id)
        except exception.ServiceUnavailable:
            db_attachments.move_attachment(context, attachment_id,
                                           {'attach_status': 'attached'}, ('detaching',))
            raise
        except exception.VolumeDriverException as e:
            raise exception.BadRequest(
                reason='Error detaching volume - %s: %s' % (type(e).__name__, e.msg))

    def force_detach(self, context, volume_id, connector=None, attachment_id=None):
        """os-force_detach (admin): terminate every connection, then detach whatever the status."""
        volume = db_volumes.get_volume(context, volume_id)
        try:
            if volume.host:
                self.volume_rpcapi.terminate_connection(
                    context, self._host_of(volume), volume_id, connector_of(connector),
                    True)
            self.detach(context, volume_id, attachment_id, force=True)
        except exception.VolumeDriverException as e:
            raise exception.BadRequest(
                reason='Error force detaching volume - %s: %s' % (type(e).__name__, e.msg))

    # -- the attachments API ------------------------------------------------------------

    def create(self, context, volume_id, instance_uuid=None, connector=None, mode=None):
        """Reserve the volume and record an attachment; with a connector, connect it.

        ``mode``: None below 3.54 (not shown), else ``rw``, ``ro`` or ``null``.
        :raises InvalidVolume: (400) an error status, or not reservable (a second
            attachment of a volume that is not multiattach).
        :raises BackendConnectionError: (500) the backend failed; nothing is left.
        """
        volume = db_volumes.get_volume(context, volume_id)
        if 'error' in volume.status:
            raise exception.InvalidVolume(
                reason='Volume attachments can not be created if the volume is in an error '
                       'state. The Volume %s currently has a status of: %s '
                       % (volume_id, volume.status))
        host = self._host_of(volume) if connector else None
        if _readonly(context, volume_id):
            mode = 'ro'
        row = {'id': db_common.new_id(), 'volume_id': volume_id,
               'project_id': volume.project_id, 'instance_uuid': instance_uuid,
               'attach_mode': mode, 'attach_status': 'reserved'}
        self._reserve(context, volume, row)
        if connector:
            try:
                self.volume_rpcapi.attachment_update(context, host, volume_id, row['id'],
                                                     connector)
            except exception.CinderliteException as e:
                self._forget(context, volume_id, row['id'])
                if isinstance(e, (exception.Invalid, exception.NotAuthorized)):
                    raise
                raise exception.BackendConnectionError(
                    reason='Unable to create attachment for volume (%s).' % e.msg)
        return db_attachments.get_attachment(context, row['id'])

    @db_engine.retry_on_deadlock
    def _reserve(self, context, volume, row):
        reservable = RESERVABLE_MULTIATTACH if volume.multiattach else RESERVABLE
        with db_engine.transaction(context):
            if not db_volumes.conditional_update(context, volume.id, {'status': 'reserved'},
                                                 reservable, multiattach=volume.multiattach):
                current, = db_volumes.lock_volumes(context, [volume.id])
                others = db_attachments.attachments_of_volumes(context, [volume.id])
                moving = (row['instance_uuid'] and current.status in ('in-use', 'reserved')
                          and any(a.instance_uuid == row['instance_uuid']
                                  for a in others[volume.id]))
                if not moving:  # an instance moving between hosts has a second one
                    raise exception.InvalidVolume(
                        reason='Volume %s status must be %s to reserve, but the current '
                               'status is %s.' % (volume.id, _or(reservable),
                                                  current.status))
            db_attachments.create_attachment(context, row)

    @db_engine.retry_on_deadlock
    def _forget(self, context, volume_id, attachment_id):
        """Delete an attachment and settle its volume, in one transaction."""
        with db_engine.transaction(context):
            db_attachments.delete_attachment(context, attachment_id)
            db_attachments.settle_volume(context, volume_id)

    def update(self, context, attachment_id, connector):
        """Give a reserved attachment its connector: the backend exports and connects.

        :raises ResourceConflict: (409) the volume is in error, or another host
            already holds a connection to a volume that is not multiattach.
        """
        attachment = db_attachments.get_attachment(context, attachment_id)
        volume = db_volumes.get_volume(context, attachment.volume_id)
        if 'error' in volume.status:
            raise exception.ResourceConflict(
                reason='Volume attachments can not be updated if the volume is in an error '
                       'state. The Volume %s currently has a status of: %s '
                       % (volume.id, volume.status))
        attachments = db_attachments.attachments_of_volumes(context, [volume.id])[volume.id]
        if (len(attachments) > 1 and not volume.multiattach
                and any(a.connection_info for a in attachments)):
            raise exception.ResourceConflict(
                reason='duplicate connectors detected on volume %s' % volume.id)
        try:
            self.volume_rpcapi.attachment_update(context, self._host_of(volume), volume.id,
                                                 attachment_id, connector)
        except (exception.Invalid, exception.NotFound, exception.ServiceUnavailable):
            raise
        except exception.CinderliteException as e:
            raise exception.BackendConnectionError(
                reason='Unable to update attachment (%s).' % e.msg)
        return db_attachments.get_attachment(context, attachment_id)

    @db_engine.retry_on_deadlock
    def complete(self, context, attachment_id):
        """os-complete: the attachment is attached, its volume ``in-use``."""
        attachment = db_attachments.get_attachment(context, attachment_id)
        with db_engine.transaction(context):
            if not db_attachments.move_attachment(context, attachment_id,
                                                  {'attach_status': 'attached'},
                                                  DETACHABLE):
                raise db_attachments.not_found(attachment_id)
            db_attachments.settle_volume(context, attachment.volume_id)

    def delete(self, context, attachment_id):
        """Terminate the connection (if one was made), delete the row, settle the volume.

        :returns: the volume's remaining attachments.
        :raises BackendConnectionError: (500) the backend failed; nothing changed.
        """
        attachment = db_attachments.get_attachment(context, attachment_id)
        volume = db_volumes.get_volume(context, attachment.volume_id)
        if attachment.attach_status != 'reserved' and volume.host:
            try:
                self.volume_rpcapi.attachment_delete(context, self._host_of(volume),
                                                     volume.id, attachment_id)
            except exception.VolumeDriverException as e:
                raise exception.BackendConnectionError(
                    reason='Unable to delete attachment (%s).' % e.msg)
        self._forget(context, volume.id, attachment_id)
        return db_attachments.attachments_of_volumes(context, [volume.id])[volume.id]
