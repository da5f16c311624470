"""Group snapshot handlers (3.14+): create, show, list, detail, delete, reset status (3.19)."""

from cinderlite import exception
from cinderlite.api import handlers
from cinderlite.api import microversion
from cinderlite.api import pagination
from cinderlite.api import query_filters
from cinderlite.api import wsgi
from cinderlite.api.schemas import group_snapshots as schema
from cinderlite.api.views import group_snapshots as view
from cinderlite.policies import group_snapshots as policies


def _list(req, detailed):
    context = wsgi.context_of(req)
    context.can(policies.GET_ALL)
    service = wsgi.services_of(req).group_snapshots
    if microversion.at_least(req, 3, 29):
        filters = query_filters.requested(req, 'group_snapshot')
        rows, _ = pagination.list_resources(req, service.get_all, wanted=filters)
    else:
        # Below 3.29 Cinder ignores the query string of this list.
        rows = service.get_all(context, {}, False)
    if detailed:
        with_project = context.can(policies.PROJECT_ATTRIBUTE, fatal=False)
        items = [view.detail(req, g, with_project) for g in rows]
    else:
        items = [{'id': g.id, 'name': g.name} for g in rows]
    return wsgi.json_response({'group_snapshots': items})


@handlers.api_version(3, 14)
def index(req):
    """GET /group_snapshots: 200 ``{id, name}`` items."""
    return _list(req, detailed=False)


@handlers.api_version(3, 14)
def detail(req):
    """GET /group_snapshots/detail: 200."""
    return _list(req, detailed=True)


@handlers.api_version(3, 14)
def show(req, group_snapshot_id):
    """GET /group_snapshots/{id}: 200; 400 a cgsnapshot; 404."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    group_snapshot = wsgi.services_of(req).group_snapshots.get(context, group_snapshot_id)
    with_project = context.can(policies.PROJECT_ATTRIBUTE, fatal=False)
    return wsgi.json_response({'group_snapshot': view.detail(req, group_snapshot,
                                                             with_project)})


@handlers.api_version(3, 14)
def create(req):
    """POST /group_snapshots: 202 ``{id, name, group_type_id}``; 400; 404; 413."""
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, schema.CREATE)['group_snapshot']
    context.can(policies.CREATE)
    group_snapshot = wsgi.services_of(req).group_snapshots.create(
        context, body['group_id'], body.get('name'), body.get('description'))
    return wsgi.json_response({'group_snapshot': view.summary(group_snapshot)}, status=202)


@handlers.api_version(3, 14)
def delete(req, group_snapshot_id):
    """DELETE /group_snapshots/{id}: 202 empty; 400 busy or a clone's source; 404."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    wsgi.services_of(req).group_snapshots.delete(context, group_snapshot_id)
    return wsgi.empty_response(202)


@handlers.api_version(3, 19)
def action(req, group_snapshot_id):
    """POST /group_snapshots/{id}/action ``reset_status``: 202 empty."""
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, {'type': 'object', 'minProperties': 1,
                                'maxProperties': 1})
    name, value = next(iter(body.items()))
    if name != 'reset_status':
        raise exception.NoSuchAction(action=name)
    wsgi.validate(value, schema.RESET_STATUS)
    context.can(policies.RESET_STATUS)
    wsgi.services_of(req).group_snapshots.reset_status(context, group_snapshot_id,
                                                       value['status'])
    return wsgi.empty_response(202)
