"""Snapshot handlers: create, show, list, detail, update, delete."""

from cinderlite import exception
from cinderlite.api import microversion
from cinderlite.api import pagination
from cinderlite.api import query_filters
from cinderlite.api import wsgi
from cinderlite.api.schemas import snapshots as schema
from cinderlite.api.views import snapshots as view
from cinderlite.policies import snapshots as policies

# What a non-admin may filter on below 3.31 (Cinder's _get_snapshot_filter_options).
FILTERS = ('status', 'volume_id', 'name', 'metadata')
ADDED_FILTERS = {'metadata': (3, 22), 'consumes_quota': (3, 65)}


def _render(req, snapshots, detailed=True):
    """``detailed``: True the detail view, False the summary, None create's and update's."""
    metadata = wsgi.services_of(req).snapshots.describe(wsgi.context_of(req), snapshots)
    if detailed:
        return [view.detail(req, s, metadata[s.id]) for s in snapshots]
    if detailed is None:
        return [view.versioned(req, s, metadata[s.id]) for s in snapshots]
    return [view.summary(s, metadata[s.id]) for s in snapshots]


def _legacy(req, context, filters):
    query_filters.drop_below(req, filters, ADDED_FILTERS)
    query_filters.drop_unknown(context, filters, FILTERS)


def _list(req, detailed):
    wsgi.context_of(req).can(policies.GET_ALL)
    service = wsgi.services_of(req).snapshots
    filters = query_filters.requested(req, 'snapshot', _legacy, query_filters.count_drop(req))
    query_filters.metadata(filters)
    query_filters.consumes_quota(filters)
    if not microversion.at_least(req, 3, 30) and 'name' in _sort_keys(req):
        # Cinder sorts snapshots by name from 3.30 (SNAPSHOT_SORT) only.
        raise exception.InvalidInput(reason='Invalid sort key')
    snapshots, limit = pagination.list_resources(req, service.get_all, wanted=filters)
    body = pagination.list_body(req, 'snapshots', _render(req, snapshots, detailed),
                                snapshots, limit, 'snapshots_links')
    if query_filters.with_count(req):
        body['count'] = pagination.count_resources(req, service.count, filters)
    return wsgi.json_response(body)


def _sort_keys(req):
    if 'sort' in req.GET:
        return [item.partition(':')[0].strip() for item in req.GET['sort'].split(',')]
    return [req.GET.get('sort_key', '').strip()]


def index(req):
    """GET /snapshots: 200."""
    return _list(req, detailed=False)


def detail(req):
    """GET /snapshots/detail: 200."""
    return _list(req, detailed=True)


def show(req, snapshot_id):
    """GET /snapshots/{id}: 200; 404."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    snapshot = wsgi.services_of(req).snapshots.get(context, snapshot_id)
    return wsgi.json_response({'snapshot': _render(req, [snapshot])[0]})


#: Cinder's answer to ``force=false`` from 3.66.
IN_USE_FORCE_MESSAGE = (
    "Since microversion 3.66 the 'force' flag is invalid for this request.  For backward "
    "compatability, however, when the 'force' flag is passed with a value evaluating to "
    "True, it is silently ignored.")


def create(req):
    """POST /snapshots: 202 in ``creating``; 400 volume not available; 404; 413.

    An ``in-use`` volume needs ``force`` below 3.66; from 3.66 it needs none,
    and ``force=false`` is a 400 (``true`` is still accepted), as in Cinder.
    """
    context = wsgi.context_of(req)
    context.can(policies.CREATE)
    body = wsgi.json_body(req, schema.CREATE)['snapshot']
    force = wsgi.bool_param(body.get('force') or False)
    services = wsgi.services_of(req)
    if microversion.at_least(req, 3, 66):
        if body.get('force') is not None and not force:
            services.volumes.get(context, body['volume_id'])  # 404 first, as Cinder
            raise exception.BadRequest(reason=IN_USE_FORCE_MESSAGE)
        force = True
    snapshot = services.snapshots.create(
        context, body['volume_id'], name=body.get('name') or body.get('display_name'),
        description=body.get('description') or body.get('display_description'),
        force=force, metadata=body.get('metadata'))
    # Like Cinder's, the answers of create and update carry no extended attributes.
    return wsgi.json_response({'snapshot': _render(req, [snapshot], detailed=None)[0]},
                              status=202)


def update(req, snapshot_id):
    """PUT /snapshots/{id}: 200."""
    context = wsgi.context_of(req)
    context.can(policies.UPDATE)
    body = wsgi.json_body(req, schema.UPDATE)['snapshot']
    values = {}
    for key, alias in (('name', 'display_name'), ('description', 'display_description')):
        if key in body or alias in body:
            values[key] = body.get(key, body.get(alias))
    snapshot = wsgi.services_of(req).snapshots.update(context, snapshot_id, values)
    return wsgi.json_response({'snapshot': _render(req, [snapshot], detailed=None)[0]})


def delete(req, snapshot_id):
    """DELETE /snapshots/{id}: 202; 400 a cgsnapshot member or busy; 404."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    wsgi.services_of(req).snapshots.delete(context, snapshot_id)
    return wsgi.empty_response(202)
