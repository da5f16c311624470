"""Service layer of the groups API (3.13+): groups of any type but the CG one.

The life cycle (create, membership, delete) and the clone are the ones the
consistency group API uses, given the groups API's words; this module adds
what only generic groups have: a group type, the reserved-type guard, reset
status and member listings.
"""

from cinderlite import exception
from cinderlite.db import group_types as db_group_types
from cinderlite.db import groups as db_groups
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.services import consistencygroups
from cinderlite.services import group_types
from cinderlite.services import group_words

#: Cinder's GroupStatus values accepted by reset_status (it checks against the
#: group snapshot statuses, so ``in-use`` is refused there too).
RESET_STATUSES = ('error', 'available', 'creating', 'deleting', 'deleted', 'updating',
                  'error_deleting')


def refuse_cg(context, group):
    """:raises BadRequest: (400) ``group`` is a consistency group, for the CG API only."""
    if group.group_type_id == db_group_types.get_cg_type(context).id:
        raise exception.BadRequest(
            reason='Group_type %s is reserved for migrating CGs to groups. Migrated group '
                   'can only be operated by CG APIs.' % group.group_type_id)


#: The verbs of Cinder's messages for each group replication action (3.38).
REPLICATION_ACTIONS = {'enable_replication': 'enable replication',
                       'disable_replication': 'disable replication',
                       'failover_replication': 'failover replication',
                       'list_replication_targets': 'list replication targets'}


def _is_true_spec(value):
    return (value or '').strip().lower() in ('<is> true', 'true')


class GroupService:

    def __init__(self, conf, scheduler_rpcapi, volume_rpcapi, clones):
        self.conf = conf
        self.lifecycle = consistencygroups.ConsistencyGroupService(
            conf, scheduler_rpcapi, volume_rpcapi, group_words.GROUP)
        self.clones = clones

    def get(self, context, group_id):
        """:raises GroupNotFound: (404). :raises BadRequest: (400) a consistency group."""
        group = self.lifecycle.get(context, group_id)
        refuse_cg(context, group)
        return group

    def get_all(self, context, filters, all_projects, **page):
        return db_groups.list_groups(context, filters, all_projects,
                                     except_type_id=db_group_types.get_cg_type(context).id,
                                     **page)

    def volume_type_ids(self, context, groups):
        return self.lifecycle.volume_type_ids(context, groups)

    def volume_ids(self, context, groups):
        """``{group id: [member volume ids]}``, one query."""
        result = {g.id: [] for g in groups}
        if groups:
            for volume in db_volumes.get_volumes_in_groups(context, list(result)):
                result[volume.group_id].append(volume.id)
        return result

    def create(self, context, name, description, group_type, volume_types,
               availability_zone=None):
        """Create an empty group of ``group_type`` (name or id) accepting ``volume_types``.

        :raises GroupTypeNotFound: (404). :raises BadRequest: (400) the CG type.
        :raises VolumeTypeNotFound: (404). :raises OverQuota: (413).
        """
        gtype = group_types.get_usable_type(context, group_type)
        if gtype.name == db_group_types.CG_TYPE_NAME:
            raise exception.BadRequest(
                reason='Group_type %s is reserved for migrating CGs to groups. Migrated '
                       'group can only be operated by CG APIs.' % gtype.id)
        return self.lifecycle.create(context, name, description, volume_types,
                                     availability_zone, group_type_id=gtype.id)

    def update(self, context, group_id, name=None, description=None, add_volumes=(),
               remove_volumes=(), fields=()):
        self.get(context, group_id)
        self.lifecycle.update(context, group_id, name, description, add_volumes,
                              remove_volumes, fields)

    def delete(self, context, group_id, delete_volumes=False):
        self.get(context, group_id)
        self.lifecycle.delete(context, group_id, force=delete_volumes)

    def check_replication(self, context, group, action):
        """The answer to a group replication action (3.38): always a 400.

        Cinder first checks the types (``group_replication_enabled`` on the
        group type, ``replication_enabled`` on each volume type) and its
        replication status, which is ``disabled`` for every cinderlite group;
        a group that passes these would need a backend that replicates, and
        no cinderlite driver does.

        :raises InvalidGroupType, InvalidVolumeType, InvalidGroup: (400).
        """
        specs = db_group_types.get_specs(context, [group.group_type_id])[group.group_type_id]
        if not _is_true_spec(specs.get('group_replication_enabled')):
            raise exception.InvalidGroupType(
                reason='Group %s is not a replication group type.' % group.id)
        type_ids = self.volume_type_ids(context, [group])[group.id]
        for type_id, extra in sorted(db_types.get_extra_specs(context, type_ids).items()):
            if not _is_true_spec(extra.get('replication_enabled')):
                raise exception.InvalidVolumeType(
                    reason="Volume type %s does not have 'replication_enabled' spec key "
                           "set to '<is> True'." % type_id)
        verb = REPLICATION_ACTIONS[action]
        if action in ('disable_replication', 'failover_replication'):
            valid = (['enabled', 'error'] if action == 'disable_replication'
                     else ['enabled', 'failed-over'])
            raise exception.InvalidGroup(
                reason='Group %s replication status must be %s, but current status is: '
                       'disabled. Cannot %s.' % (group.id, valid, verb))
        raise exception.InvalidGroup(
            reason='Group %s is on a backend that does not replicate. Cannot %s.'
                   % (group.id, verb))

    def reset_status(self, context, group_id, status):
        """Write ``status`` as it is (an admin's repair).

        :raises InvalidGroupStatus: (400) empty or not one of RESET_STATUSES.
        """
        self.get(context, group_id)
        status = (status or '').lower()
        if not status:
            raise exception.InvalidGroupStatus(reason="The 'status' can not be empty.")
        if status not in RESET_STATUSES:
            raise exception.InvalidGroupStatus(
                reason='Group status: %s is invalid, valid status are: %s.'
                       % (status, RESET_STATUSES))
        db_groups.update_group(context, group_id, {'status': status})

    def create_from_src(self, context, name=None, description=None, group_snapshot_id=None,
                        source_group_id=None):
        """Clone a generic group or group snapshot (see GroupCloneService)."""
        return self.clones.create_from_src(
            context, name=name, description=description,
            group_snapshot_id=group_snapshot_id, source_group_id=source_group_id,
            words=group_words.GROUP, check_source=lambda g: refuse_cg(context, g))
