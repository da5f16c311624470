"""Consistency group handlers, including create_from_src, the headline."""

from cinderlite import exception
from cinderlite.api import microversion
from cinderlite.api import pagination
from cinderlite.api import wsgi
from cinderlite.api.schemas import consistencygroups as schema
from cinderlite.api.views import consistencygroups as view
from cinderlite.policies import consistencygroups as policies

FILTERS = ('name', 'status', 'availability_zone')


def _details(req, context, groups):
    type_ids = wsgi.services_of(req).groups.volume_type_ids(context, groups)
    return [view.detail(g, type_ids[g.id]) for g in groups]


def _list(req, detailed):
    context = wsgi.context_of(req)
    context.can(policies.GET_ALL)
    groups, limit = pagination.list_resources(
        req, wsgi.services_of(req).groups.get_all, FILTERS)
    items = _details(req, context, groups) if detailed else [view.summary(g)
                                                              for g in groups]
    return wsgi.json_response(pagination.list_body(
        req, 'consistencygroups', items, groups, limit, 'consistencygroup_links'))


def index(req):
    """GET /consistencygroups: 200 summaries."""
    return _list(req, detailed=False)


def detail(req):
    """GET /consistencygroups/detail: 200 detail views."""
    return _list(req, detailed=True)


def show(req, group_id):
    """GET /consistencygroups/{id}: 200; 404."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    group = wsgi.services_of(req).groups.get(context, group_id)
    return wsgi.json_response({'consistencygroup': _details(req, context, [group])[0]})


def create(req):
    """POST /consistencygroups: 202; 400 no types; 404 unknown type; 413."""
    context = wsgi.context_of(req)
    context.can(policies.CREATE)
    body = wsgi.json_body(req, schema.CREATE)['consistencygroup']
    group = wsgi.services_of(req).groups.create(
        context, body.get('name'), body.get('description'),
        wsgi.split_ids(body.get('volume_types')), body.get('availability_zone'))
    return wsgi.json_response({'consistencygroup': view.summary(group)}, status=202)


def update(req, group_id):
    """PUT /consistencygroups/{id}: 202 empty; 400 for each guard; 404."""
    context = wsgi.context_of(req)
    context.can(policies.UPDATE)
    body = wsgi.json_body(req, schema.UPDATE)['consistencygroup']
    add = wsgi.split_ids(body.get('add_volumes'))
    remove = wsgi.split_ids(body.get('remove_volumes'))
    if microversion.at_least(req, 3, 6):
        fields = [k for k in ('name', 'description') if body.get(k) is not None]
        if not fields and not (add or remove):
            raise exception.BadRequest(
                reason='Must specify one or more of the following keys to update: '
                       'name, description, add_volumes, remove_volumes.')
    else:
        fields = [k for k in ('name', 'description') if body.get(k)]
        if not fields and not (add or remove):
            raise exception.BadRequest(
                reason='Name, description, add_volumes, and remove_volumes can not be '
                       'all empty in the request body.')
    wsgi.services_of(req).groups.update(
        context, group_id, name=body.get('name'), description=body.get('description'),
        add_volumes=add, remove_volumes=remove, fields=fields)
    return wsgi.empty_response(202)


def delete(req, group_id):
    """POST /consistencygroups/{id}/delete: 202; 400 guards (force for members)."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    body = wsgi.json_body(req, schema.DELETE) or {}
    force = wsgi.bool_param((body.get('consistencygroup') or {}).get('force') or False)
    wsgi.services_of(req).groups.delete(context, group_id, force=force)
    return wsgi.empty_response(202)


def create_from_src(req):
    """POST /consistencygroups/create_from_src: clone a group or a cgsnapshot.

    202 with the new group (``creating``). 400: neither or both sources, or
    a source not ready; 404: the source is missing or another project's; 413
    over quota. Nothing is written on any error.
    """
    context = wsgi.context_of(req)
    context.can(policies.CREATE)
    body = wsgi.json_body(req, schema.CREATE_FROM_SRC)['consistencygroup-from-src']
    name = body.get('name')
    cgsnapshot_id = body.get('cgsnapshot_id') or None
    source_cgid = body.get('source_cgid') or None
    alias = body.get('consistencygroup_id') or None
    if source_cgid and alias and source_cgid != alias:
        raise exception.BadRequest(
            reason="'source_cgid' and 'consistencygroup_id' name different groups.")
    source_cgid = source_cgid or alias
    if not (cgsnapshot_id or source_cgid):
        raise exception.BadRequest(
            reason="Either 'cgsnapshot_id' or 'source_cgid' must be provided to create "
                   "consistency group %s from source." % name)
    if cgsnapshot_id and source_cgid:
        raise exception.BadRequest(
            reason="Cannot provide both 'cgsnapshot_id' and 'source_cgid' to create "
                   "consistency group %s from source." % name)
    group = wsgi.services_of(req).clones.create_from_src(
        context, name=name, description=body.get('description'),
        group_snapshot_id=cgsnapshot_id, source_group_id=source_cgid)
    return wsgi.json_response({'consistencygroup': view.summary(group)}, status=202)
