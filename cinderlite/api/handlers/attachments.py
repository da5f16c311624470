"""The attachments API (3.27+): create, list, detail, show, update, delete, os-complete (3.44)."""

from cinderlite import exception
from cinderlite.api import handlers
from cinderlite.api import microversion
from cinderlite.api import pagination
from cinderlite.api import query_filters
from cinderlite.api import wsgi
from cinderlite.api.schemas import attachments as schema
from cinderlite.api.views import attachments as view
from cinderlite.policies import attachments as policies

#: Cinder's filters; ``status`` and ``instance_id`` name columns differently.
FILTERS = ('volume_id', 'status', 'instance_id', 'attach_status')
_COLUMNS = {'status': 'attach_status', 'instance_id': 'instance_uuid'}


def _legacy(req, context, filters):
    query_filters.drop_unknown(context, filters, FILTERS)


def _column(key):
    """The column a filter names: ``status~`` is an inexact ``attach_status``."""
    like = key.endswith('~')
    name = _COLUMNS.get(key.rstrip('~'), key.rstrip('~'))
    return name + '~' if like else name


def _list(req, render):
    service = wsgi.services_of(req).attachments
    filters = query_filters.requested(req, 'attachment', _legacy)
    rows, _ = pagination.list_resources(
        req, service.get_all, wanted={_column(k): v for k, v in filters.items()})
    return wsgi.json_response({'attachments': [render(a) for a in rows]})


@handlers.api_version(3, 27)
def index(req):
    """GET /attachments: 200 summaries of the caller's attachments (no links)."""
    return _list(req, view.summary)


@handlers.api_version(3, 27)
def detail(req):
    """GET /attachments/detail: 200 detail views."""
    return _list(req, view.detail)


@handlers.api_version(3, 27)
def show(req, attachment_id):
    """GET /attachments/{id}: 200; 404 unknown or another project's."""
    context = wsgi.context_of(req)
    attachment = wsgi.services_of(req).attachments.get(context, attachment_id)
    return wsgi.json_response({'attachment': view.detail(attachment)})


@handlers.api_version(3, 27)
def create(req):
    """POST /attachments: 200 detail; 400 not reservable; 404 no such volume; 500 backend."""
    context = wsgi.context_of(req)
    with_mode = microversion.at_least(req, 3, 54)
    body = wsgi.json_body(req, schema.CREATE_V354 if with_mode else schema.CREATE)
    body = body['attachment']
    context.can(policies.CREATE)
    volume = wsgi.services_of(req).volumes.get(context, body['volume_uuid'])
    if volume.multiattach and volume.bootable and volume.status == 'in-use':
        # A second guest booting from a multiattach volume has its own policy.
        context.can(policies.MULTIATTACH_BOOTABLE)
    attachment = wsgi.services_of(req).attachments.create(
        context, body['volume_uuid'], instance_uuid=body.get('instance_uuid'),
        connector=body.get('connector'),
        mode=body.get('mode', 'null') if with_mode else None)
    return wsgi.json_response({'attachment': view.detail(attachment)})


@handlers.api_version(3, 27)
def update(req, attachment_id):
    """PUT /attachments/{id}: 200 detail with the connection info; 409 error or duplicate."""
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, schema.UPDATE)['attachment']
    context.can(policies.UPDATE)
    attachment = wsgi.services_of(req).attachments.update(context, attachment_id,
                                                          body['connector'])
    return wsgi.json_response({'attachment': view.detail(attachment)})


@handlers.api_version(3, 27)
def delete(req, attachment_id):
    """DELETE /attachments/{id}: 200 the volume's remaining attachments (summaries)."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    remaining = wsgi.services_of(req).attachments.delete(context, attachment_id)
    return wsgi.json_response({'attachments': [view.summary(a) for a in remaining]})


@handlers.api_version(3, 44)
def action(req, attachment_id):
    """POST /attachments/{id}/action ``os-complete`` (3.44): 204, no body."""
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, {'type': 'object', 'minProperties': 1, 'maxProperties': 1})
    name = next(iter(body))
    if name != 'os-complete':
        raise exception.NoSuchAction(action=name)
    context.can(policies.COMPLETE)
    wsgi.services_of(req).attachments.complete(context, attachment_id)
    return wsgi.empty_response(204)
