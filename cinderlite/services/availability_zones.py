"""Service layer for os-availability-zone: the one zone, and whether it takes volumes."""

from cinderlite.db import services as db_services
from cinderlite.services import checks


class AvailabilityZoneService:

    def __init__(self, conf):
        self.conf = conf

    def list(self, context):
        """``[{'name', 'available'}]``: available while a volume service takes new work."""
        available = any(
            db_services.takes_new_work(row, self.conf.service_down_time)
            for row in db_services.list_services(context.elevated(),
                                                 binary=db_services.VOLUME_BINARY))
        return [{'name': checks.AVAILABILITY_ZONE, 'available': available}]
