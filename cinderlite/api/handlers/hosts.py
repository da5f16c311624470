"""os-hosts handlers (admin): the enabled services by host, and a backend's usage."""

from cinderlite.api import wsgi
from cinderlite.api.views import hosts as view
from cinderlite.policies import hosts as policies


def index(req):
    """GET /os-hosts[?zone=]: 200."""
    context = wsgi.context_of(req)
    context.can(policies.MANAGE)
    states = wsgi.services_of(req).hosts.list(context, zone=req.GET.get('zone'))
    return wsgi.json_response(view.index(states))


def show(req, host_name):
    """GET /os-hosts/{host@backend}: 200; 404 when no volume service has that name."""
    context = wsgi.context_of(req)
    context.can(policies.MANAGE)
    usage = wsgi.services_of(req).hosts.show(context, host_name)
    return wsgi.json_response(view.show(host_name, usage))
