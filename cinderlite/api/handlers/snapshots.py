"""Snapshot handlers: create, show, list, detail, update, delete."""

from cinderlite import exception
from cinderlite.api import microversion
from cinderlite.api import pagination
from cinderlite.api import wsgi
from cinderlite.api.schemas import snapshots as schema
from cinderlite.api.views import snapshots as view
from cinderlite.policies import snapshots as policies

FILTERS = ('name', 'status', 'volume_id')


def _render(req, snapshots, detailed=True):
    """``detailed``: True the detail view, False the summary, None create's and update's."""
    metadata = wsgi.services_of(req).snapshots.describe(wsgi.context_of(req), snapshots)
    if detailed:
        return [view.detail(req, s, metadata[s.id]) for s in snapshots]
    if detailed is None:
        return [view.versioned(req, s, metadata[s.id]) for s in snapshots]
    return [view.summary(s, metadata[s.id]) for s in snapshots]


def _list(req, detailed):
    wsgi.context_of(req).can(policies.GET_ALL)
    # 3.22: a metadata filter, a dict literal such as {'k': 'v'}.
    allowed = FILTERS + (('metadata',) if microversion.at_least(req, 3, 22) else ())
    snapshots, limit = pagination.list_resources(
        req, wsgi.services_of(req).snapshots.get_all, allowed,
        converters={'metadata': pagination.dict_param})
    return wsgi.json_response(pagination.list_body(
        req, 'snapshots', _render(req, snapshots, detailed), snapshots, limit,
        'snapshots_links'))


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
