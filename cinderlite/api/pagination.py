"""List parameters as Cinder reads them, and the ``*_links`` next link."""

import ast
from urllib import parse

from cinderlite import exception
from cinderlite.api import schemas
from cinderlite.api import wsgi
from cinderlite.policies import volumes as volume_policies

RESERVED = ('limit', 'offset', 'marker', 'sort', 'sort_key', 'sort_dir', 'all_tenants',
            'with_count')


def _non_negative_int(name, value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise exception.BadRequest(reason='%s param must be an integer' % name) from None
    if number < 0:
        raise exception.BadRequest(reason='%s param must be positive' % name)
    if number > schemas.MAX_INT:
        raise exception.BadRequest(reason='%s param must be at most %d'
                                     % (name, schemas.MAX_INT))
    return number


def page_params(req, max_limit):
    """``limit``/``offset``/``marker``/sort of a list request, ready for the data layer.

    :raises InvalidInput: (400) a non-integer or negative limit or offset, an
        unknown sort direction, or ``sort`` mixed with ``sort_key``/``sort_dir``.
    """
    params = req.GET
    limit = params.get('limit')
    limit = min(_non_negative_int('limit', limit), max_limit) if limit is not None \
        else max_limit
    offset = params.get('offset')
    offset = _non_negative_int('offset', offset) if offset is not None else None
    sort_keys, sort_dirs = [], []
    if 'sort' in params:
        if 'sort_key' in params or 'sort_dir' in params:
            raise exception.InvalidInput(
                reason="The 'sort_key' and 'sort_dir' parameters are deprecated and "
                       "cannot be used with the 'sort' parameter.")
        for item in params['sort'].split(','):
            key, _, direction = item.strip().partition(':')
            sort_keys.append(key.strip())
            sort_dirs.append((direction or 'desc').strip().lower())
    elif 'sort_key' in params or 'sort_dir' in params:
        sort_keys = [params.get('sort_key', 'created_at')]
        sort_dirs = [params.get('sort_dir', 'desc').lower()]
    for direction in sort_dirs:
        if direction not in ('asc', 'desc'):
            raise exception.InvalidInput(reason='Unknown sort direction, must be asc or desc')
    sort_keys = ['name' if k in ('display_name', 'name') else k for k in sort_keys]
    return {'limit': limit, 'offset': offset, 'marker': params.get('marker'),
            'sort_keys': sort_keys or None, 'sort_dirs': sort_dirs or None}


def filters(req, allowed):
    """Exact-match filters among ``allowed`` query parameters (others are ignored)."""
    return {k: v for k, v in req.GET.items() if k in allowed and k not in RESERVED}


def dict_param(value):
    """A filter given as a Python dict literal of strings, as Cinder reads ``metadata``.

    :raises InvalidInput: (400) anything else.
    """
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        parsed = None
    if not isinstance(parsed, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in parsed.items()):
        raise exception.InvalidInput(reason='Invalid metadata filter: %s' % value)
    return parsed


def next_links(req, items, limit):
    """``[{"rel": "next", "href": ...}]`` when a full page came back, else None."""
    if not items or len(items) < limit:
        return None
    query = [(k, v) for k, v in req.GET.items() if k not in ('marker', 'limit')]
    query += [('limit', str(limit)), ('marker', items[-1].id)]
    href = '%s%s?%s' % (req.host_url, req.script_name + req.path_info,
                        parse.urlencode(query))
    return [{'rel': 'next', 'href': href}]


def all_projects_of(req):
    """Whether a list spans every project: ``all_tenants`` from an admin (others: ignored)."""
    return (wsgi.bool_param(req.GET.get('all_tenants', False))
            and wsgi.context_of(req).can(volume_policies.ALL_TENANTS, fatal=False))


def list_resources(req, get_all, allowed_filters=(), converters=None, wanted=None,
                   page=None):
    """Run a list request the same way for every resource.

    ``all_tenants`` widens the list for admins only (ignored for others, as
    in Cinder), and then ``project_id`` narrows it to that one project.
    The filters are ``wanted`` (read by query_filters) or else the
    ``allowed_filters`` query parameters, each converted by
    ``converters[name]`` when given; ``page`` replaces the request's
    paging (page_params). Returns ``(rows, limit)``.
    """
    context = wsgi.context_of(req)
    all_projects = all_projects_of(req)
    page = page or page_params(req, wsgi.services_of(req).conf.osapi_max_limit)
    if wanted is None:
        wanted = filters(req, allowed_filters)
        for name, convert in (converters or {}).items():
            if name in wanted:
                wanted[name] = convert(wanted[name])
    return get_all(context, _scoped(req, wanted, all_projects), all_projects,
                   **page), page['limit']


def _scoped(req, wanted, all_projects):
    """Without ``all_tenants`` the list is the caller's project whatever ``project_id``
    says (Cinder overwrites it); with it, ``project_id`` picks one project."""
    wanted = {k: v for k, v in wanted.items() if k != 'project_id'}
    if all_projects and req.GET.get('project_id'):
        wanted['project_id'] = req.GET['project_id']
    return wanted


def count_resources(req, count, wanted):
    """``count(context, filters, all_projects)`` for the list ``list_resources`` read."""
    all_projects = all_projects_of(req)
    return count(wsgi.context_of(req), _scoped(req, wanted, all_projects), all_projects)


def list_body(req, key, items, rows, limit, links_key=None):
    """``{key: items}`` plus ``links_key`` with the next link when a page is full."""
    body = {key: items}
    links = next_links(req, rows, limit) if links_key else None
    if links:
        body[links_key] = links
    return body
