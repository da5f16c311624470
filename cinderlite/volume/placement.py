"""Checks shared by every request that lands work on a known host (clones, group members)."""

from cinderlite import exception
from cinderlite.db import services as db_services
from cinderlite.scheduler import host_state
from cinderlite.volume import hosts


def require_live_host(conf, context, host, what):
    """:raises NoValidHost: (400) when the volume service of ``host`` is down or unknown."""
    service = db_services.get_service(context.elevated(), hosts.backend_host(host),
                                      host_state.VOLUME_BINARY) if host else None
    if service is None or not host_state.is_up(service, conf.service_down_time):
        # Host names are the operator's business: only admins are told which.
        where = ' of %s' % (hosts.backend_host(host) or 'no host') if context.is_admin else ''
        raise exception.NoValidHost(
            reason='The volume service%s, which holds %s, is down.' % (where, what))
