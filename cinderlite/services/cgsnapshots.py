"""Service layer for group snapshots (cgsnapshots too): the snapshot and its members at once.

One class serves the cgsnapshot API and the group snapshot API, each with
its own :mod:`group_words`.
"""

from cinderlite import exception
from cinderlite import quota
from cinderlite.db import common as db_common
from cinderlite.db import engine as db_engine
from cinderlite.db import group_snapshots as db_group_snapshots
from cinderlite.db import groups as db_groups
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.services import checks
from cinderlite.services import group_words

DELETABLE = ('available', 'error', 'error_deleting')


class CgSnapshotService:

    def __init__(self, conf, volume_rpcapi, words=group_words.CG):
        self.conf = conf
        self.volume_rpcapi = volume_rpcapi
        self.words = words

    def get(self, context, cgsnapshot_id):
        return db_group_snapshots.get_group_snapshot(context, cgsnapshot_id,
                                                     self.words.snapshot_not_found)

    def get_all(self, context, filters, all_projects, **page):
        """Cgsnapshots matching ``filters``, where ``consistencygroup_id`` means ``group_id``."""
        filters = dict(filters)
        if 'consistencygroup_id' in filters:
            filters['group_id'] = filters.pop('consistencygroup_id')
        return db_group_snapshots.list_group_snapshots(context, filters, all_projects,
                                                       **page)

    def create(self, context, group_id, name=None, description=None, check_group=None):
        """One snapshot per member volume, with snapshot quota, in one transaction.

        ``check_group(group)`` may refuse the group (the groups API refuses CGs).
        :raises NotFound: (404). :raises Invalid: (400) the group is not
            available or is empty. :raises OverQuota: (413).
        :raises ServiceUnavailable: (503) the cast was not sent; nothing is left.
        """
        group = db_groups.get_group(context, group_id, self.words.group_not_found)
        if check_group is not None:
            check_group(group)
        if group.status != 'available':
            raise self.words.invalid_group(
                reason='%s %s status must be available, but current status is %s.'
                       % (group_words.title(self.words.group), group_id,
                          group.status))
        checks.require_live_host(self.conf, context, group.host,
                                 '%s %s' % (self.words.group, group_id))
        cgsnapshot = {'id': db_common.new_id(), 'project_id': context.project_id,
                      'user_id': context.user_id, 'group_id': group_id,
                      'group_type_id': group.group_type_id,
                      'name': name, 'description': description, 'status': 'creating'}
        with db_engine.transaction(context):
            # The members are read under the group's row lock: no volume joins,
            # leaves or is deleted with the group until this commits.
            if not db_groups.hold_available(context, group):
                raise self.words.invalid_group(
                    reason='%s %s is no longer available.' % (self.words.group, group.id))
            snapshots = self._member_snapshots(context, group_id, cgsnapshot, self.words)
            names = db_types.get_type_names(
                context, {s['volume_type_id'] for s in snapshots})
            deltas = quota.snapshot_deltas(snapshots, names)
            quota.reserve(self.conf, context, context.project_id, deltas)
            db_group_snapshots.create_group_snapshot(context, cgsnapshot)
            db_snapshots.create_snapshots(context, snapshots)
        try:
            self.volume_rpcapi.create_cgsnapshot(context, group.host, cgsnapshot['id'])
        except exception.ServiceUnavailable:
            with db_engine.transaction(context):
                db_snapshots.delete_group_snapshot_members(context, cgsnapshot['id'])
                db_group_snapshots.delete_group_snapshot(context, cgsnapshot['id'])
                quota.release(context, context.project_id, deltas)
            raise
        return db_group_snapshots.get_group_snapshot(context, cgsnapshot['id'])

    @staticmethod
    def _member_snapshots(context, group_id, cgsnapshot, words):
        """One snapshot row per member volume; :raises Invalid: (400) empty or busy."""
        volumes = db_volumes.get_volumes_in_groups(context, [group_id])
        if not volumes:
            raise words.invalid_group(
                reason='%s is empty. No %s will be created.'
                       % (group_words.title(words.group), words.snapshot))
        busy = [v.id for v in volumes if v.status not in ('available', 'in-use')]
        if busy:
            raise words.invalid_group(
                reason='Volumes %s are not available.' % ', '.join(busy))
        return [{'id': db_common.new_id(), 'project_id': cgsnapshot['project_id'],
                 'user_id': cgsnapshot['user_id'], 'volume_id': v.id,
                 'group_snapshot_id': cgsnapshot['id'], 'volume_type_id': v.volume_type_id,
                 'status': 'creating', 'size': v.size, 'name': cgsnapshot['name'],
                 'description': cgsnapshot['description'], 'progress': '0%',
                 'provider_location': None} for v in volumes]

    def delete(self, context, cgsnapshot_id):
        """Move the cgsnapshot and its members to ``deleting`` and cast.

        A delete the backend refused (``error_deleting``) may be retried.
        :raises InvalidCgSnapshot: (400) in flight, or a clone uses it.
        :raises ServiceUnavailable: (503) the cast was not sent; nothing changed.
        """
        cgsnapshot = self.get(context, cgsnapshot_id)
        members = db_snapshots.get_group_snapshot_members(context, [cgsnapshot_id])
        with db_engine.transaction(context):
            if not db_group_snapshots.conditional_update(context, cgsnapshot_id,
                                                     {'status': 'deleting'},
                                                     DELETABLE):
                raise self.words.invalid_snapshot(
                    reason='%s status must be available or error'
                           % group_words.title(self.words.snapshot))
            if db_groups.count_clones_in_flight(context, group_snapshot_id=cgsnapshot_id):
                raise self.words.invalid_snapshot(
                    reason='%s %s is the source of a %s being created.'
                           % (group_words.title(self.words.snapshot), cgsnapshot_id,
                              self.words.group))
            db_snapshots.set_status_of_group_snapshot_members(context, cgsnapshot_id,
                                                          'deleting')
            # Under the members' row locks, which a volume made from one takes too.
            if db_volumes.count_copies_in_flight(context, snapshot_ids=[s.id for s in members]):
                raise self.words.invalid_snapshot(
                    reason='%s %s holds the source of a volume being created.'
                           % (group_words.title(self.words.snapshot), cgsnapshot_id))
        group = db_groups.get_group(context.elevated(), cgsnapshot.group_id)
        try:
            self.volume_rpcapi.delete_cgsnapshot(context, group.host, cgsnapshot_id)
        except exception.ServiceUnavailable:
            with db_engine.transaction(context):
                db_snapshots.update_snapshots(context, {s.id: {'status': s.status}
                                                        for s in members})
                db_group_snapshots.conditional_update(
                    context, cgsnapshot_id, {'status': cgsnapshot.status}, ('deleting',))
            raise
