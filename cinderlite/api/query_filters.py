"""The filters of a list request, read as Cinder reads them per resource and microversion.

Below 3.31 each resource has its own rule (``legacy``): most drop a
non-admin's unknown filters silently. From 3.31 (RESOURCE_FILTER) a
non-admin's filter must be listed for the resource in the
``resource_query_filters_file`` (pools: an admin's too), else the request is
a 400 ``Invalid filters X are found in query options.``; ``all_tenants`` is
dropped, not refused (cinderclient always sends it). From 3.34 (LIKE_FILTER)
``key~=value`` is allowed where ``key`` or ``key~`` is listed, and asks for
the rows whose ``key`` contains ``value``.

What comes back is ``{key: value}`` for the data layer: a key ending in
``~`` is an inexact match, a key naming no column matches nothing (Cinder's
answer to an admin's unknown filter is an empty list).
"""

from oslo_utils import strutils
from oslo_utils import timeutils

from cinderlite import exception
from cinderlite.api import microversion
from cinderlite.api import pagination
from cinderlite.api import wsgi

PAGING = ('limit', 'offset', 'marker', 'sort', 'sort_key', 'sort_dir')
TIME_OPERATORS = ('gt', 'gte', 'eq', 'neq', 'lt', 'lte')
TIME_FILTERS = ('created_at', 'updated_at')

#: Cinder's column names that are ours under another name.
ALIASES = {'display_name': 'name', 'display_description': 'description',
           'display_name~': 'name~', 'display_description~': 'description~',
           'consumes_quota': 'use_quota'}


def requested(req, resource, legacy=None, drop=()):
    """The filters of ``req`` for ``resource`` (a key of resource_filters.json).

    ``legacy(req, context, filters)`` applies the resource's rule below 3.31
    (None: pass everything on, as Cinder's groups do); ``drop`` names query
    parameters that are not filters (``detail``, ``list_volume``, ...).

    :raises BadRequest: (400) from 3.31, a filter not allowed to the caller.
    """
    context = wsgi.context_of(req)
    filters = {k: v for k, v in req.GET.items()
               if k not in PAGING and k not in drop}
    if microversion.at_least(req, 3, 31):
        allowed = wsgi.services_of(req).resource_filters.allowed(resource)
        reject_invalid(context, filters, allowed, like=microversion.at_least(req, 3, 34),
                       admins_too=(resource == 'pool'))
    elif legacy is not None:
        legacy(req, context, filters)
    filters.pop('all_tenants', None)
    return {ALIASES.get(k, k): v for k, v in filters.items()}


def reject_invalid(context, filters, allowed, like, admins_too=False):
    """Cinder's reject_invalid_filters: 400 naming the filters ``allowed`` lacks."""
    for key in filters:
        if not key.isascii():
            raise exception.BadRequest(reason='Filter keys can only contain ASCII characters.')
    if context.is_admin and not admins_too:
        return
    invalid = [key for key in filters
               if not (key in allowed or (like and key + '~' in allowed))]
    if 'all_tenants' in invalid:
        invalid.remove('all_tenants')
    if invalid:
        raise exception.BadRequest(
            reason='Invalid filters %s are found in query options.' % ','.join(invalid))


def drop_unknown(context, filters, allowed):
    """Cinder's remove_invalid_filter_options: a non-admin's unknown filters are ignored."""
    if context.is_admin:
        return
    for key in [k for k in filters if k not in allowed]:
        del filters[key]


def drop_below(req, filters, added):
    """Remove the filters ``added`` (``{name: (major, minor)}``) after ``req``'s version."""
    for name, version in added.items():
        if not microversion.at_least(req, *version):
            filters.pop(name, None)


def boolean(filters, key, strict):
    """Make ``filters[key]`` a bool, as Cinder's volume lists read booleans.

    ``strict`` (volumes from 3.2): only a boolean spelling, else a 400
    ``Invalid input received: 'key = value'``; otherwise any value but a
    spelling of false is true.
    """
    if key not in filters:
        return
    value = filters[key]
    if strict:
        try:
            filters[key] = strutils.bool_from_string(value, strict=True)
        except ValueError:
            raise exception.InvalidInput(reason="'%s = %s'" % (key, value)) from None
    else:
        filters[key] = value not in ('False', 'false', 'FALSE')


def consumes_quota(filters):
    """``consumes_quota`` (3.65, ``use_quota`` here as in Cinder's data layer) as a bool.

    :raises BadRequest: (400) not a boolean spelling, with Cinder's message.
    """
    if 'use_quota' in filters:
        value = filters['use_quota']
        if not strutils.is_valid_boolstr(value):
            raise exception.BadRequest(
                reason="Value '%s' for 'use_quota' is not a boolean." % value)
        filters['use_quota'] = strutils.bool_from_string(value, strict=True)


def metadata(filters, key='metadata'):
    """Parse the dict literal of a metadata filter; :raises InvalidInput: (400)."""
    if key in filters:
        filters[key] = pagination.dict_param(filters[key])


def time_comparisons(filters):
    """``created_at``/``updated_at`` as ``op:ISO8601[,op:ISO8601]`` (3.60).

    Each becomes ``{op: naive UTC datetime}``; the data layer keeps a row
    that satisfies any of its comparisons, as Cinder does.

    :raises BadRequest: (400) ``Invalid X operator`` or ``Invalid X value``.
    """
    for key in TIME_FILTERS:
        if key not in filters or isinstance(filters[key], dict):
            continue
        comparisons = {}
        for unit in filters[key].split(','):
            operator, colon, when = unit.partition(':')
            when = when if colon else operator
            if operator not in TIME_OPERATORS:
                raise exception.BadRequest(reason='Invalid %s operator' % operator)
            try:
                parsed = timeutils.parse_isotime(when)
            except ValueError:
                raise exception.BadRequest(reason='Invalid %s value' % when) from None
            comparisons[operator] = timeutils.normalize_time(parsed)
        filters[key] = comparisons


def bool_param(req, name):
    """Cinder's get_bool_param: :raises BadRequest: (400) not a boolean spelling."""
    value = req.GET.get(name, 'false')
    if not strutils.is_valid_boolstr(value):
        raise exception.BadRequest(
            reason="Value '%s' for '%s' is not a boolean." % (value, name))
    return strutils.bool_from_string(value, strict=True)


def with_count(req):
    """Whether a volume or snapshot list asks for ``count`` (3.45 ``with_count``)."""
    return microversion.at_least(req, 3, 45) and bool_param(req, 'with_count')


def count_drop(req):
    """``with_count`` is a query parameter, not a filter, from 3.45 on."""
    return ('with_count',) if microversion.at_least(req, 3, 45) else ()
