"""Live volume backends as the scheduler sees them: reported stats plus placements since."""

from cinderlite.db import services as db_services
from cinderlite.db import volumes as db_volumes
from cinderlite.scheduler import capacity


class HostState:
    """One live backend: where a volume placed on it goes, and its capacity now."""

    def __init__(self, service, capabilities, allocated_now_gb):
        self.service_host = service.host
        self.pool_host = capabilities.get('pool_host', service.host)
        self.backend_name = capabilities.get('volume_backend_name')
        self.capabilities = capabilities
        self.capacity = capacity.Capacity.from_report(capabilities, allocated_now_gb)


def live_hosts(context, service_down_time):
    """Every volume backend that takes new work (up and enabled), its capacity
    charged with what the database holds.

    A placement is charged once its volume row names the host, so a caller
    that places several volumes must write each host before it reads again.
    """
    allocated = db_volumes.sum_sizes_by_host(context)
    hosts = []
    for service in db_services.list_services(context, db_services.VOLUME_BINARY):
        if not db_services.takes_new_work(service, service_down_time):
            continue
        capabilities = db_services.capabilities_of(service)
        pool_host = capabilities.get('pool_host', service.host)
        hosts.append(HostState(service, capabilities, allocated.get(pool_host, 0.0)))
    return hosts
