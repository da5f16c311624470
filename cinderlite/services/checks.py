"""Checks shared by the service modules: the zone asked for, and live hosts for placed work."""

from cinderlite import exception
from cinderlite import hosts
from cinderlite.db import services as db_services
from cinderlite.db import types as db_types

# Every backend serves the one zone Cinder names by default.
AVAILABILITY_ZONE = 'nova'


def check_availability_zone(availability_zone):
    """:raises InvalidInput: (400) a zone other than the one cinderlite serves."""
    if availability_zone not in (None, '', AVAILABILITY_ZONE):
        raise exception.InvalidInput(
            reason="Availability zone '%s' is invalid." % availability_zone)


def asks_another_backend(context, vtype, host):
    """Whether ``vtype``'s ``volume_backend_name`` names a backend other than ``host``'s.

    A volume's host is ``host@backend#pool``, and the pool is the backend's name.
    """
    wanted = db_types.get_extra_specs(context.elevated(), [vtype.id])[vtype.id].get(
        'volume_backend_name')
    return bool(wanted) and wanted != (host or '').partition('#')[2]


def host_capabilities(context, host):
    """What the volume service of ``host`` last reported (``{}`` if unknown)."""
    service = db_services.get_service(context.elevated(), hosts.backend_host(host),
                                      db_services.VOLUME_BINARY) if host else None
    return db_services.capabilities_of(service) if service is not None else {}


def require_live_host(conf, context, host, what):
    """:raises NoValidHost: (400) when the volume service of ``host`` is down or unknown."""
    service = db_services.get_service(context.elevated(), hosts.backend_host(host),
                                      db_services.VOLUME_BINARY) if host else None
    if service is None or not db_services.is_up(service, conf.service_down_time):
        # Host names are the operator's business: only admins are told which.
        where = ' of %s' % (hosts.backend_host(host) or 'no host') if context.is_admin else ''
        raise exception.NoValidHost(
            reason='The volume service%s, which holds %s, is down.' % (where, what))
