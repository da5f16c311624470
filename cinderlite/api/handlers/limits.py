"""The limits handler: the caller's absolute limits, with usage where policy allows."""

from cinderlite.api import microversion
from cinderlite.api import wsgi
from cinderlite.api.views import limits as view
from cinderlite.policies import limits as policies


def index(req):
    """GET /limits: 200. The ``total*Used`` fields need limits_extension:used_limits.

    From 3.39 an admin may name another project with ``project_id`` (or the
    older ``tenant_id``); below 3.39, or from anyone else, both are ignored.
    """
    context = wsgi.context_of(req)
    with_usage = context.can(policies.USED_LIMITS, fatal=False)
    project_id = None
    if context.is_admin and microversion.at_least(req, 3, 39):
        project_id = req.GET.get('project_id', req.GET.get('tenant_id'))
    limits, in_use = wsgi.services_of(req).limits.absolute(context, with_usage, project_id)
    return wsgi.json_response(view.index(limits, in_use))
