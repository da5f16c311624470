"""Service layer for scheduler-stats: the pools the scheduler may place volumes in."""

from oslo_utils import strutils

from cinderlite.db import services as db_services
from cinderlite.db import types as db_types
from cinderlite.scheduler import extra_specs_ops

# Keys of a report that are ours alone, not capabilities a backend has.
_INTERNAL_KEYS = ('pool_host',)


def public_capabilities(reported):
    return {k: v for k, v in reported.items() if k not in _INTERNAL_KEYS}


class SchedulerStatsService:

    def __init__(self, conf):
        self.conf = conf

    def get_pools(self, context, filters=None):
        """``[{'name': host@backend#pool, 'capabilities': {...}}]`` of each backend that
        takes new work (up and enabled), with what it last reported.

        ``filters`` as Cinder's scheduler reads them (3.28): ``name`` the
        pool's name, ``volume_type`` (3.35, a name or id) the pools whose
        capabilities meet the type's extra specs, any other key a capability
        equal to the value.

        :raises VolumeTypeNotFoundByName: (404) an unknown ``volume_type``.
        """
        filters = dict(filters or {})
        name = filters.pop('name', None)
        volume_type = filters.pop('volume_type', None)
        specs = None
        if volume_type:
            vtype = db_types.get_type_by_name_or_id(context.elevated(), volume_type)
            specs = db_types.get_extra_specs(context.elevated(), [vtype.id])[vtype.id]
        pools = []
        for row in db_services.list_services(context.elevated(),
                                             binary=db_services.VOLUME_BINARY):
            if not db_services.takes_new_work(row, self.conf.service_down_time):
                continue
            reported = db_services.capabilities_of(row)
            pool = {'name': reported.get('pool_host', row.host),
                    'capabilities': public_capabilities(reported)}
            if name and pool['name'] != name:
                continue
            if not all(_equal_after_convert(pool['capabilities'].get(key), value)
                       for key, value in filters.items()):
                continue
            if specs is not None and not extra_specs_ops.satisfies(pool['capabilities'],
                                                                   specs):
                continue
            pools.append(pool)
        return pools


def _equal_after_convert(capability, value):
    """Cinder's HostManager._equal_after_convert: a query string against a capability."""
    if isinstance(value, type(capability)) or capability is None:
        return value == capability
    if isinstance(capability, bool):
        return capability == strutils.bool_from_string(value)
    return str(value) == str(capability)
