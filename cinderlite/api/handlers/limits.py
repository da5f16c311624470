"""The limits handler: the caller's absolute limits, with usage where policy allows."""

from cinderlite.api import wsgi
from cinderlite.api.views import limits as view
from cinderlite.policies import limits as policies


def index(req):
    """GET /limits: 200. The ``total*Used`` fields need limits_extension:used_limits.

    ``project_id`` (an admin asking for another project) comes at 3.39.
    """
    context = wsgi.context_of(req)
    with_usage = context.can(policies.USED_LIMITS, fatal=False)
    limits, in_use = wsgi.services_of(req).limits.absolute(context, with_usage)
    return wsgi.json_response(view.index(limits, in_use))
