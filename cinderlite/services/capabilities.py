"""Service layer for capabilities: what one volume backend reported about itself."""

from cinderlite import exception
from cinderlite import hosts
from cinderlite.db import services as db_services
from cinderlite.services import scheduler_stats


class CapabilityService:

    def show(self, context, host):
        """``(backend, capabilities)`` of the backend ``host@backend`` (a pool suffix is ignored).

        :raises NotFound: (404) no volume service is named so.
        """
        backend = hosts.backend_host(host)
        service = db_services.get_service(context.elevated(), backend,
                                          db_services.VOLUME_BINARY)
        if service is None:
            raise exception.NotFound("Can't find service: %s" % host)
        return backend, scheduler_stats.public_capabilities(
            db_services.capabilities_of(service))
