"""os-services handlers (admin): list with filters; enable, disable, disable-log-reason."""

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


def update(req, service_action):
    """PUT /os-services/{enable,disable,disable-log-reason}: 200.

    400 for another action ("Unknown action"; freeze, thaw and failover are not
    served), a bad body or no host; 404 when the host has no such service.
    """
    context = wsgi.context_of(req)
    context.can(policies.UPDATE)
    if service_action not in _ACTIONS:
        raise exception.InvalidInput(reason='Unknown action')
    body_schema, disabled, with_reason = _ACTIONS[service_action]
    body = wsgi.json_body(req, body_schema)
    host = body.get('host')
    if not host:
        raise exception.InvalidInput(reason='Host field is missing.')
    service_key, binary = body.get('service', ''), body.get('binary', '')
    state = wsgi.services_of(req).services.set_disabled(
        context, host, binary or service_key, disabled, body.get('disabled_reason'))
    return wsgi.json_response(view.action(host, service_key, binary, state, with_reason))
