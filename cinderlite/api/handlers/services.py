"""os-services handlers (admin): list with filters; enable, disable, disable-log-reason.

Also freeze, thaw and failover_host (with ``cluster`` from 3.26), which answer
what Cinder answers for backends that replicate nothing and run no clusters.
"""

import webob.exc

from cinderlite import exception
from cinderlite.api import microversion
from cinderlite.api import wsgi
from cinderlite.api.schemas import services as schema
from cinderlite.api.views import services as view
from cinderlite.policies import services as policies


def index(req):
    """GET /os-services[?host=&binary=]: 200 (``binary`` is Cinder's name, cinder-volume)."""
    context = wsgi.context_of(req)
    context.can(policies.GET_ALL)
    states = wsgi.services_of(req).services.list(
        context, host=req.GET.get('host'), binary=req.GET.get('binary'))
    return wsgi.json_response(view.index(states, microversion.at_least(req, 3, 7),
                                         microversion.at_least(req, 3, 49)))


# action: (request schema, disabled, whether the answer carries disabled_reason)
_ACTIONS = {'enable': (schema.ENABLE_DISABLE, False, True),
            'disable': (schema.ENABLE_DISABLE, True, False),
            'disable-log-reason': (schema.DISABLE_LOG_REASON, True, True)}


def _cluster_host(req, body, cluster_version=(3, 26)):
    """Cinder's ``get_cluster_host``: ``(cluster, host)``, exactly one set.

    Below ``cluster_version`` (or with None) ``cluster`` is not read.
    """
    if cluster_version and microversion.at_least(req, *cluster_version):
        cluster = body.get('cluster')
        message = 'One and only one of cluster and host must be set.'
    else:
        cluster = None
        message = 'Host field is missing.'
    host = body.get('host')
    if bool(cluster) == bool(host):
        raise exception.InvalidInput(reason=message)
    return cluster, host


def _failover_host(req, context):
    """PUT /os-services/failover_host: Cinder's 400, as no backend replicates.

    Cinder fails over only services whose ``replication_status`` is
    ``enabled`` or ``failed-over``; every cinderlite volume service is
    ``not-capable``.
    """
    body = wsgi.json_body(req, schema.FAILOVER_HOST)
    cluster, host = _cluster_host(req, body)
    rows = wsgi.services_of(req).services.replication_services(context, host, cluster)
    raise exception.InvalidInput(
        reason="No service could be changed: replication_status in %s must be "
               "['enabled', 'failed-over'] and must be up to failover."
               % [row.host for row in rows])


def _freeze_thaw(req, context, service_action):
    """PUT /os-services/freeze or thaw: 400 after Cinder's checks of the body and host.

    Freezing stops every management operation on a backend until it is
    thawed, for replication failover; cinderlite does not provide it.
    """
    body = wsgi.json_body(req, schema.FREEZE_THAW)
    cluster, host = _cluster_host(req, body)
    rows = wsgi.services_of(req).services.replication_services(context, host, cluster)
    raise exception.InvalidInput(
        reason='%s is not provided: cinderlite backends replicate nothing, so %s cannot '
               'be frozen for a failover.' % (service_action, rows[0].host))


def _set_log(req, context):
    """PUT /os-services/set-log (3.32): 202 empty; 400 a bad body or level."""
    body = wsgi.json_body(req, schema.SET_LOG)
    wsgi.services_of(req).log_levels.set_levels(
        context, body.get('binary'), body.get('server'), body.get('prefix'),
        body.get('level'))
    return wsgi.empty_response(202)


def _get_log(req, context):
    """PUT /os-services/get-log (3.32): 200 ``{"log_levels": [{host, binary, levels}]}``."""
    body = wsgi.json_body(req, schema.GET_LOG)
    levels = wsgi.services_of(req).log_levels.get_levels(
        context, body.get('binary'), body.get('server'), body.get('prefix'))
    return wsgi.json_response({'log_levels': levels})


_LOG_ACTIONS = {'set-log': _set_log, 'get-log': _get_log}


def update(req, service_action):
    """PUT /os-services/{enable,disable,disable-log-reason}: 200.

    400 for another action ("Unknown action"), a bad body or no host; 404
    when the host has no such service. freeze, thaw and failover_host: 400.
    set-log and get-log (3.32, 404 below) change and read the log levels of
    this API process and of each live service.
    """
    context = wsgi.context_of(req)
    if service_action in _LOG_ACTIONS and not microversion.at_least(req, 3, 32):
        raise webob.exc.HTTPNotFound(detail='The resource could not be found.')
    context.can(policies.UPDATE)
    if service_action in _LOG_ACTIONS:
        return _LOG_ACTIONS[service_action](req, context)
    if service_action == 'failover_host':
        return _failover_host(req, context)
    if service_action in ('freeze', 'thaw'):
        return _freeze_thaw(req, context, service_action)
    if service_action not in _ACTIONS:
        raise exception.InvalidInput(reason='Unknown action')
    body_schema, disabled, with_reason = _ACTIONS[service_action]
    body = wsgi.json_body(req, body_schema)
    host = _cluster_host(req, body, cluster_version=None)[1]
    service_key, binary = body.get('service', ''), body.get('binary', '')
    state = wsgi.services_of(req).services.set_disabled(
        context, host, binary or service_key, disabled, body.get('disabled_reason'))
    return wsgi.json_response(view.action(host, service_key, binary, state, with_reason))
