"""capabilities handler (admin): what one volume backend reports about itself."""

from cinderlite.api import wsgi
from cinderlite.api.views import capabilities as view
from cinderlite.policies import capabilities as policies


def show(req, host_name):
    """GET /capabilities/{host@backend}: 200; 404 when no volume service has that name."""
    context = wsgi.context_of(req)
    context.can(policies.SHOW)
    backend, reported = wsgi.services_of(req).capabilities.show(context, host_name)
    return wsgi.json_response(view.show(backend, reported))
