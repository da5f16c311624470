"""os-availability-zone handler. Like Cinder, no policy guards it: every user may list."""

from cinderlite.api import wsgi
from cinderlite.api.views import availability_zones as view


def index(req):
    """GET /os-availability-zone: 200."""
    zones = wsgi.services_of(req).availability_zones.list(wsgi.context_of(req))
    return wsgi.json_response(view.index(zones))
