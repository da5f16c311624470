"""Per-project default volume types (3.62, admin): set, show, list, unset."""

from cinderlite import exception
from cinderlite.api import handlers
from cinderlite.api import wsgi
from cinderlite.api.schemas import default_types as schema
from cinderlite.api.views import default_types as view
from cinderlite.policies import default_types as policies


@handlers.api_version(3, 62)
def set_default(req, target_project_id):
    """PUT /default-types/{project_id}: 200; 400 a bad body or an unknown type; 403."""
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, schema.SET)['default_type']
    context.can(policies.SET, {'project_id': target_project_id})
    row = wsgi.services_of(req).default_types.set(context, target_project_id,
                                                  body['volume_type'])
    return wsgi.json_response({'default_type': view.default_type(row)})


@handlers.api_version(3, 62)
def show(req, target_project_id):
    """GET /default-types/{project_id}: 200; 403; 404 the project has none."""
    context = wsgi.context_of(req)
    context.can(policies.GET, {'project_id': target_project_id})
    row = wsgi.services_of(req).default_types.get(context, target_project_id)
    return wsgi.json_response({'default_type': view.default_type(row)})


@handlers.api_version(3, 62)
def index(req):
    """GET /default-types: 200 every project's; 403 with Cinder's words."""
    context = wsgi.context_of(req)
    if not context.can(policies.GET_ALL, fatal=False):
        raise exception.Forbidden(reason='You are not authorized to perform this operation.')
    rows = wsgi.services_of(req).default_types.list(context)
    return wsgi.json_response({'default_types': [view.default_type(r) for r in rows]})


@handlers.api_version(3, 62)
def unset(req, target_project_id):
    """DELETE /default-types/{project_id}: 204 (also when it had none); 403."""
    context = wsgi.context_of(req)
    context.can(policies.UNSET, {'project_id': target_project_id})
    wsgi.services_of(req).default_types.unset(context, target_project_id)
    return wsgi.empty_response(204)
