"""Group type and group spec handlers (microversion 3.11)."""

from cinderlite import exception
from cinderlite.api import handlers
from cinderlite.api import pagination
from cinderlite.api import wsgi
from cinderlite.api.schemas import group_types as schema
from cinderlite.api.views import group_types as view
from cinderlite.policies import group_types as policies


def _views(req, context, group_types):
    """Views with ``group_specs`` for callers allowed to see them (admins by default)."""
    if not context.can(policies.SHOW_ACCESS, fatal=False):
        return [view.detail(t) for t in group_types]
    specs = wsgi.services_of(req).group_types.specs(context, group_types)
    return [view.detail(t, specs[t.id]) for t in group_types]


def _is_public_param(req, context):
    """Cinder's ``is_public``: absent means public; ``None`` (admins) means all."""
    value = req.GET.get('is_public')
    if value is None or not context.is_admin:
        return True
    if value.lower() == 'none':
        return None
    if value.lower() not in ('true', 'false', 't', 'f', '1', '0', 'yes', 'no', 'y', 'n',
                             'on', 'off'):
        raise exception.BadRequest(reason='Invalid is_public filter [%s]' % value)
    return wsgi.bool_param(value)


@handlers.api_version(3, 11)
def index(req):
    """GET /group_types: 200; public ones unless an admin asks with ``is_public``."""
    context = wsgi.context_of(req)
    page = pagination.page_params(req, wsgi.services_of(req).conf.osapi_max_limit)
    group_types = wsgi.services_of(req).group_types.get_all(
        context, _is_public_param(req, context), **page)
    return wsgi.json_response({'group_types': _views(req, context, group_types)})


@handlers.api_version(3, 11)
def show(req, group_type_id):
    """GET /group_types/{id} (or ``default``): 200; 404."""
    context = wsgi.context_of(req)
    group_type = wsgi.services_of(req).group_types.get(context, group_type_id)
    return wsgi.json_response({'group_type': _views(req, context, [group_type])[0]})


@handlers.api_version(3, 11)
def create(req):
    """POST /group_types: 202 (as Cinder); 409 a taken name."""
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, schema.CREATE)['group_type']
    context.can(policies.CREATE)
    is_public = body.get('is_public')
    group_type = wsgi.services_of(req).group_types.create(
        context, body['name'], body.get('description'),
        True if is_public is None else wsgi.bool_param(is_public), body.get('group_specs'))
    return wsgi.json_response({'group_type': _views(req, context, [group_type])[0]},
                              status=202)


@handlers.api_version(3, 11)
def update(req, group_type_id):
    """PUT /group_types/{id}: 200; 400 nothing to change or a blank name; 404; 409."""
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, schema.UPDATE)['group_type']
    context.can(policies.UPDATE)
    values = {}
    if body.get('name') is not None:
        if not body['name'].strip():
            raise exception.BadRequest(reason='Group type name can not be empty.')
        values['name'] = body['name'].strip()
    if 'description' in body:
        values['description'] = body['description']
    if body.get('is_public') is not None:
        values['is_public'] = wsgi.bool_param(body['is_public'])
    if not values:
        raise exception.BadRequest(
            reason='Specify group type name, description or a combination thereof.')
    group_type = wsgi.services_of(req).group_types.update(context, group_type_id, values)
    return wsgi.json_response({'group_type': _views(req, context, [group_type])[0]})


@handlers.api_version(3, 11)
def delete(req, group_type_id):
    """DELETE /group_types/{id}: 202 empty; 400 in use; 404."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    wsgi.services_of(req).group_types.delete(context, group_type_id)
    return wsgi.empty_response(202)


@handlers.api_version(3, 11)
def list_specs(req, group_type_id):
    """GET /group_types/{id}/group_specs: 200."""
    context = wsgi.context_of(req)
    context.can(policies.SPEC_GET_ALL)
    specs = wsgi.services_of(req).group_types.get_specs(context, group_type_id)
    return wsgi.json_response({'group_specs': specs})


@handlers.api_version(3, 11)
def create_specs(req, group_type_id):
    """POST /group_types/{id}/group_specs: 202 echoing the body (keys upserted)."""
    context = wsgi.context_of(req)
    specs = wsgi.json_body(req, schema.SPECS_CREATE)['group_specs']
    context.can(policies.SPEC_CREATE)
    wsgi.services_of(req).group_types.set_specs(context, group_type_id, specs)
    return wsgi.json_response({'group_specs': specs}, status=202)


@handlers.api_version(3, 11)
def show_spec(req, group_type_id, key):
    """GET /group_types/{id}/group_specs/{key}: 200 ``{key: value}``; 404."""
    context = wsgi.context_of(req)
    context.can(policies.SPEC_GET)
    specs = wsgi.services_of(req).group_types.get_specs(context, group_type_id)
    if key not in specs:
        raise exception.GroupTypeSpecNotFound(group_type_id=group_type_id, key=key)
    return wsgi.json_response({key: specs[key]})


@handlers.api_version(3, 11)
def update_spec(req, group_type_id, key):
    """PUT /group_types/{id}/group_specs/{key}: 200 echoing the body; 400 key mismatch."""
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, schema.SPEC_UPDATE)
    context.can(policies.SPEC_UPDATE)
    if key not in body:
        raise exception.BadRequest(reason='Request body and URI mismatch')
    wsgi.services_of(req).group_types.set_specs(context, group_type_id, body)
    return wsgi.json_response(body)


@handlers.api_version(3, 11)
def delete_spec(req, group_type_id, key):
    """DELETE /group_types/{id}/group_specs/{key}: 202 empty; 404."""
    context = wsgi.context_of(req)
    context.can(policies.SPEC_DELETE)
    wsgi.services_of(req).group_types.delete_spec(context, group_type_id, key)
    return wsgi.empty_response(202)
