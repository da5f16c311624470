"""Service layer for os-hosts: the enabled services by host, and what a backend holds."""

from cinderlite import exception
from cinderlite.db import hosts as db_hosts
from cinderlite.db import services as db_services
from cinderlite.services import services


class HostService:

    def __init__(self, conf):
        self.conf = conf

    def list(self, context, zone=None):
        """The enabled services as ServiceStates (Cinder lists no disabled one)."""
        states = [services.state_of(row, self.conf.service_down_time)
                  for row in db_services.list_services(context) if not row.disabled]
        return [s for s in states if not zone or s.zone == zone]

    def show(self, context, host):
        """Usage on the volume backend ``host`` (``node@backend``), per project.

        :returns: ``{project_id: {volume_count, volume_gb, snapshot_count, snapshot_gb}}``.
        :raises HostServiceNotFound: (404) no volume service is named ``host``.
        """
        if db_services.get_service(context, host, db_services.VOLUME_BINARY) is None:
            raise exception.HostServiceNotFound(
                binary=services.CINDER_BINARIES[db_services.VOLUME_BINARY], host=host)
        return db_hosts.usage_by_project(context, host)
