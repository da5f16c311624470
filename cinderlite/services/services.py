"""Service layer for os-services: the services table, as Cinder names and shows it."""

import collections

from cinderlite import exception
from cinderlite.db import services as db_services
from cinderlite.services import checks

#: Cinder's names of our services. Clients filter on these (``binary=cinder-volume``),
#: and os-hosts shows them as each host's service.
CINDER_BINARIES = {db_services.SCHEDULER_BINARY: 'cinder-scheduler',
                   db_services.VOLUME_BINARY: 'cinder-volume'}
_OUR_BINARIES = {cinder: ours for ours, cinder in CINDER_BINARIES.items()}

#: ``backend_state`` (3.49): what the scheduler's pools say of a volume
#: service: ``up`` (or what its driver reports) while it takes new work,
#: None when the scheduler has no pool of it (down or disabled), as Cinder.
ServiceState = collections.namedtuple('ServiceState', [
    'binary', 'host', 'zone', 'disabled', 'disabled_reason', 'up', 'updated_at',
    'backend_state'], defaults=(None,))


def _backend_state(service, down_time):
    if (service.binary != db_services.VOLUME_BINARY
            or not db_services.takes_new_work(service, down_time)):
        return None
    return db_services.capabilities_of(service).get('backend_state', 'up')


def state_of(service, down_time):
    """A service row as the API shows it: Cinder's binary name, up or down."""
    return ServiceState(
        backend_state=_backend_state(service, down_time),
        binary=CINDER_BINARIES.get(service.binary, service.binary), host=service.host,
        zone=checks.AVAILABILITY_ZONE, disabled=service.disabled,
        disabled_reason=service.disabled_reason,
        up=db_services.is_up(service, down_time),
        updated_at=service.updated_at or service.created_at)


class ServiceStateService:

    def __init__(self, conf):
        self.conf = conf

    def list(self, context, host=None, binary=None):
        """Every service (``host`` and ``binary`` filter as Cinder's do), as ServiceStates."""
        if binary and binary not in _OUR_BINARIES:
            return []
        rows = db_services.list_services(context, binary=_OUR_BINARIES.get(binary),
                                         host=host)
        return [state_of(row, self.conf.service_down_time) for row in rows]

    def replication_services(self, context, host, cluster):
        """The volume services a freeze, thaw or failover names (Cinder's checks).

        cinderlite runs no clusters, so a ``cluster`` names none.

        :raises BadRequest: (400) no such service, or services of several backends.
        """
        rows = db_services.list_services(context, binary=db_services.VOLUME_BINARY,
                                         host=host) if host else []
        if not rows:
            raise exception.BadRequest(
                reason='No service found with %s' % ('host=%s' % host if host
                                                     else 'cluster=%s' % cluster))
        if any(row.host != rows[0].host for row in rows):
            raise exception.BadRequest(reason='Services from different clusters found.')
        return rows

    def set_disabled(self, context, host, binary, disabled, reason=None):
        """Enable or disable one service; a disabled volume service takes no new work.

        :raises HostServiceNotFound: (404) no service ``binary`` on ``host``.
        """
        row = db_services.set_disabled(context, host, _OUR_BINARIES.get(binary),
                                       disabled, reason) if binary in _OUR_BINARIES else None
        if row is None:
            raise exception.HostServiceNotFound(binary=binary, host=host)
        return state_of(row, self.conf.service_down_time)
