"""The headline: create a group from a live group or a group snapshot.

Both the consistency group API (``create_from_src``) and the groups API
(``create-from-src``, 3.14) come here; they differ only in their words.
Everything is checked before the one write transaction, which charges the
quota (group, volumes, gigabytes, per type) and inserts the group and all N
clone volumes in one bulk statement. The number of SQL statements does not
depend on N. Then one cast to the source's host.
"""

from cinderlite import exception
from cinderlite import quota
from cinderlite import statuses
from cinderlite.db import common as db_common
from cinderlite.db import engine as db_engine
from cinderlite.db import group_snapshots as db_group_snapshots
from cinderlite.db import groups as db_groups
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.services import checks
from cinderlite.services import group_words


class GroupCloneService:

    def __init__(self, conf, volume_rpcapi):
        self.conf = conf
        self.volume_rpcapi = volume_rpcapi

    def create_from_src(self, context, name=None, description=None, group_snapshot_id=None,
                        source_group_id=None, words=group_words.CG, check_source=None):
        """Create a group whose volumes are clones of the source's; 202 semantics.

        The new group takes the source's group type and volume types.
        ``check_source(group)`` may refuse the source group (the groups API
        refuses consistency groups).

        :raises NotFound: (404) the source is missing or another project's.
        :raises Invalid: (400) the source is not available, is empty, has a
            member that is neither available nor in-use, or its host's volume
            service is down.
        :raises OverQuota: (413) nothing is written.
        """
        if group_snapshot_id:
            src_group, sources, link = self._snapshot_source(context, group_snapshot_id,
                                                             words)
        else:
            src_group, sources, link = self._group_source(context, source_group_id, words)
        if check_source is not None:
            check_source(src_group)
        checks.require_live_host(self.conf, context, src_group.host,
                                 '%s %s' % (words.group, src_group.id))
        type_ids = db_groups.get_volume_type_ids(context.elevated(),
                                                 [src_group.id])[src_group.id]
        names = db_types.get_type_names(
            context, set(type_ids) | {s.volume_type_id for s in sources})
        group = {'id': db_common.new_id(), 'project_id': context.project_id,
                 'user_id': context.user_id, 'host': src_group.host,
                 'availability_zone': src_group.availability_zone, 'name': name,
                 'description': description, 'status': 'creating',
                 'group_type_id': src_group.group_type_id,
                 'source_group_id': source_group_id if not group_snapshot_id else None,
                 'group_snapshot_id': group_snapshot_id}
        clones = [{'id': db_common.new_id(), 'project_id': context.project_id,
                   'user_id': context.user_id, 'host': src_group.host, 'size': s.size,
                   'availability_zone': src_group.availability_zone,
                   'status': 'creating', 'name': None, 'description': None,
                   'volume_type_id': s.volume_type_id, 'snapshot_id': None,
                   'source_volid': None, 'group_id': group['id'],
                   'bootable': False, 'provider_location': None, link: s.id}
                  for s in sources]
        quota.check_volume_size(self.conf, context, context.project_id,
                                max(s.size for s in sources))
        deltas = quota.volume_deltas(clones, names)
        deltas[quota.GROUPS] = 1
        self._write_clone(context, src_group, group_snapshot_id, deltas, group, type_ids,
                          clones, words)
        try:
            self.volume_rpcapi.create_consistencygroup_from_src(
                context, src_group.host, group['id'], cgsnapshot_id=group_snapshot_id,
                source_cg_id=group['source_group_id'])
        except exception.ServiceUnavailable:
            self._undo(context, group, clones, deltas)
            raise
        return db_groups.get_group(context, group['id'])

    @db_engine.retry_on_deadlock
    def _write_clone(self, context, src_group, group_snapshot_id, deltas, group, type_ids,
                     clones, words):
        """The one transaction: hold the source, charge quota, insert the group and clones."""
        with db_engine.transaction(context):
            self._recheck_source(context, src_group, group_snapshot_id, words)
            quota.reserve(self.conf, context, context.project_id, deltas)
            db_groups.create_group(context, group, type_ids)
            db_volumes.create_volumes(context, clones)

    @staticmethod
    def _undo(context, group, clones, deltas):
        """Remove what create_from_src wrote when its cast could not be sent."""
        with db_engine.transaction(context):
            db_volumes.delete_volumes(context, [c['id'] for c in clones])
            db_groups.delete_group(context, group['id'])
            quota.release(context, context.project_id, deltas)

    @staticmethod
    def _group_source(context, source_group_id, words):
        src_group = db_groups.get_group(context, source_group_id, words.group_not_found)
        if src_group.status != 'available':
            raise words.invalid_group(
                reason='Source %s %s must be available, but its status is %s.'
                       % (words.source_group, source_group_id, src_group.status))
        volumes = db_volumes.get_volumes_in_groups(context, [source_group_id])
        if not volumes:
            raise words.invalid_group(
                reason='Source %s is empty. No %s will be created.'
                       % (words.source_group, words.group))
        # In-use members too (Cinder refuses them): the driver cuts a live
        # group at one instant, and the guards on a copy's sources (no delete,
        # no removal from the group) do not depend on the status.
        busy = [v.id for v in volumes if v.status not in statuses.VOLUME_USABLE]
        if busy:
            raise words.invalid_group(
                reason='Source volumes %s must be available or in-use.' % ', '.join(busy))
        return src_group, volumes, 'source_volid'

    @staticmethod
    def _snapshot_source(context, group_snapshot_id, words):
        group_snapshot = db_group_snapshots.get_group_snapshot(context, group_snapshot_id,
                                                               words.snapshot_not_found)
        if group_snapshot.status != 'available':
            raise words.invalid_snapshot(
                reason='Source %s %s must be available, but its status is %s.'
                       % (words.source_snapshot, group_snapshot_id, group_snapshot.status))
        snapshots = db_snapshots.get_group_snapshot_members(context, [group_snapshot_id])
        if not snapshots:
            raise words.invalid_snapshot(
                reason='Source %s is empty. No %s will be created.'
                       % (words.source_snapshot, words.group))
        busy = [s.id for s in snapshots if s.status != 'available']
        if busy:
            raise words.invalid_snapshot(
                reason='Source snapshots %s must be available.' % ', '.join(busy))
        src_group = db_groups.get_group(context.elevated(), group_snapshot.group_id)
        return src_group, snapshots, 'snapshot_id'

    @staticmethod
    def _recheck_source(context, src_group, group_snapshot_id, words):
        """Lock the source's rows and check they are still available, inside the transaction.

        A delete of the source (group or group snapshot) that raced this
        request either changed the row first (then this fails) or waits for
        our lock and then sees the clone in flight (then it fails).
        """
        locked = db_groups.get_group_for_update(context, src_group.id,
                                                words.group_not_found)
        if group_snapshot_id:
            group_snapshot = db_group_snapshots.get_group_snapshot_for_update(
                context, group_snapshot_id, words.snapshot_not_found)
            if group_snapshot.status != 'available':
                raise words.invalid_snapshot(
                    reason='Source %s %s is no longer available.'
                           % (words.source_snapshot, group_snapshot_id))
        elif locked.status != 'available':
            raise words.invalid_group(
                reason='Source %s %s is no longer available.'
                       % (words.source_group, src_group.id))
