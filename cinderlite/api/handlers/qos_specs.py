"""QoS specs handlers (admin): create, list, show, set and delete keys, associate types."""

from oslo_utils import strutils

from cinderlite import exception
from cinderlite.api import handlers
from cinderlite.api import pagination
from cinderlite.api import wsgi
from cinderlite.api.schemas import qos_specs as schema
from cinderlite.api.views import qos_specs as view
from cinderlite.policies import qos_specs as policies

FILTERS = ('id', 'name', 'consumer')


def _service(req):
    return wsgi.services_of(req).qos_specs


def _detail(req, context, qos_specs):
    specs = _service(req).specs(context, [qos_specs])[qos_specs.id]
    return view.detail(req, context, qos_specs, specs)


def index(req):
    """GET /qos-specs: 200; 400 bad paging; 404 unknown marker."""
    context = wsgi.context_of(req)
    context.can(policies.GET_ALL)
    page = pagination.page_params(req, wsgi.services_of(req).conf.osapi_max_limit)
    rows = _service(req).get_all(context, pagination.filters(req, FILTERS), page)
    specs = _service(req).specs(context, rows)
    return wsgi.json_response(pagination.list_body(
        req, 'qos_specs', [view.summary(q, specs[q.id]) for q in rows], rows,
        page['limit'], 'qos_specs_links'))


def create(req):
    """POST /qos-specs: 200; 400 bad name or consumer; 409 name taken."""
    context = wsgi.context_of(req)
    context.can(policies.CREATE)
    specs = dict(wsgi.json_body(req, schema.CREATE)['qos_specs'])
    name = specs.pop('name').strip()
    if not name:
        raise exception.InvalidInput(reason='QoS specs name can not be empty.')
    qos_specs = _service(req).create(context, name, specs)
    return wsgi.json_response(_detail(req, context, qos_specs))


def show(req, qos_id):
    """GET /qos-specs/{id}: 200; 404."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    return wsgi.json_response(_detail(req, context, _service(req).get(context, qos_id)))


def update(req, qos_id):
    """PUT /qos-specs/{id}: 200 with the keys set; 400 bad consumer; 404."""
    context = wsgi.context_of(req)
    context.can(policies.UPDATE)
    body = wsgi.json_body(req, schema.SET)
    _service(req).update(context, qos_id, body['qos_specs'])
    return wsgi.json_response(body)


def delete(req, qos_id):
    """DELETE /qos-specs/{id}[?force=bool]: 202; 400 still associated; 404."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    force = req.GET.get('force', 'false')
    if not strutils.is_valid_boolstr(force):
        raise exception.BadRequest(
            reason="Value '%s' for 'force' is not a boolean." % force)
    _service(req).delete(context, qos_id, strutils.bool_from_string(force, strict=True))
    return wsgi.empty_response(202)


def delete_keys(req, qos_id):
    """PUT /qos-specs/{id}/delete_keys: 202; 404 unknown specs or key (none deleted)."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    keys = wsgi.json_body(req, schema.UNSET)['keys']
    _service(req).delete_keys(context, qos_id, keys)
    return wsgi.empty_response(202)


def associations(req, qos_id):
    """GET /qos-specs/{id}/associations: 200; 404."""
    context = wsgi.context_of(req)
    context.can(policies.GET_ALL)
    return wsgi.json_response(view.associations(
        _service(req).associations(context, qos_id)))


def _type_id(req):
    """:raises BadRequest: (400) no ``vol_type_id`` query parameter."""
    type_id = req.GET.get('vol_type_id')
    if not type_id:
        raise exception.BadRequest(reason='Volume Type id must not be None.')
    return type_id


@handlers.writes
def associate(req, qos_id):
    """GET /qos-specs/{id}/associate?vol_type_id=: 202; 400 type has other specs; 404."""
    context = wsgi.context_of(req)
    context.can(policies.UPDATE)
    _service(req).associate(context, qos_id, _type_id(req))
    return wsgi.empty_response(202)


@handlers.writes
def disassociate(req, qos_id):
    """GET /qos-specs/{id}/disassociate?vol_type_id=: 202; 400 no type id; 404."""
    context = wsgi.context_of(req)
    context.can(policies.UPDATE)
    _service(req).disassociate(context, qos_id, _type_id(req))
    return wsgi.empty_response(202)


@handlers.writes
def disassociate_all(req, qos_id):
    """GET /qos-specs/{id}/disassociate_all: 202; 404."""
    context = wsgi.context_of(req)
    context.can(policies.UPDATE)
    _service(req).disassociate_all(context, qos_id)
    return wsgi.empty_response(202)
