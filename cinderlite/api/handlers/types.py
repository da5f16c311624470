"""Volume type handlers: everyone lists and shows; admins manage types and extra specs."""

from oslo_utils import strutils

from cinderlite import exception
from cinderlite.api import microversion
from cinderlite.api import query_filters
from cinderlite.api import wsgi
from cinderlite.api.schemas import types as schema
from cinderlite.api.views import types as view
from cinderlite.policies import types as policies


def _render(req, context, vtypes, with_access=True, with_qos=False):
    """Views of ``vtypes``; ``with_qos``: show and list add ``qos_specs_id`` (by policy)."""
    specs = wsgi.services_of(req).types.extra_specs(context, vtypes)
    bodies = [view.detail(context, t, specs[t.id], with_access) for t in vtypes]
    if with_qos and context.can(policies.QOS_SPECS_ID, fatal=False):
        for body, vtype in zip(bodies, vtypes):
            body['qos_specs_id'] = vtype.qos_specs_id
    return bodies


def _specs(specs):
    return {k: str(v) for k, v in (specs or {}).items()}


def _name(name):
    """A type name without surrounding blanks; :raises InvalidInput: (400) when empty."""
    name = name.strip()
    if not name:
        raise exception.InvalidInput(reason='Volume type name can not be empty.')
    return name


def _is_public_param(req):
    """Cinder's ``is_public`` list filter: absent is True, ``none`` is None.

    :raises BadRequest: (400) neither a boolean nor ``none``.
    """
    value = req.GET.get('is_public')
    if value is None:
        return True
    if value.strip().lower() == 'none':
        return None
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise exception.BadRequest(reason='Invalid is_public filter [%s]' % value) from None


def _filters(req, context):
    """The list's filters besides ``is_public``; None when nothing can match.

    From 3.52 as resource_filters.json says for ``volume_type``; below, a
    non-admin's are ignored (an admin's apply, as in Cinder). A non-admin
    filtering on an extra spec they cannot see gets an empty list.
    """
    if microversion.at_least(req, 3, 52):
        filters = query_filters.requested(req, 'volume_type')
    else:
        filters = {k: v for k, v in req.GET.items() if k not in query_filters.PAGING}
        query_filters.drop_unknown(context, filters, ('is_public',))
        filters.pop('all_tenants', None)
    filters.pop('is_public', None)
    query_filters.metadata(filters, 'extra_specs')
    if not context.is_admin and any(k not in view.USER_VISIBLE_SPECS
                                    for k in filters.get('extra_specs', {})):
        return None
    return filters


def index(req):
    """GET /types: 200; 400 a bad ``is_public`` or ``extra_specs``.

    Public types and the private ones the caller's project has access to;
    admins may ask for ``is_public=false`` (private only) or ``none`` (all).
    3.52: filters, such as ``extra_specs={'k': 'v'}``.
    """
    context = wsgi.context_of(req)
    context.can(policies.GET_ALL)
    filters = _filters(req, context)
    vtypes = [] if filters is None else wsgi.services_of(req).types.get_all(
        context, _is_public_param(req), filters)
    return wsgi.json_response({'volume_types': _render(req, context, vtypes,
                                                        with_qos=True)})


def show(req, type_id):
    """GET /types/{id}: 200; 404 (``default`` names the project's default type)."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    if type_id == 'default':
        # The project's own default (3.62) if it has one, as Cinder answers.
        vtype = wsgi.services_of(req).types.get_default(context)
    else:
        vtype = wsgi.services_of(req).types.get(context, type_id)
    return wsgi.json_response({'volume_type': _render(req, context, [vtype],
                                                      with_qos=True)[0]})


def create(req):
    """POST /types (admin): 200; 409 name taken."""
    context = wsgi.context_of(req)
    context.can(policies.MANAGE)
    body = wsgi.json_body(req, schema.CREATE)['volume_type']
    public = body.get('os-volume-type-access:is_public', body.get('is_public'))
    vtype = wsgi.services_of(req).types.create(
        context, _name(body['name']), body.get('description'),
        True if public is None else wsgi.bool_param(public), _specs(body.get('extra_specs')))
    return wsgi.json_response({'volume_type': _render(req, context, [vtype])[0]})


def update(req, type_id):
    """PUT /types/{id} (admin): 200; 409 name taken."""
    context = wsgi.context_of(req)
    context.can(policies.MANAGE)
    body = wsgi.json_body(req, schema.UPDATE)['volume_type']
    values = {k: body[k] for k in ('name', 'description') if body.get(k) is not None}
    if 'name' in values:
        values['name'] = _name(values['name'])
    if body.get('is_public') is not None:
        values['is_public'] = wsgi.bool_param(body['is_public'])
    if not values:
        raise exception.InvalidInput(
            reason='Specify volume type name, description, is_public or a combination '
                   'thereof.')
    vtype = wsgi.services_of(req).types.update(context, type_id, values)
    return wsgi.json_response(
        {'volume_type': _render(req, context, [vtype], with_access=False)[0]})


def delete(req, type_id):
    """DELETE /types/{id} (admin): 202; 400 in use."""
    context = wsgi.context_of(req)
    context.can(policies.MANAGE)
    wsgi.services_of(req).types.delete(context, type_id)
    return wsgi.empty_response(202)


def show_extra_specs(req, type_id):
    context = wsgi.context_of(req)
    context.can(policies.EXTRA_SPECS_INDEX)
    vtype = wsgi.services_of(req).types.get(context, type_id)
    specs = wsgi.services_of(req).types.extra_specs(context, [vtype])[vtype.id]
    return wsgi.json_response({'extra_specs': specs})


def set_extra_specs(req, type_id):
    """POST /types/{id}/extra_specs (admin): 200 with the specs set."""
    context = wsgi.context_of(req)
    context.can(policies.EXTRA_SPECS_MANAGE)
    specs = _specs(wsgi.json_body(req, schema.EXTRA_SPECS)['extra_specs'])
    wsgi.services_of(req).types.set_extra_specs(context, type_id, specs)
    return wsgi.json_response({'extra_specs': specs})


def show_extra_spec(req, type_id, key):
    context = wsgi.context_of(req)
    context.can(policies.EXTRA_SPECS_INDEX)
    vtype = wsgi.services_of(req).types.get(context, type_id)
    specs = wsgi.services_of(req).types.extra_specs(context, [vtype])[vtype.id]
    if key not in specs:
        raise exception.VolumeTypeExtraSpecNotFound(volume_type_id=type_id, key=key)
    return wsgi.json_response({key: specs[key]})


def update_extra_spec(req, type_id, key):
    context = wsgi.context_of(req)
    context.can(policies.EXTRA_SPECS_MANAGE)
    spec = _specs(wsgi.json_body(req, schema.EXTRA_SPEC_ITEM))
    if key not in spec:
        raise exception.InvalidInput(reason='Request body and URI mismatch')
    wsgi.services_of(req).types.set_extra_specs(context, type_id, spec)
    return wsgi.json_response(spec)


def delete_extra_spec(req, type_id, key):
    context = wsgi.context_of(req)
    context.can(policies.EXTRA_SPECS_MANAGE)
    wsgi.services_of(req).types.delete_extra_spec(context, type_id, key)
    return wsgi.empty_response(202)
