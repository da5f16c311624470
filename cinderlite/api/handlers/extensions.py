"""Extensions handlers. Like Cinder, no policy guards them: every user may list."""

from cinderlite import exception
from cinderlite.api import wsgi
from cinderlite.api.views import extensions as view


def index(req):
    """GET /extensions: 200."""
    return wsgi.json_response(view.index())


def show(req, alias):
    """GET /extensions/{alias}: 200; 404 for an extension not served."""
    body = view.find(alias)
    if body is None:
        raise exception.NotFound('Extension %s could not be found.' % alias)
    return wsgi.json_response(body)
