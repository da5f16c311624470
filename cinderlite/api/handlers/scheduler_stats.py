"""scheduler-stats handler (admin): the pools new volumes may go to."""

from cinderlite.api import microversion
from cinderlite.api import query_filters
from cinderlite.api import wsgi
from cinderlite.api.views import scheduler_stats as view
from cinderlite.policies import scheduler_stats as policies


def _legacy(req, context, filters):
    # Below 3.28 (POOL_FILTER) Cinder passes no filter to the scheduler.
    if not microversion.at_least(req, 3, 28):
        filters.clear()


def get_pools(req):
    """GET /scheduler-stats/get_pools[?detail=True]: 200.

    3.28: other query parameters filter the pools (``name``, a capability);
    3.31: only those resource_filters.json lists for ``pool``, for admins
    too (else 400); 3.35: ``volume_type`` (404 unknown).
    """
    context = wsgi.context_of(req)
    context.can(policies.GET_POOLS)
    detail = query_filters.bool_param(req, 'detail')
    filters = query_filters.requested(req, 'pool', _legacy, drop=('detail',))
    if not microversion.at_least(req, 3, 35):
        filters.pop('volume_type', None)
    pools = wsgi.services_of(req).pools.get_pools(context, filters)
    return wsgi.json_response(view.pools(pools, detail))
