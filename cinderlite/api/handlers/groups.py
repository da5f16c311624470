"""Generic volume group handlers (3.13+), including create-from-src (3.14), the headline."""

from cinderlite import exception
from cinderlite.api import handlers
from cinderlite.api import microversion
from cinderlite.api import pagination
from cinderlite.api import query_filters
from cinderlite.api import wsgi
from cinderlite.api.schemas import groups as schema
from cinderlite.api.views import groups as view
from cinderlite.policies import groups as policies


def _details(req, context, groups):
    service = wsgi.services_of(req).generic_groups
    type_ids = service.volume_type_ids(context, groups)
    volume_ids = {}
    if microversion.at_least(req, 3, 25) and wsgi.bool_param(
            req.GET.get('list_volume', False)):
        volume_ids = service.volume_ids(context, groups)
    with_project = context.can(policies.PROJECT_ATTRIBUTE, fatal=False)
    return [view.detail(req, g, type_ids[g.id], volume_ids.get(g.id), with_project)
            for g in groups]


def _list(req, detailed):
    context = wsgi.context_of(req)
    context.can(policies.GET_ALL)
    # Below 3.31 Cinder passes every filter on, for non-admins too.
    filters = query_filters.requested(req, 'group', drop=('list_volume',))
    groups, _ = pagination.list_resources(
        req, wsgi.services_of(req).generic_groups.get_all, wanted=filters)
    items = _details(req, context, groups) if detailed else [view.summary(g)
                                                              for g in groups]
    # Cinder's group lists carry no next link (tempest's schema forbids one).
    return wsgi.json_response({'groups': items})


@handlers.api_version(3, 13)
def index(req):
    """GET /groups: 200 summaries of the caller's groups (CGs left out)."""
    return _list(req, detailed=False)


@handlers.api_version(3, 13)
def detail(req):
    """GET /groups/detail: 200 detail views."""
    return _list(req, detailed=True)


@handlers.api_version(3, 13)
def show(req, group_id):
    """GET /groups/{id}: 200; 400 a consistency group; 404."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    group = wsgi.services_of(req).generic_groups.get(context, group_id)
    return wsgi.json_response({'group': _details(req, context, [group])[0]})


@handlers.api_version(3, 13)
def create(req):
    """POST /groups: 202 ``{id, name}``; 400 the CG type; 404 unknown type; 413."""
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, schema.CREATE)['group']
    context.can(policies.CREATE)
    group = wsgi.services_of(req).generic_groups.create(
        context, (body.get('name') or '').strip() or body.get('name'),
        body.get('description'), body['group_type'].strip(), body['volume_types'],
        body.get('availability_zone'))
    return wsgi.json_response({'group': view.summary(group)}, status=202)


@handlers.api_version(3, 13)
def update(req, group_id):
    """PUT /groups/{id}: 202 empty; 400 for each membership guard; 404."""
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, schema.UPDATE)['group']
    context.can(policies.UPDATE)
    add = wsgi.split_ids(body.get('add_volumes'))
    remove = wsgi.split_ids(body.get('remove_volumes'))
    service = wsgi.services_of(req).generic_groups
    group = service.get(context, group_id)
    # A name or description equal to the current one is "not given", as in Cinder.
    fields = [k for k in ('name', 'description')
              if body.get(k) is not None and body[k] != getattr(group, k)]
    if not fields and not (add or remove):
        raise exception.InvalidGroup(
            reason='Cannot update group %s because no valid name, description, '
                   'add_volumes, or remove_volumes were provided.' % group_id)
    service.update(context, group_id, name=body.get('name'),
                   description=body.get('description'), add_volumes=add,
                   remove_volumes=remove, fields=fields)
    return wsgi.empty_response(202)


_REPLICATION_POLICIES = {'enable_replication': policies.ENABLE_REPLICATION,
                         'disable_replication': policies.DISABLE_REPLICATION,
                         'failover_replication': policies.FAILOVER_REPLICATION,
                         'list_replication_targets': policies.LIST_REPLICATION}
_REPLICATION_SCHEMAS = {'failover_replication': schema.FAILOVER_REPLICATION}


@handlers.api_version(3, 13)
def action(req, group_id):
    """POST /groups/{id}/action: ``delete`` (3.13) or ``reset_status`` (3.20); 202 empty.

    The replication actions (3.38) answer Cinder's 400 for a group that does
    not replicate, which every cinderlite group is.
    """
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, {'type': 'object', 'minProperties': 1,
                                'maxProperties': 1})
    name, value = next(iter(body.items()))
    service = wsgi.services_of(req).generic_groups
    if name == 'delete':
        wsgi.validate(value, schema.DELETE)
        context.can(policies.DELETE)
        service.delete(context, group_id, delete_volumes=wsgi.bool_param(
            (value or {}).get('delete-volumes') or False))
    elif name == 'reset_status' and microversion.at_least(req, 3, 20):
        wsgi.validate(value, schema.RESET_STATUS)
        context.can(policies.RESET_STATUS)
        service.reset_status(context, group_id, value['status'])
    elif name in _REPLICATION_POLICIES and microversion.at_least(req, 3, 38):
        wsgi.validate(value, _REPLICATION_SCHEMAS.get(name, {'type': 'object'}))
        group = service.get(context, group_id)
        context.can(_REPLICATION_POLICIES[name], {'project_id': group.project_id})
        service.check_replication(context, group, name)
    else:
        raise exception.NoSuchAction(action=name)
    return wsgi.empty_response(202)


@handlers.api_version(3, 14)
def collection_action(req):
    """POST /groups/action ``create-from-src``: clone a group or group snapshot.

    202 with the new group (``creating``). Exactly one of ``source_group_id``
    and ``group_snapshot_id`` must be set; the other may be absent or null
    (openstackclient sends both). 400: neither or both, or a source not
    ready or a consistency group; 404: the source is missing or another
    project's; 413 over quota. Nothing is written on any error.
    """
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, {'type': 'object', 'minProperties': 1,
                                'maxProperties': 1})
    name = next(iter(body))
    if name != 'create-from-src':
        raise exception.NoSuchAction(action=name)
    body = wsgi.json_body(req, schema.CREATE_FROM_SRC)['create-from-src']
    context.can(policies.CREATE)
    snapshot_id = body.get('group_snapshot_id') or None
    source_id = body.get('source_group_id') or None
    if bool(snapshot_id) == bool(source_id):
        raise exception.BadRequest(
            reason="Exactly one of 'group_snapshot_id' and 'source_group_id' must be "
                   "provided to create group %s from source." % body.get('name'))
    group = wsgi.services_of(req).generic_groups.create_from_src(
        context, name=body.get('name'), description=body.get('description'),
        group_snapshot_id=snapshot_id, source_group_id=source_id)
    return wsgi.json_response({'group': view.summary(group)}, status=202)
