"""Manager operations that attach and detach: the driver's export and connection calls.

These answer synchronous RPC calls (the client waits for the connection
info, or for the detach to be done). A driver failure is raised to the
caller as a VolumeBackendAPIException and leaves the rows as they were; a
connector the driver refuses is an InvalidConnectorException (400).
Attachment rows and the volume's attach state move by conditional updates
(:mod:`cinderlite.db.attachments`), so that a racing call finds them moved
and gives up whole.
"""

from oslo_log import log as logging

from cinderlite import exception
from cinderlite.db import attachments as db_attachments
from cinderlite.db import encryption as db_encryption
from cinderlite.db import engine as db_engine
from cinderlite.db import models
from cinderlite.db import qos_specs as db_qos_specs
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.volume import model_updates
from cinderlite.volume.driver_view import Resource

LOG = logging.getLogger(__name__)

#: Attachment states a connector may be (re)given in: Nova updates an
#: attached one when it moves an instance.
CONNECTABLE = ('reserved', 'attaching', 'attached', 'error_attaching')
#: Volume statuses whose export a restarted service recreates.
ATTACHED_STATUSES = ('attaching', 'in-use', 'detaching')


class AttachOperations:
    """Given the backend's driver; every call takes an elevated context."""

    def __init__(self, driver):
        self.driver = driver

    def _backend(self, what, call, *args, **kwargs):
        """Run a driver call; anything but a refused connector is a backend failure."""
        try:
            return call(*args, **kwargs)
        except (exception.InvalidConnectorException, exception.InvalidInput):
            raise
        except NotImplementedError:
            raise exception.InvalidVolume(
                reason='the backend %s cannot attach its volumes' % self.driver.backend_name)
        except Exception as e:
            LOG.exception('%s failed', what)
            raise exception.VolumeBackendAPIException(data='%s: %s' % (what, e))

    def _connect(self, ctx, volume, connector, access_mode):
        """validate_connector, create_export (its update stored), initialize_connection.

        :returns: Cinder's nested ``{"driver_volume_type", "data"}`` with the
            manager's keys added to ``data``.
        """
        what = 'Connecting volume %s' % volume.id
        self._backend(what, self.driver.validate_connector, connector)
        update = self._backend(what, self.driver.create_export, ctx, Resource.of(volume),
                               connector)
        columns = model_updates.driver_columns(update)
        if columns:
            db_volumes.update_volume(ctx, volume.id, columns)
            volume = db_volumes.get_volume(ctx, volume.id)
        info = self._backend(what, self.driver.initialize_connection, Resource.of(volume),
                             connector)
        if not isinstance(info, dict) or not isinstance(info.get('data'), dict):
            raise exception.VolumeBackendAPIException(
                data='%s: the driver answered %r, not connection info' % (what, info))
        info = dict(info, data=dict(info['data']))
        data = info['data']
        data.setdefault('access_mode', access_mode)
        data['qos_specs'] = self._front_end_qos(ctx, volume)
        data['encrypted'] = bool(db_encryption.describe_types(
            ctx, {volume.volume_type_id})[1])
        data.setdefault('cacheable', False)
        info.setdefault('enforce_multipath', bool(connector.get('enforce_multipath')))
        data.setdefault('enforce_multipath', info['enforce_multipath'])
        return info

    @staticmethod
    def _front_end_qos(ctx, volume):
        vtype = db_types.get_type(ctx, volume.volume_type_id)
        if not vtype.qos_specs_id:
            return None
        specs = db_qos_specs.get_qos_specs(ctx, vtype.qos_specs_id)
        if specs.consumer not in ('front-end', 'both'):
            return None
        return db_qos_specs.get_specs(ctx, [specs.id])[specs.id]

    @staticmethod
    def _access_mode(ctx, volume):
        """``ro`` for a read-only volume (its ``readonly`` metadata), else ``rw``."""
        metadata = db_volumes.get_metadata(ctx, [volume.id])[volume.id]
        return 'ro' if str(metadata.get('readonly')).lower() == 'true' else 'rw'

    def ensure_exports(self, ctx, host_prefix):
        """At start: recreate the export of every volume of this backend with attachments.

        One that fails is logged and left; the service still starts.
        """
        volumes = db_volumes.get_stuck_volumes(ctx, host_prefix, ATTACHED_STATUSES)
        for volume in volumes:
            try:
                update = self.driver.ensure_export(ctx, Resource.of(volume))
                columns = model_updates.driver_columns(update)
                if columns:
                    db_volumes.update_volume(ctx, volume.id, columns)
            except Exception:
                LOG.exception('Recreating the export of volume %s failed', volume.id)

    # -- legacy actions ------------------------------------------------------------

    def initialize_connection(self, ctx, volume_id, connector):
        """os-initialize_connection: no status change, no attachment row."""
        volume = db_volumes.get_volume(ctx, volume_id)
        return self._connect(ctx, volume, connector or {}, self._access_mode(ctx, volume))

    def terminate_connection(self, ctx, volume_id, connector, force=False):
        volume = db_volumes.get_volume(ctx, volume_id)
        self._backend('Terminating the connection of volume %s' % volume_id,
                      self.driver.terminate_connection, Resource.of(volume), connector,
                      force=force)

    def detach_volume(self, ctx, volume_id, attachment_id):
        """os-detach of a ``detaching`` attachment: the last one removes the export.

        A backend failure leaves the attachment and the volume
        ``error_detaching`` (as Cinder), for an admin to look at.
        """
        volume = db_volumes.get_volume(ctx, volume_id)
        others = [a for a in db_attachments.attachments_of_volumes(ctx, [volume_id])[volume_id]
                  if a.id != attachment_id]
        if not others:
            try:
                self._backend('Removing the export of volume %s' % volume_id,
                              self.driver.remove_export, ctx, Resource.of(volume))
            except exception.VolumeDriverException:
                self._fail_detach(ctx, volume_id, attachment_id)
                raise
        self._finish_detach(ctx, volume_id, attachment_id)

    @db_engine.retry_on_deadlock
    def _finish_detach(self, ctx, volume_id, attachment_id):
        with db_engine.transaction(ctx):
            db_attachments.delete_attachment(ctx, attachment_id)
            db_attachments.settle_volume(ctx, volume_id)

    @staticmethod
    def _fail_detach(ctx, volume_id, attachment_id):
        with db_engine.transaction(ctx):
            db_attachments.move_attachment(ctx, attachment_id,
                                           {'attach_status': 'error_detaching'},
                                           ('detaching',))
            db_volumes.update_volume(ctx, volume_id, {'status': 'error_detaching',
                                                      'attach_status': 'error_detaching'})

    # -- the attachments API -----------------------------------------------------------

    def attachment_update(self, ctx, volume_id, attachment_id, connector):
        """Connect a reserved attachment; it and its volume become ``attaching``.

        :returns: the attachment's flat connection info (Cinder's shape: the
            driver's ``data`` with ``driver_volume_type`` and ``attachment_id``).
        """
        volume = db_volumes.get_volume(ctx, volume_id)
        attachment = db_attachments.get_attachment(ctx, attachment_id)
        mode = attachment.attach_mode
        if mode in (None, 'null'):
            mode = connector.get('mode') or None
        nested = self._connect(ctx, volume, connector,
                               mode or self._access_mode(ctx, volume))
        info = dict(nested['data'], driver_volume_type=nested['driver_volume_type'],
                    attachment_id=attachment_id,
                    enforce_multipath=nested['enforce_multipath'])
        values = {'attach_status': 'attaching', 'connector': db_attachments.dumps(connector),
                  'connection_info': db_attachments.dumps(info),
                  'attached_host': connector.get('host'),
                  'mountpoint': connector.get('mountpoint') or 'na',
                  'attach_time': models.utcnow()}
        if self._record_connection(ctx, volume_id, attachment_id, values):
            return info
        # Deleted (or moved) while the backend connected it: undo the connection.
        self._disconnect(ctx, volume, connector)
        raise db_attachments.not_found(attachment_id)

    @db_engine.retry_on_deadlock
    def _record_connection(self, ctx, volume_id, attachment_id, values):
        with db_engine.transaction(ctx):
            if not db_attachments.move_attachment(ctx, attachment_id, values, CONNECTABLE):
                return False
            db_attachments.settle_volume(ctx, volume_id, keep=('deleting',))
            return True

    def attachment_delete(self, ctx, volume_id, attachment_id):
        """Terminate the attachment's connection, and remove the export after the last."""
        volume = db_volumes.get_volume(ctx, volume_id)
        attachment = db_attachments.get_attachment(ctx, attachment_id)
        if attachment.connection_info is not None:
            self._backend('Terminating the connection of volume %s' % volume_id,
                          self.driver.terminate_connection, Resource.of(volume),
                          db_attachments.loads(attachment.connector))
        others = [a for a in db_attachments.attachments_of_volumes(ctx, [volume_id])[volume_id]
                  if a.id != attachment_id]
        if not others:
            self._backend('Removing the export of volume %s' % volume_id,
                          self.driver.remove_export, ctx, Resource.of(volume))

    def _disconnect(self, ctx, volume, connector):
        try:
            self.driver.terminate_connection(Resource.of(volume), connector)
        except Exception:
            LOG.exception('Terminating a connection of volume %s nobody holds', volume.id)
