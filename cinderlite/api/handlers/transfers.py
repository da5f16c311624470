"""Volume transfer handlers: ``os-volume-transfer`` (3.0) and ``volume-transfers`` (3.55).

Both routes share these handlers; ``volume-transfers`` exists from 3.55 on
and only there may a create leave the snapshots behind (``no_snapshots``).
Views add ``no_snapshots`` at 3.55 and the transfer's history at 3.57.
"""

from oslo_utils import strutils

from cinderlite.api import handlers
from cinderlite.api import microversion
from cinderlite.api import pagination
from cinderlite.api import query_filters
from cinderlite.api import wsgi
from cinderlite.api.schemas import transfers as schema
from cinderlite.api.views import transfers as view
from cinderlite.policies import transfers as policies

#: Columns no filter may probe: the auth key's hash and salt.
SECRET = ('salt', 'crypt_hash')


def _service(req):
    return wsgi.services_of(req).transfers


def _filters(req):
    """Every query parameter but paging filters transfers, as in Cinder (no
    resource_filters check); one on no column, or on the key's hash, matches nothing."""
    filters = {query_filters.ALIASES.get(k, k): v for k, v in req.GET.items()
               if k not in query_filters.PAGING and k != 'all_tenants'}
    return {('' if k.rstrip('~') in SECRET else k): v for k, v in filters.items()}


def _list(req, detailed):
    wsgi.context_of(req).can(policies.GET_ALL)
    page = pagination.page_params(req, wsgi.services_of(req).conf.osapi_max_limit)
    if not microversion.at_least(req, 3, 59):
        # Below 3.59 (SUPPORT_TRANSFER_PAGINATION): oldest first whatever the
        # request says, no marker; limit and offset still cut the list.
        page.update(marker=None, sort_keys=['created_at', 'id'], sort_dirs=['asc', 'asc'])
    elif not page['sort_keys']:
        page.update(sort_keys=['created_at'], sort_dirs=['desc'])
    transfers, limit = pagination.list_resources(req, _service(req).get_all,
                                                 wanted=_filters(req), page=page)
    render = view.detail if detailed else view.summary
    return wsgi.json_response(pagination.list_body(
        req, 'transfers', [render(req, t) for t in transfers], transfers, limit,
        'transfers_links'))


def index(req):
    """GET /os-volume-transfer: 200 summaries."""
    return _list(req, detailed=False)


def detail(req):
    """GET /os-volume-transfer/detail: 200."""
    return _list(req, detailed=True)


def show(req, transfer_id):
    """GET /os-volume-transfer/{id}: 200; 404 unknown or another project's."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    transfer = _service(req).get(context, transfer_id)
    return wsgi.json_response({'transfer': view.detail(req, transfer)})


def _create(req, body_schema, allow_encrypted=False):
    context = wsgi.context_of(req)
    context.can(policies.CREATE)
    body = wsgi.json_body(req, body_schema)['transfer']
    name = body.get('name')
    transfer, auth_key = _service(req).create(
        context, body['volume_id'], name.strip() if name is not None else None,
        no_snapshots=strutils.bool_from_string(body.get('no_snapshots') or False),
        allow_encrypted=allow_encrypted)
    return wsgi.json_response({'transfer': view.create(req, transfer, auth_key)},
                              status=202)


def create(req):
    """POST /os-volume-transfer: 202 with the auth key (shown only here).

    400 the volume or one of its snapshots is not available; 404 unknown volume.
    """
    return _create(req, schema.CREATE)


def accept(req, transfer_id):
    """POST /os-volume-transfer/{id}/accept: 202.

    400 wrong auth key, a volume in a consistency group or a snapshot that is
    not available; 404 unknown transfer; 413 over the accepting project's quota.
    """
    context = wsgi.context_of(req)
    context.can(policies.ACCEPT)
    auth_key = wsgi.json_body(req, schema.ACCEPT)['accept']['auth_key']
    transfer = _service(req).accept(context, transfer_id, auth_key)
    return wsgi.json_response({'transfer': view.summary(req, transfer)}, status=202)


def delete(req, transfer_id):
    """DELETE /os-volume-transfer/{id}: 202, the volume is available again; 404."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    _service(req).delete(context, transfer_id)
    return wsgi.empty_response(202)


# The same operations under ``volume-transfers``, which Cinder added in 3.55.

@handlers.api_version(3, 55)
def index_v355(req):
    """GET /volume-transfers (3.55): as index."""
    return index(req)


@handlers.api_version(3, 55)
def detail_v355(req):
    """GET /volume-transfers/detail (3.55): as detail."""
    return detail(req)


@handlers.api_version(3, 55)
def show_v355(req, transfer_id):
    """GET /volume-transfers/{id} (3.55): as show."""
    return show(req, transfer_id)


@handlers.api_version(3, 55)
def create_v355(req):
    """POST /volume-transfers (3.55): as create, and ``no_snapshots`` may be set.

    From 3.70 an encrypted volume may go, with its snapshots (the legacy
    route never allows it).
    """
    return _create(req, schema.CREATE_V355,
                   allow_encrypted=microversion.at_least(req, 3, 70))


@handlers.api_version(3, 55)
def accept_v355(req, transfer_id):
    """POST /volume-transfers/{id}/accept (3.55): as accept."""
    return accept(req, transfer_id)


@handlers.api_version(3, 55)
def delete_v355(req, transfer_id):
    """DELETE /volume-transfers/{id} (3.55): as delete."""
    return delete(req, transfer_id)
