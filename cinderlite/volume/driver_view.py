"""Read-only views of database rows handed to drivers (never ORM objects)."""

from cinderlite.db import group_types as db_group_types
from cinderlite.db import volumes as db_volumes


class Resource(dict):
    """A read-only dict that also answers attribute access: ``volume.id`` or ``volume['id']``.

    Drivers get these, so a driver cannot change a row behind the manager's
    back: what it wants recorded it returns as a model update. Changing a
    view raises TypeError; ``dict(view)`` gives a driver a copy of its own.
    """

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

    def _read_only(self, *args, **kwargs):
        raise TypeError('%s is a read-only view of a row; return a model update instead'
                        % type(self).__name__)

    __setitem__ = __delitem__ = __setattr__ = __delattr__ = _read_only
    clear = pop = popitem = setdefault = update = __ior__ = _read_only

    def __reduce__(self):
        return type(self), (dict(self),)

    @classmethod
    def of(cls, row, **extra):
        return cls(with_legacy_names(row.__tablename__, row.to_dict()), **extra)


#: Cinder's objects answer the consistency-group names of the columns too, and
#: drivers written for consistency groups read them.
_LEGACY_NAMES = {'volumes': {'consistencygroup_id': 'group_id'},
                 'snapshots': {'cgsnapshot_id': 'group_snapshot_id'},
                 'group_snapshots': {'consistencygroup_id': 'group_id'}}


def with_legacy_names(table, values):
    """``values`` (a row's columns) plus the legacy names of its group columns."""
    return dict(values, **{old: values.get(new)
                           for old, new in _LEGACY_NAMES.get(table, {}).items()})


def snapshot_views(ctx, snapshots):
    """Driver views of ``snapshots``, each with its parent volume's view (one query)."""
    volumes = {v.id: v for v in db_volumes.get_volumes_by_ids(
        ctx, {s.volume_id for s in snapshots})}
    return [Resource.of(s, volume=Resource.of(volumes[s.volume_id])) for s in snapshots]


def group_view(ctx, group):
    """The driver view of ``group``, with ``group_specs``: its group type's specs."""
    specs = db_group_types.get_specs(ctx, [group.group_type_id])[group.group_type_id]
    return Resource.of(group, group_specs=specs)
