"""Cgsnapshot handlers: create, show, list, detail, delete."""

from cinderlite.api import pagination
from cinderlite.api import wsgi
from cinderlite.api.schemas import cgsnapshots as schema
from cinderlite.api.views import cgsnapshots as view
from cinderlite.policies import cgsnapshots as policies

FILTERS = ('name', 'status', 'consistencygroup_id')


def _list(req, detailed):
    wsgi.context_of(req).can(policies.GET_ALL)
    cgsnapshots, _ = pagination.list_resources(
        req, wsgi.services_of(req).cgsnapshots.get_all, FILTERS)
    render = view.detail if detailed else view.summary
    # Cinder gives cgsnapshot lists no next link.
    return wsgi.json_response({'cgsnapshots': [render(c) for c in cgsnapshots]})


def index(req):
    """GET /cgsnapshots: 200 summaries."""
    return _list(req, detailed=False)


def detail(req):
    """GET /cgsnapshots/detail: 200."""
    return _list(req, detailed=True)


def show(req, cgsnapshot_id):
    """GET /cgsnapshots/{id}: 200; 404."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    cgsnapshot = wsgi.services_of(req).cgsnapshots.get(context, cgsnapshot_id)
    return wsgi.json_response({'cgsnapshot': view.detail(cgsnapshot)})


def create(req):
    """POST /cgsnapshots: 202; 400 group not available or empty; 404; 413."""
    context = wsgi.context_of(req)
    context.can(policies.CREATE)
    body = wsgi.json_body(req, schema.CREATE)['cgsnapshot']
    cgsnapshot = wsgi.services_of(req).cgsnapshots.create(
        context, body['consistencygroup_id'], body.get('name'), body.get('description'))
    return wsgi.json_response({'cgsnapshot': view.summary(cgsnapshot)}, status=202)


def delete(req, cgsnapshot_id):
    """DELETE /cgsnapshots/{id}: 202; 400 busy or a clone's source; 404."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    wsgi.services_of(req).cgsnapshots.delete(context, cgsnapshot_id)
    return wsgi.empty_response(202)
