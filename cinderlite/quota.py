"""Quota: limits with defaults from config, and reservations inside the caller's transaction.

There is no separate reservation step: the service layer charges usage in the
same transaction that writes the rows, and the volume manager refunds it in
the transaction that deletes them. Usage therefore always equals a count of
rows, and a failure anywhere before commit leaves nothing charged.
"""

from cinderlite import exception
from cinderlite.db import quota_classes as db_quota_classes
from cinderlite.db import quotas as db_quotas

VOLUMES = 'volumes'
SNAPSHOTS = 'snapshots'
GIGABYTES = 'gigabytes'
# A consistency group counts against Cinder's ``groups`` quota (migration 0009).
GROUPS = 'groups'
BACKUPS = 'backups'
BACKUP_GIGABYTES = 'backup_gigabytes'
PER_VOLUME = 'per_volume_gigabytes'
TYPED = (VOLUMES, GIGABYTES, SNAPSHOTS)
#: Cinder 29's quota set, besides the per-type keys. cinderlite has no backup
#: service: ``backups`` and ``backup_gigabytes`` are shown and may be set, as
#: clients expect, and nothing ever consumes them.
RESOURCES = (VOLUMES, SNAPSHOTS, GIGABYTES, GROUPS, BACKUPS, BACKUP_GIGABYTES, PER_VOLUME)
#: The quota class whose limits are every project's defaults.
DEFAULT_CLASS = 'default'


def default_limits(conf):
    return {VOLUMES: conf.quota_volumes, SNAPSHOTS: conf.quota_snapshots,
            GIGABYTES: conf.quota_gigabytes, GROUPS: conf.quota_groups,
            BACKUPS: conf.quota_backups, BACKUP_GIGABYTES: conf.quota_backup_gigabytes,
            PER_VOLUME: conf.per_volume_size_limit}


def typed(resource, type_name):
    """The per-type resource name, such as ``volumes_fast``."""
    return '%s_%s' % (resource, type_name)


def is_known_resource(resource, type_names):
    """Whether ``resource`` is a quota: a base one, or a per-type one of an existing type."""
    return resource in RESOURCES or any(
        resource == typed(r, name) for r in TYPED for name in type_names)


def get_defaults(conf, context, type_names=()):
    """The limits of a project that set none: the ``default`` quota class over config.

    Per-type limits of ``type_names`` are -1 unless the class sets them.
    """
    limits = default_limits(conf)
    for name in type_names:
        for resource in TYPED:
            limits[typed(resource, name)] = -1
    limits.update(db_quota_classes.get_class_limits(context, DEFAULT_CLASS))
    return limits


def get_limits(conf, context, project_id, type_names=()):
    """Every limit that applies to ``project_id``: its own, else the defaults."""
    limits = get_defaults(conf, context, type_names)
    limits.update(db_quotas.get_limits(context, project_id))
    return limits


def volume_deltas(volumes, type_names):
    """The usage deltas of creating ``volumes`` (dicts with size and volume_type_id)."""
    deltas = {VOLUMES: 0, GIGABYTES: 0}
    for volume in volumes:
        name = type_names[volume['volume_type_id']]
        for resource, amount in ((VOLUMES, 1), (GIGABYTES, volume['size'])):
            deltas[resource] += amount
            key = typed(resource, name)
            deltas[key] = deltas.get(key, 0) + amount
    return deltas


def gigabytes_deltas(gigabytes, type_name):
    """The usage deltas of growing a volume of type ``type_name`` by ``gigabytes``."""
    deltas = {GIGABYTES: gigabytes}
    if type_name:
        deltas[typed(GIGABYTES, type_name)] = gigabytes
    return deltas


def snapshot_deltas(snapshots, type_names):
    deltas = {SNAPSHOTS: 0, GIGABYTES: 0}
    for snap in snapshots:
        name = type_names.get(snap['volume_type_id'])
        for resource, amount in ((SNAPSHOTS, 1), (GIGABYTES, snap['size'])):
            deltas[resource] += amount
            if name:
                key = typed(resource, name)
                deltas[key] = deltas.get(key, 0) + amount
    return deltas


def type_usage(type_name, volume_sizes=(), snapshot_sizes=()):
    """The per-type usage of volumes and snapshots of type ``type_name``.

    What a retype moves from the old type's keys to the new one's (the base
    ``volumes``, ``snapshots`` and ``gigabytes`` do not change).
    """
    if not type_name:
        return {}
    deltas = {typed(VOLUMES, type_name): len(volume_sizes),
              typed(SNAPSHOTS, type_name): len(snapshot_sizes),
              typed(GIGABYTES, type_name): sum(volume_sizes) + sum(snapshot_sizes)}
    return {r: d for r, d in deltas.items() if d}


def check(conf, context, project_id, deltas):
    """Whether ``deltas`` would fit now, without charging them (an early 413).

    The real charge, reserve(), runs later in the transaction that changes
    the rows, and may still refuse what a racing request took meanwhile.

    :raises OverQuota: (413) naming the first resource over its limit.
    """
    _refuse_over(deltas, db_quotas.get_usages(context, project_id),
                 get_limits(conf, context, project_id))


def _refuse_over(deltas, usages, limits):
    """:raises OverQuota: the first resource (in check order) ``deltas`` takes over its limit."""
    for resource in sorted(deltas, key=_check_order):
        delta, limit = deltas[resource], limits.get(resource, -1)
        if delta > 0 and limit >= 0 and usages.get(resource, 0) + delta > limit:
            raise _over_quota(resource, limit, delta, usages.get(resource, 0))


def check_volume_size(conf, context, project_id, size):
    limit = get_limits(conf, context, project_id)[PER_VOLUME]
    if limit >= 0 and size > limit:
        raise exception.VolumeSizeExceedsLimit(size=size, limit=limit)


def reserve(conf, context, project_id, deltas):
    """Charge ``deltas`` to ``project_id`` inside the caller's write transaction.

    The usage rows are locked first, so concurrent reservations (several API
    processes included) are serialised and can never over-commit.

    :raises OverQuota: (413) naming the first resource over its limit.
    """
    deltas = {r: d for r, d in deltas.items() if d}
    if not deltas:
        return
    usages = db_quotas.lock_usages(context, project_id, deltas)
    _refuse_over(deltas, usages, get_limits(conf, context, project_id))
    db_quotas.add_usages(context, project_id, deltas)


def release(context, project_id, deltas):
    """Refund ``deltas`` (positive numbers) inside the caller's transaction.

    Rows are updated in resource order, the order reserve() locks them in, so
    a refund and a reservation never wait for each other in a cycle.
    """
    db_quotas.add_usages(context, project_id, {r: -deltas[r] for r in sorted(deltas)})


def _check_order(resource):
    order = [GROUPS, VOLUMES, SNAPSHOTS, GIGABYTES]
    return (order.index(resource) if resource in order else len(order), resource)


def _over_quota(resource, limit, requested, consumed):
    base = resource.split('_', 1)[0] if resource not in (GROUPS,) else resource
    if base == GIGABYTES:
        return exception.VolumeSizeExceedsAvailableQuota(
            name=resource, requested=requested, quota=limit, consumed=consumed)
    if base == SNAPSHOTS:
        return exception.SnapshotLimitExceeded(allowed=limit, name=resource)
    if base == GROUPS:
        return exception.ConsistencyGroupLimitExceeded(allowed=limit, name=resource)
    return exception.VolumeLimitExceeded(allowed=limit, name=resource)
