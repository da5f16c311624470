"""Service layer for limits: a project's absolute limits and what it uses of them."""

from cinderlite import quota
from cinderlite.db import quotas as db_quotas


class LimitService:

    def __init__(self, conf):
        self.conf = conf

    def absolute(self, context, with_usage, project_id=None):
        """``(limits, in_use)`` of a project (the caller's by default), ``{resource: n}``.

        ``in_use`` is None unless ``with_usage``.
        """
        project_id = project_id or context.project_id
        limits = quota.get_limits(self.conf, context, project_id)
        return limits, db_quotas.get_usages(context, project_id) if with_usage else None
