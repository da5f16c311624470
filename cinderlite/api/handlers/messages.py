"""User message handlers (microversion 3.3): list, show, delete."""

from cinderlite.api import handlers
from cinderlite.api import microversion
from cinderlite.api import pagination
from cinderlite.api import query_filters
from cinderlite.api import wsgi
from cinderlite.api.views import messages as view
from cinderlite.policies import messages as policies


@handlers.api_version(3, 3)
def index(req):
    """GET /messages: 200, newest first; filters and paging from 3.5."""
    context = wsgi.context_of(req)
    context.can(policies.GET_ALL)
    services = wsgi.services_of(req)
    if microversion.at_least(req, 3, 5):
        page = pagination.page_params(req, services.conf.osapi_max_limit)
        filters = query_filters.requested(req, 'message')
    else:
        # Below 3.5 (MESSAGES_PAGINATION) Cinder ignores the query string.
        page, filters = {}, {}
    messages = services.messages.get_all(context, filters, **page)
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
