"""Volume handlers: create, show, list, detail, summary, update, delete.

Their metadata routes are in handlers.metadata.
"""

from cinderlite import exception
from cinderlite.api import handlers
from cinderlite.api import microversion
from cinderlite.api import pagination
from cinderlite.api import query_filters
from cinderlite.api import wsgi
from cinderlite.api.schemas import volumes as schema
from cinderlite.api.views import volumes as view
from cinderlite.policies import volumes as policies
from cinderlite.services import group_words

# Filters that microversions added, dropped below them on Cinder's pre-3.31 path.
ADDED_FILTERS = {'glance_metadata': (3, 4), 'group_id': (3, 10), 'created_at': (3, 60),
                 'updated_at': (3, 60), 'consumes_quota': (3, 65)}


def _legacy(req, context, filters):
    query_filters.drop_below(req, filters, ADDED_FILTERS)
    # consistencygroup_id too: the CG API's users list a group's members so
    # (Cinder drops it for non-admins; from 3.31 it is a 400 here as there).
    query_filters.drop_unknown(
        context, filters,
        wsgi.services_of(req).resource_filters.allowed('volume') + ['consistencygroup_id'])


def _filters(req):
    """The volume filters of ``req`` (see query_filters), converted for the data layer."""
    filters = query_filters.requested(req, 'volume', _legacy, query_filters.count_drop(req))
    query_filters.boolean(filters, 'bootable', strict=microversion.at_least(req, 3, 2))
    query_filters.consumes_quota(filters)
    query_filters.metadata(filters)
    query_filters.time_comparisons(filters)
    return filters


def _details(req, context, volumes, render=view.detail):
    """``render`` views of ``volumes``: types, metadata, encryption, CG membership, attachments."""
    services = wsgi.services_of(req)
    names, metadata, encrypted, cg_ids = services.volumes.describe(context, volumes)
    attached = services.attachments.attached(context, [v.id for v in volumes])
    return [render(req, context, v, names, metadata[v.id], v.volume_type_id in encrypted,
                   v.group_id in cg_ids, attached[v.id])
            for v in volumes]


def _list(req, detailed):
    context = wsgi.context_of(req)
    context.can(policies.GET_ALL)
    service = wsgi.services_of(req).volumes
    filters = _filters(req)
    volumes, limit = pagination.list_resources(req, service.get_all, wanted=filters)
    items = (_details(req, context, volumes) if detailed
             else [view.summary(req, v) for v in volumes])
    body = pagination.list_body(req, 'volumes', items, volumes, limit, 'volumes_links')
    if query_filters.with_count(req):
        body['count'] = pagination.count_resources(req, service.count, filters)
    return wsgi.json_response(body)


def index(req):
    """GET /volumes: 200 summaries. 400 bad paging; 404 unknown marker."""
    return _list(req, detailed=False)


def detail(req):
    """GET /volumes/detail: 200 detail views."""
    return _list(req, detailed=True)


@handlers.api_version(3, 12)
def summary(req):
    """GET /volumes/summary (3.12): 200 count and total size of the listed volumes.

    3.36 adds ``metadata``: each key of those volumes with its distinct values.
    As in Cinder, filters a non-admin may not use are ignored here at every
    version, never a 400.
    """
    context = wsgi.context_of(req)
    context.can(policies.GET_ALL)
    services = wsgi.services_of(req)
    filters = {k: v for k, v in req.GET.items() if k not in query_filters.PAGING}
    query_filters.drop_unknown(context, filters, services.resource_filters.allowed('volume'))
    filters.pop('all_tenants', None)
    filters = {query_filters.ALIASES.get(k, k): v for k, v in filters.items()}
    query_filters.boolean(filters, 'bootable', strict=True)
    query_filters.metadata(filters)
    with_metadata = microversion.at_least(req, 3, 36)
    count, size, metadata = pagination.list_resources(
        req, lambda ctx, filters, all_projects, **page:
        services.volumes.summarize(ctx, filters, all_projects, with_metadata),
        wanted=filters)[0]
    body = {'total_count': count, 'total_size': size}
    if with_metadata:
        body['metadata'] = metadata
    return wsgi.json_response({'volume-summary': body})


def show(req, volume_id):
    """GET /volumes/{id}: 200; 404 unknown or another project's."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    volume = wsgi.services_of(req).volumes.get(context, volume_id)
    return wsgi.json_response({'volume': _details(req, context, [volume])[0]})


#: Cinder's answer to an image it cannot reach: cinderlite has no image service.
IMAGE_MESSAGE = 'Invalid image identifier or unable to access requested image.'


def create(req):
    """POST /volumes: 202 with the volume in ``creating``; 400, 404, 413.

    From 3.53 a key Cinder does not know is a 400. ``imageRef`` (or
    ``image_id``) is Cinder's 400 for an image it cannot reach, and
    ``backup_id`` (read at every version, as Cinder does) Cinder's 404 for
    a backup that does not exist: cinderlite has no image or backup service.
    """
    context = wsgi.context_of(req)
    context.can(policies.CREATE)
    body = wsgi.json_body(req, schema.CREATE_V353 if microversion.at_least(req, 3, 53)
                          else schema.CREATE)['volume']
    if wsgi.bool_param(body.get('multiattach') or False):
        raise exception.BadRequest(
            reason='multiattach parameter has been removed. The default behavior is to use '
                   'multiattach enabled volume types. Contact your administrator to create '
                   'a multiattach enabled volume type and use it to create multiattach '
                   'volumes.')
    if body.get('imageRef', body.get('image_id')) is not None:
        raise exception.BadRequest(reason=IMAGE_MESSAGE)
    if body.get('backup_id'):
        raise exception.BackupNotFound(backup_id=body['backup_id'])
    size = body.get('size')
    volume = wsgi.services_of(req).volumes.create(
        context, size=int(size) if size not in (None, '') else None,
        name=body.get('name') or body.get('display_name'),
        description=body.get('description') or body.get('display_description'),
        volume_type=body.get('volume_type'), snapshot_id=body.get('snapshot_id'),
        source_volid=body.get('source_volid'),
        metadata=body.get('metadata'), availability_zone=body.get('availability_zone'),
        **_group_of(req, body))
    return wsgi.json_response({'volume': _details(req, context, [volume], view.base)[0]},
                              status=202)


def _group_of(req, body):
    """The group a new volume joins: ``group_id`` (3.13) or ``consistencygroup_id``."""
    group_id = body.get('group_id') if microversion.at_least(req, 3, 13) else None
    cg_id = body.get('consistencygroup_id')
    if group_id and cg_id and group_id != cg_id:
        raise exception.InvalidInput(
            reason="'group_id' and 'consistencygroup_id' name different groups.")
    if group_id:
        return {'group_id': group_id, 'words': group_words.GROUP}
    return {'group_id': cg_id, 'words': group_words.CG}


def update(req, volume_id):
    """PUT /volumes/{id}: 200 with the new detail view."""
    context = wsgi.context_of(req)
    context.can(policies.UPDATE)
    body = wsgi.json_body(req, schema.UPDATE_V353 if microversion.at_least(req, 3, 53)
                          else schema.UPDATE)['volume']
    values = {}
    for key, alias in (('name', 'display_name'), ('description', 'display_description')):
        if key in body or alias in body:
            values[key] = body.get(key, body.get(alias))
    services = wsgi.services_of(req)
    volume = services.volumes.update(context, volume_id, values)
    if body.get('metadata') is not None:
        services.volumes.set_metadata(context, volume_id, body['metadata'], replace=True)
    return wsgi.json_response({'volume': _details(req, context, [volume], view.base)[0]})


def delete(req, volume_id):
    """DELETE /volumes/{id}[?cascade=true][&force=true (3.23, admin)]: 202; 400; 403; 404.

    ``cascade`` (any version) deletes the volume's snapshots with it.
    """
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    force = (microversion.at_least(req, 3, 23)
             and wsgi.bool_param(req.GET.get('force', False)))
    cascade = wsgi.bool_param(req.GET.get('cascade', False))
    if force:
        context.can(policies.FORCE_DELETE)
    wsgi.services_of(req).volumes.delete(context, volume_id, force=force, cascade=cascade)
    return wsgi.empty_response(202)
