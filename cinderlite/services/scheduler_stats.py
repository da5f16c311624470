"""Service layer for scheduler-stats: the pools the scheduler may place volumes in."""

from cinderlite.db import services as db_services

# Keys of a report that are ours alone, not capabilities a backend has.
_INTERNAL_KEYS = ('pool_host',)


def public_capabilities(reported):
    return {k: v for k, v in reported.items() if k not in _INTERNAL_KEYS}


class SchedulerStatsService:

    def __init__(self, conf):
        self.conf = conf

    def get_pools(self, context):
        """``[{'name': host@backend#pool, 'capabilities': {...}}]`` of each backend that
        takes new work (up and enabled), with what it last reported.
        """
        pools = []
        for row in db_services.list_services(context.elevated(),
                                             binary=db_services.VOLUME_BINARY):
            if not db_services.takes_new_work(row, self.conf.service_down_time):
                continue
            reported = db_services.capabilities_of(row)
            pools.append({'name': reported.get('pool_host', row.host),
                          'capabilities': public_capabilities(reported)})
        return pools
