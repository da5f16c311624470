"""User message handlers (microversion 3.3): list, show, delete."""

from cinderlite.api import handlers
from cinderlite.api import pagination
from cinderlite.api import wsgi
from cinderlite.api.views import messages as view
from cinderlite.policies import messages as policies

FILTERS = ('resource_uuid', 'resource_type', 'event_id', 'request_id', 'message_level')


@handlers.api_version(3, 3)
def index(req):
    """GET /messages: 200, newest first."""
    context = wsgi.context_of(req)
    context.can(policies.GET_ALL)
    page = pagination.page_params(req, wsgi.services_of(req).conf.osapi_max_limit)
    messages = wsgi.services_of(req).messages.get_all(
        context, pagination.filters(req, FILTERS), **page)
    return wsgi.json_response({'messages': [view.detail(req, m) for m in messages]})


@handlers.api_version(3, 3)
def show(req, message_id):
    """GET /messages/{id}: 200; 404."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    message = wsgi.services_of(req).messages.get(context, message_id)
    return wsgi.json_response({'message': view.detail(req, message)})


@handlers.api_version(3, 3)
def delete(req, message_id):
    """DELETE /messages/{id}: 204; 404."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    wsgi.services_of(req).messages.delete(context, message_id)
    return wsgi.empty_response(204)
