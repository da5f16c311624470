"""Service layer for volumes: checks, quota and rows in one transaction, then a cast."""

from oslo_log import log as logging

from cinderlite import exception
from cinderlite import hosts
from cinderlite import quota
from cinderlite import statuses
from cinderlite.db import attachments as db_attachments
from cinderlite.db import common as db_common
from cinderlite.db import encryption as db_encryption
from cinderlite.db import engine as db_engine
from cinderlite.db import group_types as db_group_types
from cinderlite.db import groups as db_groups
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.services import checks
from cinderlite.services import group_words
from cinderlite.services import types as type_service

LOG = logging.getLogger(__name__)

DELETABLE = ('available', 'error', 'error_restoring', 'error_extending', 'error_managing')
#: What an admin's force delete accepts: any status but ``deleting`` (already on
#: its way) and ``in-use`` (attached).
FORCE_DELETABLE = DELETABLE + (
    'creating', 'attaching', 'detaching', 'reserved', 'maintenance', 'extending',
    'error_deleting', 'awaiting-transfer', 'downloading', 'uploading', 'retyping',
    'reverting', 'backing-up', 'restoring-backup', 'error_backing-up')
#: The snapshots a cascading delete takes along (but forced): Cinder's statuses.
CASCADE_DELETABLE_SNAPSHOTS = ('available', 'error', 'deleting')

#: A volume in one of these attach states may be deleted (Cinder: not ``attached``).
NOT_ATTACHED = ('detached', 'reserved', 'attaching', 'detaching', 'error_attaching',
                'error_detaching')


class VolumeService:
    """What the volume handlers call; never sees webob, never opens a session."""

    def __init__(self, conf, scheduler_rpcapi, volume_rpcapi):
        self.conf = conf
        self.scheduler_rpcapi = scheduler_rpcapi
        self.volume_rpcapi = volume_rpcapi

    def get(self, context, volume_id):
        """The volume as a read-only row: what a show's view reads."""
        return db_volumes.read_volume(context, volume_id)

    def get_all(self, context, filters, all_projects, **page):
        return db_volumes.list_volumes(context, self._filters(filters), all_projects, **page)

    def count(self, context, filters, all_projects):
        """How many volumes a list with ``filters`` would show without paging (3.45)."""
        return db_volumes.count_volumes(context, self._filters(filters), all_projects)

    def summarize(self, context, filters, all_projects, with_metadata=False):
        """``(count, total GiB, metadata or None)`` of the volumes a list would show."""
        return db_volumes.summarize_volumes(context, self._filters(filters), all_projects,
                                            with_metadata)

    @staticmethod
    def _filters(filters):
        """The API's filters on columns; ``consistencygroup_id`` means ``group_id``."""
        filters = dict(filters)
        if 'consistencygroup_id' in filters:
            filters['group_id'] = filters.pop('consistencygroup_id')
        return filters

    def describe(self, context, volumes):
        """What views show besides the rows, in three queries.

        ``(type names by id, metadata by volume id, ids of encrypted types, ids
        of their groups that are consistency groups)``. Everything is read with
        the caller's own context (types and groups by id), so every query joins
        the request's read transaction. Views show ``consistencygroup_id`` only
        for a member of a consistency group, as Cinder does.
        """
        names, encrypted = db_encryption.describe_types(
            context, {v.volume_type_id for v in volumes})
        group_ids = {v.group_id for v in volumes if v.group_id}
        cg_ids = (db_groups.ids_of_type(context, group_ids,
                                        db_group_types.get_cg_type(context).id)
                  if group_ids else set())
        return (names, db_volumes.get_metadata(context, [v.id for v in volumes]), encrypted,
                cg_ids)

    def create(self, context, size=None, name=None, description=None, volume_type=None,
               snapshot_id=None, source_volid=None, group_id=None,
               metadata=None, availability_zone=None, words=group_words.CG):
        """Validate, charge quota and write the row in one transaction, then cast.

        ``group_id`` is a group to create the volume into; ``words`` name it as
        the request did (``consistencygroup_id`` or, from 3.13, ``group_id``).

        :raises NotFound: (404) unknown or another project's source, type or group.
        :raises Invalid: (400) a source or group in the wrong status, a bad size.
        :raises OverQuota: (413) nothing is written.
        """
        if snapshot_id and source_volid:
            raise exception.InvalidInput(
                reason='Cannot create a volume from both a snapshot and a volume.')
        checks.check_availability_zone(availability_zone)
        origin, host = None, None
        if snapshot_id:
            snapshot = db_snapshots.get_snapshot(context, snapshot_id)
            if snapshot.status != 'available':
                raise exception.InvalidSnapshot(
                    reason='Originating snapshot status must be one of available values')
            origin = db_volumes.get_volume(context.elevated(), snapshot.volume_id)
            min_size, host = snapshot.size, origin.host
        elif source_volid:
            origin = db_volumes.get_volume(context, source_volid)
            if origin.status not in statuses.VOLUME_USABLE:
                raise exception.InvalidVolume(
                    reason='Originating volume status must be one of available, in-use.')
            min_size, host = origin.size, origin.host
        else:
            min_size = None
        size = size if size is not None else min_size
        if size is None or size <= 0:
            raise exception.InvalidInput(
                reason='Invalid volume size provided for create request: %s '
                       '(size argument must be an integer (or string '
                       'representation of an integer) and greater than zero).' % size)
        if min_size is not None and size < min_size:
            raise exception.InvalidInput(
                reason='Volume size %(size)sGB cannot be smaller than the source '
                       'size %(min)sGB.' % {'size': size, 'min': min_size})
        vtype = self._volume_type(context, volume_type, origin, group_id, words)
        if origin is not None and vtype.id != origin.volume_type_id:
            self._check_type_fits_origin(context, vtype, origin)
        if group_id:
            group = db_groups.get_group(context, group_id, words.group_not_found)
            if group.project_id != context.project_id:
                # An admin sees every group, but a group holds its own project's volumes.
                raise exception.InvalidInput(
                    reason='%s %s belongs to another project.'
                           % (group_words.title(words.group), group.id))
            self._check_group_accepts(context, group, vtype, words)
            if origin is not None and (hosts.backend_host(origin.host)
                                       != hosts.backend_host(group.host)):
                raise exception.InvalidInput(
                    reason='The source of the volume is on %s and %s %s is on %s: a '
                           'clone is made where its source is.' % (
                               hosts.backend_host(origin.host), words.group, group.id,
                               hosts.backend_host(group.host)))
            host = group.host
        if host:
            checks.require_live_host(self.conf, context, host, 'the source')
        quota.check_volume_size(self.conf, context, context.project_id, size)
        row = {'id': db_common.new_id(), 'project_id': context.project_id,
               'user_id': context.user_id, 'host': host, 'size': size,
               'availability_zone': checks.AVAILABILITY_ZONE, 'status': 'creating',
               'name': name, 'description': description, 'volume_type_id': vtype.id,
               'snapshot_id': snapshot_id, 'source_volid': source_volid,
               'group_id': group_id, 'bootable': False,
               'provider_location': None, 'attach_status': 'detached',
               'multiattach': self._multiattach(context, vtype)}
        self._write_volume(context, row, vtype, metadata,
                           snapshot if snapshot_id else None,
                           origin if source_volid else None,
                           group if group_id else None, words)
        try:
            if host:
                self.volume_rpcapi.create_volume(context, host, row['id'])
            else:
                self.scheduler_rpcapi.create_volume(context, row['id'])
        except exception.ServiceUnavailable:
            self._undo_create(context, row, vtype)
            raise
        return db_volumes.get_volume(context, row['id'])

    @db_engine.retry_on_deadlock
    def _undo_create(self, context, row, vtype):
        """Remove a volume whose cast the message bus refused, and refund it."""
        with db_engine.transaction(context):
            db_volumes.delete_volume(context, row['id'])
            quota.release(context, context.project_id,
                          quota.volume_deltas([row], {vtype.id: vtype.name}))

    @db_engine.retry_on_deadlock
    def _write_volume(self, context, row, vtype, metadata, snapshot, source, group, words):
        """Hold the source and the group, charge quota and insert the volume: one transaction."""
        with db_engine.transaction(context):
            if group is not None:
                if not db_groups.hold_available(context, group):
                    raise words.invalid_group(
                        reason='%s %s is no longer available.'
                               % (group_words.title(words.group), group.id))
            if snapshot is not None:
                db_snapshots.hold_snapshot(context, snapshot)
            elif source is not None:
                db_volumes.hold_volume(context, source, 'Originating volume')
            quota.reserve(self.conf, context, context.project_id,
                          quota.volume_deltas([row], {vtype.id: vtype.name}))
            db_volumes.create_volumes(context, [row])
            if metadata:
                db_volumes.set_metadata(context, row['id'], metadata)

    @staticmethod
    def _multiattach(context, vtype):
        """A type with ``multiattach="<is> True"`` makes multiattach volumes (3.50)."""
        return db_types.is_multiattach(context.elevated(), vtype.id)

    @staticmethod
    def _volume_type(context, requested, origin, group_id, words):
        if requested:
            return type_service.get_usable_type(context, requested)
        if group_id:
            raise exception.InvalidInput(
                reason='volume_type must be provided when creating a volume in a %s.'
                       % words.group)
        if origin is not None:
            return db_types.get_type(context, origin.volume_type_id)
        return db_types.get_default_type(context)

    @staticmethod
    def _check_type_fits_origin(context, vtype, origin):
        """A clone stays on its origin's backend: its type must not ask for another one.

        :raises InvalidInput: (400) as Cinder words it.
        """
        if checks.asks_another_backend(context, vtype, origin.host):
            raise exception.InvalidInput(
                reason='Invalid volume_type provided: %s (requested type is not '
                       'compatible; either match source volume, or omit type '
                       'argument).' % vtype.name)

    @staticmethod
    def _check_group_accepts(context, group, vtype, words):
        if group.status != 'available':
            raise words.invalid_group(
                reason='%s %s status must be available, but current status is %s.'
                       % (group_words.title(words.group), group.id, group.status))
        if vtype.id not in db_groups.get_volume_type_ids(context, [group.id])[group.id]:
            raise exception.InvalidInput(
                reason='Invalid volume_type provided: %s (requested type must be '
                       'supported by this %s).' % (vtype.name, words.group))

    def update(self, context, volume_id, values):
        db_volumes.get_volume(context, volume_id)
        if values:
            db_volumes.update_volume(context, volume_id, values)
        return db_volumes.get_volume(context, volume_id)

    def delete(self, context, volume_id, force=False, cascade=False):
        """Move the volume to ``deleting`` (only one racing request wins) and cast.

        ``force`` (an admin's os-force_delete, or ``DELETE ?force=true`` from 3.23)
        ignores the status, but for ``deleting`` and ``in-use``; every other rule
        stands. ``cascade`` (``DELETE ?cascade=true``) deletes the volume's
        snapshots first: they move to ``deleting`` with the volume, in the same
        transaction, and must be ``available`` or ``error`` (any status when
        forced), in no group snapshot and, for a non-admin, of the volume's
        project, as in Cinder.

        :raises InvalidVolume: (400) wrong status, in a group, has snapshots (not
            cascading) or one that cannot go, or is the source of a clone in flight.
        :raises ServiceUnavailable: (503) cascading while the volume services
            are capped below RPC 1.3.
        """
        volume = db_volumes.get_volume(context, volume_id)
        # Cinder's words; forced, the status part is empty (hence its double space).
        reason = ('Volume %s must not be migrating, attached, belong to a group, have '
                  'snapshots or be disassociated from snapshots after volume transfer.'
                  % ('' if force else 'status must be available or error or '
                     'error_restoring or error_extending or error_managing and'))
        deletable = FORCE_DELETABLE if force else DELETABLE
        if volume.group_id or (
                not cascade and db_snapshots.count_snapshots_of_volumes(context, [volume_id])):
            raise exception.InvalidVolume(reason=reason)
        if db_volumes.count_copies_in_flight(context, source_volids=[volume_id]):
            raise exception.InvalidVolume(
                reason='Volume %s is the source of a clone in progress.' % volume_id)
        if not volume.host:
            self._delete_unplaced(context, volume, reason,
                                  FORCE_DELETABLE if force else ('error',))
            return
        if cascade and not self.volume_rpcapi.can_cascade():
            raise exception.ServiceUnavailable(
                reason='the volume services are capped below RPC 1.3 ([upgrade_levels] '
                       'volume) and cannot delete snapshots with their volume yet')
        snapshots = self._start_delete(context, volume, deletable, reason, force, cascade)
        try:
            self.volume_rpcapi.delete_volume(context, volume.host, volume_id,
                                             cascade=cascade)
        except exception.ServiceUnavailable:
            self._undo_delete(context, volume, snapshots)
            raise

    @db_engine.retry_on_deadlock
    def _start_delete(self, context, volume, deletable, reason, force, cascade):
        """The volume (and, cascading, its snapshots) to ``deleting``: one transaction.

        Returns the snapshots moved, as they were.
        """
        with db_engine.transaction(context):
            if not db_volumes.conditional_update(context, volume.id, {'status': 'deleting'},
                                                 deletable, group_id=None,
                                                 attach_status=NOT_ATTACHED):
                raise exception.InvalidVolume(reason=reason)
            # Again under the row lock: a snapshot or clone begun since the checks
            # above held this row (db_volumes.hold_volume) and is now committed and counted.
            snapshots = db_snapshots.lock_snapshots_of_volume(context, volume.id)
            if snapshots and not cascade:
                raise exception.InvalidVolume(reason=reason)
            if any(not self._cascades(context, volume, s, force) for s in snapshots):
                raise exception.InvalidVolume(reason=reason)
            # An attachment (even reserved) holds a volume; forced, only an attached one.
            if not force and db_attachments.attachments_of_volumes(
                    context, [volume.id])[volume.id]:
                raise exception.InvalidVolume(reason=reason)
            if db_volumes.count_copies_in_flight(
                    context, source_volids=[volume.id],
                    snapshot_ids=[s.id for s in snapshots]):
                raise exception.InvalidVolume(
                    reason='Volume %s or one of its snapshots is the source of a clone in '
                           'progress.' % volume.id)
            db_snapshots.update_snapshots(
                context, {s.id: {'status': 'deleting'} for s in snapshots})
            return [(s.id, s.status) for s in snapshots]

    @staticmethod
    def _cascades(context, volume, snapshot, force):
        """Whether a cascading delete may take ``snapshot`` (Cinder's filters)."""
        if snapshot.group_snapshot_id:
            return False
        if not force and snapshot.status not in CASCADE_DELETABLE_SNAPSHOTS:
            return False
        return force or context.is_admin or snapshot.project_id == volume.project_id

    @db_engine.retry_on_deadlock
    def _undo_delete(self, context, volume, snapshots):
        """Put back what _start_delete moved when the cast could not be sent."""
        with db_engine.transaction(context):
            db_volumes.conditional_update(context, volume.id, {'status': volume.status},
                                          ('deleting',))
            db_snapshots.update_snapshots(
                context, {sid: {'status': status} for sid, status in snapshots})

    @db_engine.retry_on_deadlock
    def _delete_unplaced(self, context, volume, reason, deletable):
        """A volume no backend ever took has no data: drop it and refund here."""
        vtype = db_types.get_type(context.elevated(), volume.volume_type_id)
        with db_engine.transaction(context):
            if not db_volumes.conditional_update(context, volume.id,
                                                 {'status': 'deleting'}, deletable,
                                                 host=None):
                raise exception.InvalidVolume(reason=reason)
            db_volumes.delete_volume(context, volume.id)
            quota.release(context, volume.project_id, quota.volume_deltas(
                [{'size': volume.size, 'volume_type_id': vtype.id}], {vtype.id: vtype.name}))

    def get_metadata(self, context, volume_id):
        db_volumes.get_volume(context, volume_id)
        return db_volumes.get_metadata(context, [volume_id])[volume_id]

    def set_metadata(self, context, volume_id, metadata, replace=False):
        db_volumes.get_volume(context, volume_id)
        db_volumes.set_metadata(context, volume_id, metadata, replace=replace)
        return db_volumes.get_metadata(context, [volume_id])[volume_id]

    def delete_metadata(self, context, volume_id, key):
        db_volumes.get_volume(context, volume_id)
        db_volumes.delete_metadata_key(context, volume_id, key)
