"""Live volume backends as the scheduler sees them: reported stats minus recent placements."""

import threading

from cinderlite.db import services as db_services


class HostState:
    def __init__(self, service, capabilities, consumed_gb):
        self.service_host = service.host
        self.pool_host = capabilities.get('pool_host', service.host)
        self.backend_name = capabilities.get('volume_backend_name')
        self.free_capacity_gb = float(capabilities.get('free_capacity_gb', 0)) - consumed_gb

    def consume(self, size_gb):
        self.free_capacity_gb -= size_gb


class HostStateTracker:
    """Free capacity per backend, charged for what was placed since its last report.

    A backend reports its free space every ``report_interval``; without this
    charge a burst of creations would all land on whichever backend reported
    the most free space.
    """

    def __init__(self, conf):
        self.conf = conf
        self._lock = threading.Lock()
        self._consumed = {}

    def live_hosts(self, context):
        hosts = []
        for service in db_services.list_services(context, db_services.VOLUME_BINARY):
            if not db_services.is_up(service, self.conf.service_down_time):
                continue
            seen, consumed = self._consumed.get(service.host, (None, 0))
            if seen != service.capabilities:
                consumed = 0
                self._consumed[service.host] = (service.capabilities, 0)
            hosts.append(HostState(service, db_services.capabilities_of(service),
                                   consumed))
        return hosts

    def consume(self, host_state, size_gb):
        with self._lock:
            seen, consumed = self._consumed.get(host_state.service_host, (None, 0))
            self._consumed[host_state.service_host] = (seen, consumed + size_gb)
        host_state.consume(size_gb)
