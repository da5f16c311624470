"""Service layer of group life cycles: create, update membership, delete.

One class serves the consistency group API and the groups API (the rows
are the same); each gets its own :mod:`group_words`.
"""

from cinderlite import exception
from cinderlite import hosts
from cinderlite import quota
from cinderlite import statuses
from cinderlite.db import common as db_common
from cinderlite.db import engine as db_engine
from cinderlite.db import group_snapshots as db_group_snapshots
from cinderlite.db import group_types as db_group_types
from cinderlite.db import groups as db_groups
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.services import checks
from cinderlite.services import group_words
from cinderlite.services import types as type_service

DELETABLE_GROUPS = ('available', 'error')
# Force may also retry a delete the backend refused (Cinder's force ignores the
# status); a group or volume still in flight is left alone.
FORCE_DELETABLE_GROUPS = DELETABLE_GROUPS + ('error_deleting',)
# Members are only ever deleted with force.
DELETABLE_VOLUMES = ('available', 'error', 'error_restoring', 'error_extending',
                     'error_managing', 'error_deleting')


class ConsistencyGroupService:

    def __init__(self, conf, scheduler_rpcapi, volume_rpcapi, words=group_words.CG):
        self.conf = conf
        self.scheduler_rpcapi = scheduler_rpcapi
        self.volume_rpcapi = volume_rpcapi
        self.words = words

    def get(self, context, group_id):
        """The group as a read-only row: what views and existence checks read."""
        return db_groups.read_group(context, group_id, self.words.group_not_found)

    def get_all(self, context, filters, all_projects, **page):
        return db_groups.list_groups(context, filters, all_projects, **page)

    def volume_type_ids(self, context, groups):
        return db_groups.get_volume_type_ids(context, [g.id for g in groups])

    def create(self, context, name, description, volume_types, availability_zone=None,
               group_type_id=None):
        """Charge the group quota and write the group in one transaction; schedule it.

        :raises InvalidInput: (400) no volume types, or an unknown availability zone.
        :raises VolumeTypeNotFound: (404). :raises OverQuota: (413) nothing is written.
        :raises ServiceUnavailable: (503) the cast was not sent; nothing is left.
        """
        if not volume_types:
            raise exception.BadRequest(
                reason='volume_types must be provided to create consistency group %s.'
                       % name)
        checks.check_availability_zone(availability_zone)
        types = db_types.get_types_by_names_or_ids(context, volume_types)
        for vtype, asked in zip(types, volume_types):
            type_service.require_access(context, vtype, asked)
        row = {'id': db_common.new_id(), 'project_id': context.project_id,
               'user_id': context.user_id, 'host': None,
               'availability_zone': checks.AVAILABILITY_ZONE, 'name': name,
               'description': description, 'status': 'creating',
               'group_type_id': group_type_id or db_group_types.get_cg_type(context).id,
               'source_group_id': None, 'group_snapshot_id': None}
        self._write_group(context, row, sorted({t.id for t in types}))
        try:
            self.scheduler_rpcapi.create_consistencygroup(context, row['id'])
        except exception.ServiceUnavailable:
            with db_engine.transaction(context):
                db_groups.delete_group(context, row['id'])
                quota.release(context, context.project_id, {quota.GROUPS: 1})
            raise
        return db_groups.get_group(context, row['id'])

    @db_engine.retry_on_deadlock
    def _write_group(self, context, row, type_ids):
        """Charge the group quota and insert the group: one transaction."""
        with db_engine.transaction(context):
            quota.reserve(self.conf, context, context.project_id, {quota.GROUPS: 1})
            db_groups.create_group(context, row, type_ids)

    def update(self, context, group_id, name=None, description=None, add_volumes=(),
               remove_volumes=(), fields=()):
        """Rename, or record a membership change and cast it to the group's host.

        ``fields`` names the keys the request gave (so a name can be blanked).
        :raises Invalid: (400) for every membership guard of API.md section 2.
        :raises NotFound: (404) the group or a volume is missing or another project's.
        :raises ServiceUnavailable: (503) the cast was not sent; nothing changed.
        """
        group = db_groups.get_group(context, group_id, self.words.group_not_found)
        add, remove = list(dict.fromkeys(add_volumes)), list(dict.fromkeys(remove_volumes))
        if set(add) & set(remove):
            raise exception.InvalidVolume(
                reason='UUIDs %s are in both add and remove volume list.'
                       % ', '.join(sorted(set(add) & set(remove))))
        values = {k: v for k, v in (('name', name), ('description', description))
                  if k in fields}
        if not (add or remove):
            if values:
                db_groups.update_group(context, group_id, values)
            return
        # First, as Cinder does: the members of a group that is not available
        # (never placed, busy, in error) are not worth judging.
        if group.status != 'available':
            raise self.words.invalid_group(
                reason='%s status must be available, but current status is: %s.'
                       % (group_words.title(self.words.group), group.status))
        self._check_additions(context, group, add)
        self._check_removals(context, group, remove)
        with db_engine.transaction(context):
            if not db_groups.conditional_update(context, group_id,
                                                dict(values, status='updating'),
                                                ('available',)):
                raise self.words.invalid_group(
                    reason='Group status must be available.')
            if db_volumes.move_to_group(context, add, group_id, None,
                                        statuses.VOLUME_USABLE) != len(add):
                raise exception.InvalidInput(
                    reason='A volume to add changed while the group was being updated.')
            if db_volumes.move_to_group(context, remove, None, group_id) != len(remove):
                raise exception.InvalidInput(
                    reason='A volume to remove left the group during the update.')
            # Again under the group's row lock: a clone of this group that committed
            # since the check above holds that lock first, and is seen here.
            self._check_not_cloning(context, remove)
        try:
            self.volume_rpcapi.update_consistencygroup(context, group.host, group_id, add,
                                                       remove)
        except exception.ServiceUnavailable:
            with db_engine.transaction(context):
                db_volumes.move_to_group(context, add, None, group_id)
                db_volumes.move_to_group(context, remove, group_id, None)
                db_groups.conditional_update(
                    context, group_id, {'name': group.name, 'description': group.description,
                                        'status': group.status}, ('updating',))
            raise

    def _check_additions(self, context, group, add):
        if not add:
            return
        found = {v.id: v for v in db_volumes.get_volumes_by_ids(context, add)}
        accepted = db_groups.get_volume_type_ids(context, [group.id])[group.id]
        for volume_id in add:
            volume = found.get(volume_id)
            if volume is None:
                raise exception.VolumeNotFound(volume_id=volume_id)
            problem = None
            if volume.project_id != group.project_id:
                # Only an admin gets this far with another project's volume
                # (LP #1712588: a group must never hold one).
                problem = 'it belongs to another project'
            elif volume.group_id:
                problem = 'it is already in %s %s' % (self.words.group, volume.group_id)
            elif volume.status not in statuses.VOLUME_USABLE:
                problem = ('volume is in an invalid state: %s. Valid states are: %s'
                           % (volume.status, ', '.join(statuses.VOLUME_USABLE)))
            elif volume.volume_type_id not in accepted:
                problem = ('volume type %s is not supported by the group'
                           % volume.volume_type_id)
            elif hosts.backend_host(volume.host) != hosts.backend_host(group.host):
                problem = 'it is not on the group\'s host'
            if problem:
                raise exception.InvalidVolume(
                    reason='Cannot add volume %s to %s %s because %s.'
                           % (volume_id, self.words.group, group.id, problem))

    def _check_removals(self, context, group, remove):
        if not remove:
            return
        found = {v.id: v for v in db_volumes.get_volumes_by_ids(context, remove)}
        for volume_id in remove:
            volume = found.get(volume_id)
            if volume is None:
                raise exception.VolumeNotFound(volume_id=volume_id)
            if volume.group_id != group.id:
                raise exception.InvalidVolume(
                    reason='Cannot remove volume %s from %s %s because it is not in the '
                           'group.' % (volume_id, self.words.group, group.id))
        self._check_not_cloning(context, remove)

    @staticmethod
    def _check_not_cloning(context, volume_ids):
        if db_volumes.count_copies_in_flight(context, source_volids=volume_ids):
            raise exception.InvalidVolume(
                reason='Cannot remove volumes that are the source of a clone in progress.')

    def delete(self, context, group_id, force=False):
        """Move the group (and with ``force`` its volumes) to ``deleting`` and cast.

        ``force`` also retries a delete that failed (``error_deleting``).
        :raises InvalidConsistencyGroup: (400) wrong status, has cgsnapshots,
            is the source of a clone in progress, holds volumes without force,
            or holds volumes with snapshots.
        :raises ServiceUnavailable: (503) the cast was not sent; nothing changed.
        """
        group = db_groups.get_group(context, group_id, self.words.group_not_found)
        with db_engine.transaction(context):
            if not db_groups.conditional_update(
                    context, group_id, {'status': 'deleting'},
                    FORCE_DELETABLE_GROUPS if force else DELETABLE_GROUPS):
                raise self.words.invalid_group(
                    reason='%s status must be available or error, but current status '
                           'is: %s' % (group_words.title(self.words.group), group.status))
            # Everything below is read under the group's row lock, which a volume
            # created into the group, a cgsnapshot of it and a clone of it take
            # too: each committed before (and is seen) or fails after.
            volumes = db_volumes.get_volumes_in_groups(context, [group_id])
            self._check_deletable(context, group, volumes, force)
            # Read now: the update below refreshes these objects in the session.
            previous = {v.id: {'status': v.status} for v in volumes}
            moved = db_volumes.set_status_where(context, [v.id for v in volumes],
                                                'deleting', DELETABLE_VOLUMES)
            if moved != len(volumes):
                raise self.words.invalid_group(
                    reason='Every volume of the group must be available or error to '
                           'delete it.')
            if not group.host:
                db_groups.delete_group(context, group_id)
                quota.release(context, group.project_id, {quota.GROUPS: 1})
        if not group.host:
            return
        try:
            self.volume_rpcapi.delete_consistencygroup(context, group.host, group_id)
        except exception.ServiceUnavailable:
            with db_engine.transaction(context):
                db_volumes.update_volumes(context, previous)
                db_groups.conditional_update(context, group_id, {'status': group.status},
                                             ('deleting',))
            raise

    def _check_deletable(self, context, group, volumes, force):
        if db_groups.count_clones_in_flight(context, source_group_id=group.id):
            raise self.words.invalid_group(
                reason='%s %s is the source of a clone in progress.'
                       % (group_words.title(self.words.group), group.id))
        if db_volumes.count_copies_in_flight(context, source_volids=[v.id for v in volumes]):
            raise self.words.invalid_group(
                reason='%s %s holds the source of a volume being created.'
                       % (group_words.title(self.words.group), group.id))
        if db_group_snapshots.count_group_snapshots_of_group(context, group.id):
            raise self.words.invalid_group(
                reason='%s %s still has dependent %s.'
                       % (group_words.title(self.words.group), group.id, self.words.snapshots))
        if volumes and not force:
            raise self.words.invalid_group(
                reason='%s %s still contains volumes. The %s flag is required to '
                       'delete it.' % (group_words.title(self.words.group), group.id,
                                       self.words.force_flag))
        if db_snapshots.count_snapshots_of_volumes(context, [v.id for v in volumes]):
            raise self.words.invalid_group(
                reason='%s %s contains volumes that have snapshots.'
                       % (group_words.title(self.words.group), group.id))
