"""scheduler-stats handler (admin): the pools new volumes may go to."""

from cinderlite.api import wsgi
from cinderlite.api.views import scheduler_stats as view
from cinderlite.policies import scheduler_stats as policies


def get_pools(req):
    """GET /scheduler-stats/get_pools[?detail=True]: 200. Other filters come at 3.28."""
    context = wsgi.context_of(req)
    context.can(policies.GET_POOLS)
    detail = wsgi.bool_param(req.GET.get('detail', False))
    pools = wsgi.services_of(req).pools.get_pools(context)
    return wsgi.json_response(view.pools(pools, detail))
