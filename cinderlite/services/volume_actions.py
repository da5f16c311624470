"""Service layer of volume actions: extend, reset status, force delete, flags, reserve.

The other attach actions are in services/attachments.py.

Each action moves the volume with a conditional update (racing requests
cannot both win). An extend writes the new size, charges its quota and moves
the volume to ``extending`` in one transaction, before the cast: usage always
equals the sizes of the rows, and a volume service restarted mid-extend finds
the size to finish with in the row.
"""

from cinderlite import exception
from cinderlite import quota
from cinderlite.db import attachments as db_attachments
from cinderlite.db import encryption as db_encryption
from cinderlite.db import engine as db_engine
from cinderlite.db import qos_specs as db_qos_specs
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.services import checks
from cinderlite.services import types as type_service

#: What os-reset_status may set (Cinder's volume statuses, but ``deleting``).
RESETTABLE_STATUSES = (
    'available', 'attaching', 'awaiting-transfer', 'backing-up', 'creating',
    'detaching', 'downloading', 'error', 'error_backing-up', 'error_deleting',
    'error_extending', 'error_managing', 'error_restoring', 'extending', 'in-use',
    'maintenance', 'reserved', 'restoring-backup', 'retyping', 'reverting', 'uploading')

#: Cinder's one answer for a volume that cannot be retyped now (its conditional update).
RETYPE_REFUSED = ('Retype needs volume to be in available or in-use state, not be part of '
                  'an active migration or a consistency group, requested type has to be '
                  'different that the one from the volume, and for in-use volumes '
                  'front-end qos specs cannot change.')


class VolumeActionService:

    def __init__(self, conf, volume_rpcapi, volumes):
        self.conf = conf
        self.volume_rpcapi = volume_rpcapi
        self.volumes = volumes

    def extend(self, context, volume_id, new_size, attached=False):
        """Charge the growth and move the volume to ``extending``, then cast.

        ``attached`` (from 3.42, the caller allowed by ``volume:extend_attached_volume``)
        extends an ``in-use`` volume instead of an ``available`` one, when its
        backend reports ``online_extend_support`` (Cinder's capability,
        default True); it returns to ``in-use`` (``previous_status``).

        :raises InvalidInput: (400) not larger than today.
        :raises InvalidVolume: (400) not ``available`` (``in-use``), or its
            backend cannot extend attached volumes.
        :raises OverQuota: (413) nothing is written.
        """
        volume = db_volumes.get_volume(context, volume_id)
        expected = 'in-use' if attached else 'available'
        if new_size <= volume.size:
            raise exception.InvalidInput(
                reason='New size for extend must be greater than current size. '
                       '(current: %(size)s, extended: %(new_size)s).'
                       % {'size': volume.size, 'new_size': new_size})
        if volume.status != expected or not volume.host:
            raise exception.InvalidVolume(reason=self._not_extendable(volume, expected))
        if attached and not checks.host_capabilities(context, volume.host).get(
                'online_extend_support', True):
            raise exception.InvalidVolume(
                reason='the backend of volume %s cannot extend it while it is attached.'
                       % volume_id)
        quota.check_volume_size(self.conf, context, volume.project_id, new_size)
        if not (self.volume_rpcapi.can_extend_attached() if attached
                else self.volume_rpcapi.can_extend()):
            raise exception.ServiceUnavailable(
                reason='the volume services are capped below RPC %s ([upgrade_levels] '
                       'volume) and cannot extend these volumes yet'
                       % ('1.7' if attached else '1.2'))
        deltas = self._growth(context, volume, new_size - volume.size)
        self._start_extend(context, volume, new_size, deltas, expected)
        try:
            self.volume_rpcapi.extend_volume(context, volume.host, volume_id, new_size,
                                             volume.size, attached=attached)
        except exception.ServiceUnavailable:
            self._undo_extend(context, volume, deltas)
            raise

    @staticmethod
    def _not_extendable(volume, expected):
        return ("Volume %s status must be '{'status': '%s'}' to extend, currently %s."
                % (volume.id, expected, volume.status))

    def extend_completion(self, context, volume_id, error):
        """Finish an ``extending`` volume (Nova's call, 3.71; an admin's).

        Without error the volume service finishes the growth the row holds
        (the extend it would redo after a restart); with ``error`` the volume
        is ``error_extending``, as in Cinder, at the size its row and its
        quota hold.

        :raises InvalidVolume: (400) the volume is not ``extending``.
        """
        volume = db_volumes.get_volume(context, volume_id)
        if volume.status != 'extending':
            raise exception.InvalidVolume(reason='Volume is not being extended.')
        if error:
            if not db_volumes.conditional_update(context, volume_id,
                                                 {'status': 'error_extending'},
                                                 ['extending']):
                raise exception.InvalidVolume(reason='Volume is not being extended.')
            return
        self.volume_rpcapi.extend_volume(context, volume.host, volume_id, volume.size, None,
                                         attached=volume.previous_status == 'in-use')

    @staticmethod
    def _growth(context, volume, gigabytes):
        name = db_types.get_type_names(context, {volume.volume_type_id}).get(
            volume.volume_type_id)
        return quota.gigabytes_deltas(gigabytes, name)

    @db_engine.retry_on_deadlock
    def _start_extend(self, context, volume, new_size, deltas, expected):
        with db_engine.transaction(context):
            if not db_volumes.conditional_update(
                    context, volume.id, {'status': 'extending', 'size': new_size,
                                         'previous_status': volume.status}, [expected]):
                raise exception.InvalidVolume(reason=self._not_extendable(volume, expected))
            quota.reserve(self.conf, context, volume.project_id, deltas)

    @db_engine.retry_on_deadlock
    def _undo_extend(self, context, volume, deltas):
        with db_engine.transaction(context):
            if db_volumes.conditional_update(context, volume.id,
                                             {'status': volume.status, 'size': volume.size,
                                              'previous_status': None},
                                             ['extending']):
                quota.release(context, volume.project_id, deltas)

    def retype(self, context, volume_id, new_type, migration_policy=None):
        """Move the volume to ``retyping`` and let the scheduler choose where it goes.

        The volume stays where it is when its backend fits the new type; with
        ``migration_policy`` ``on-demand`` it may move to another backend.
        The type and the per-type quota change later, together, in the
        volume service (volume/retypes.py).

        :raises VolumeTypeNotFoundByName: (404) no such type for the caller.
        :raises InvalidVolume: (400) the same type, in a group, not available
            or in-use, or another backend needed while the policy is ``never``
            (or it has snapshots).
        :raises OverQuota: (413) the new type's per-type quota is full.
        :raises ServiceUnavailable: (503) the services cannot retype yet.
        """
        volume = db_volumes.get_volume(context, volume_id)
        vtype = type_service.get_usable_type(context, new_type)
        if (vtype.id == volume.volume_type_id or volume.group_id
                or volume.status not in ('available', 'in-use')
                or not self._qos_allows_retype(context, volume, vtype)):
            raise exception.InvalidVolume(reason=RETYPE_REFUSED)
        multiattach = db_types.is_multiattach(context.elevated(), vtype.id)
        if multiattach != volume.multiattach and volume.status != 'available':
            raise exception.InvalidInput(
                reason='Invalid volume_type passed, retypes affecting multiattach are only '
                       'allowed on available volumes, the specified volume however '
                       'currently has a status of: %s.' % volume.status)
        if multiattach and vtype.id in db_encryption.describe_types(
                context.elevated(), {vtype.id})[1]:
            raise exception.InvalidInput(
                reason='Retype requested both encryption and multi-attach, which is not '
                       'supported.')
        moves = checks.asks_another_backend(context, vtype, volume.host)
        if moves and db_volumes.count_copies_in_flight(context, source_volids=[volume_id]):
            raise exception.InvalidVolume(
                reason='Volume %s is the source of a clone in progress.' % volume_id)
        if moves and volume.status == 'in-use':
            # Cinder has Nova swap the attached volume; cinderlite has no Nova to ask.
            raise exception.InvalidVolume(
                reason='an in-use volume cannot move to another backend; detach it first.')
        snapshots = db_snapshots.list_snapshots(context.elevated(), {'volume_id': volume_id},
                                                all_projects=True)
        if moves and migration_policy != 'on-demand':
            raise exception.InvalidVolume(reason='Retype requires migration but is not allowed.')
        if moves and snapshots:
            raise exception.InvalidVolume(reason='Volume must not have snapshots.')
        checks.require_live_host(self.conf, context, volume.host, 'the volume')
        quota.check(self.conf, context, volume.project_id, quota.type_usage(
            vtype.name, [volume.size],
            [s.size for s in snapshots if s.project_id == volume.project_id]))
        scheduler = self.volumes.scheduler_rpcapi
        if not (scheduler.can_retype() and self.volume_rpcapi.can_retype()
                and (self.volume_rpcapi.can_migrate() or not moves)):
            raise exception.ServiceUnavailable(
                reason='the scheduler or the volume services are capped below the RPC '
                       'versions of retype ([upgrade_levels])')
        values = {'status': 'retyping', 'previous_status': volume.status,
                  'migration_status': 'starting' if moves else None}
        if not db_volumes.conditional_update(context, volume_id, values, [volume.status],
                                             group_id=None,
                                             volume_type_id=volume.volume_type_id):
            raise exception.InvalidVolume(reason=RETYPE_REFUSED)
        try:
            scheduler.retype(context, volume_id, vtype.id, migration_policy)
        except exception.ServiceUnavailable:
            db_volumes.conditional_update(
                context, volume_id, {'status': volume.status, 'previous_status': None,
                                     'migration_status': None}, ['retyping'])
            raise

    def revert(self, context, volume_id, snapshot_id):
        """Move the volume to ``reverting`` and its latest snapshot to ``restoring``, cast.

        :raises BadRequest: (400) no snapshot, not the latest, or not the
            volume's size (Cinder's words).
        :raises InvalidState: (409) the volume or the snapshot not ``available``.
        :raises ServiceUnavailable: (503) volume services capped below RPC 1.6.
        """
        volume = db_volumes.get_volume(context, volume_id)
        latest = db_snapshots.get_latest_snapshot(context.elevated(), volume_id)
        if latest is None:
            raise exception.BadRequest(reason="Volume %s doesn't have any snapshots."
                                       % volume_id)
        if snapshot_id is None or snapshot_id != latest.id:
            raise exception.BadRequest(
                reason='Specified snapshot %s is None or not the latest one of volume %s.'
                       % (snapshot_id, volume_id))
        cannot = "Can't revert volume %s to its latest snapshot %s." % (volume_id, latest.id)
        if volume.size != latest.size:
            raise exception.BadRequest(
                reason='%s The volume size must be equal to the snapshot size.' % cannot)
        if not self.volume_rpcapi.can_revert():
            raise exception.ServiceUnavailable(
                reason='the volume services are capped below RPC 1.6 ([upgrade_levels] '
                       'volume) and cannot revert volumes yet')
        self._start_revert(context, volume, latest, cannot)
        try:
            self.volume_rpcapi.revert_to_snapshot(context, volume.host, volume_id, latest.id)
        except exception.ServiceUnavailable:
            self._end_revert(context, volume, latest)
            raise

    @db_engine.retry_on_deadlock
    def _start_revert(self, context, volume, snapshot, cannot):
        with db_engine.transaction(context):
            if not db_volumes.conditional_update(context, volume.id, {'status': 'reverting'},
                                                 ['available']):
                raise exception.InvalidState(
                    reason="Invalid volume: %s Volume's status must be 'available'." % cannot)
            if not db_snapshots.conditional_update(context, snapshot.id,
                                                   {'status': 'restoring'}, ['available']):
                raise exception.InvalidState(
                    reason="Invalid snapshot: %s Snapshot's status must be 'available'."
                           % cannot)

    @db_engine.retry_on_deadlock
    def _end_revert(self, context, volume, snapshot):
        """Undo _start_revert when the cast could not be sent."""
        with db_engine.transaction(context):
            db_volumes.conditional_update(context, volume.id, {'status': 'available'},
                                          ['reverting'])
            db_snapshots.conditional_update(context, snapshot.id,
                                            {'status': 'available'}, ['restoring'])

    @staticmethod
    def _qos_allows_retype(context, volume, vtype):
        """Cinder's rule: an in-use volume keeps its front-end QoS (what the host applies).

        Allowed when available, when both types share their QoS specs, or when
        neither type's specs are consumed anywhere but the back-end.
        """
        if volume.status != 'in-use':
            return True
        old = db_types.get_type(context.elevated(), volume.volume_type_id)
        if old.qos_specs_id and old.qos_specs_id == vtype.qos_specs_id:
            return True
        return all(db_qos_specs.get_qos_specs(context.elevated(), specs_id).consumer
                   in (None, 'back-end')
                   for specs_id in (old.qos_specs_id, vtype.qos_specs_id) if specs_id)

    def reset_status(self, context, volume_id, status=None, attach_status=None,
                     migration_status=None):
        """Write the status an admin asks for (a plain database write, as in Cinder).

        :raises InvalidInput: (400) nothing asked, an unknown status, ``deleting``,
            or ``in-use`` for a volume without attachments.
        """
        volume = db_volumes.get_volume(context, volume_id)
        if status is None and attach_status is None and migration_status is None:
            raise exception.BadRequest(
                reason="Must specify 'status', 'attach_status' or 'migration_status' "
                       "for update.")
        if status == 'deleting':
            raise exception.BadRequest(reason='Cannot reset-state to deleting')
        if status is not None and status not in RESETTABLE_STATUSES:
            raise exception.BadRequest(
                reason='Volume status: %s is invalid, valid statuses are: (%s).'
                       % (status, ', '.join(RESETTABLE_STATUSES)))
        attachments = db_attachments.attachments_of_volumes(context, [volume_id])[volume_id]
        if (status == 'in-use' or attach_status == 'attached') and not attachments:
            raise exception.BadRequest(
                reason='Cannot reset-state to in-use because volume does not have any '
                       'attachments.')
        values = {'status': status, 'attach_status': attach_status}
        values = {k: v for k, v in values.items() if v is not None}
        if migration_status is not None:
            # What a retype that moved the volume left (``error``...); ``none`` clears it.
            values['migration_status'] = (None if migration_status == 'none'
                                          else migration_status)
        with db_engine.transaction(context):
            if attach_status == 'detached':
                db_attachments.delete_attachments_of(context, volume_id)
            if values:
                db_volumes.update_volume(context, volume.id, values)

    def force_delete(self, context, volume_id):
        """Delete whatever the status (but ``deleting``); see VolumeService.delete."""
        self.volumes.delete(context, volume_id, force=True)

    def set_bootable(self, context, volume_id, bootable):
        db_volumes.get_volume(context, volume_id)
        db_volumes.update_volume(context, volume_id, {'bootable': bootable})

    def update_readonly_flag(self, context, volume_id, readonly):
        """Record the flag where Cinder shows it: the volume's ``readonly`` metadata.

        :raises InvalidVolume: (400) the volume is not ``available``.
        """
        volume = db_volumes.get_volume(context, volume_id)
        with db_engine.transaction(context):
            db_volumes.hold_volume(context, volume, 'Volume %s' % volume_id)
            if volume.status != 'available':
                raise exception.InvalidVolume(
                    reason='Volume %s status must be available to update readonly flag, '
                           'but current status is: %s.' % (volume_id, volume.status))
            db_volumes.set_metadata(context, volume_id,
                                    {'readonly': 'True' if readonly else 'False'})

    def reserve(self, context, volume_id):
        """``available`` (or, multiattach, ``in-use``) -> ``attaching``.

        :raises InvalidVolume: (400) otherwise.
        """
        volume = db_volumes.get_volume(context, volume_id)
        expected = ('available', 'in-use') if volume.multiattach else ('available',)
        if not db_volumes.conditional_update(context, volume_id, {'status': 'attaching'},
                                             expected, multiattach=volume.multiattach):
            raise exception.InvalidVolume(
                reason='Volume status must be %s to reserve, but the status is %s.'
                       % (' or '.join(expected), volume.status))
