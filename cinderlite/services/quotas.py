"""Service layer for quota sets: limits with usage, updates checked against usage."""

from cinderlite import exception
from cinderlite import quota
from cinderlite.db import quotas as db_quotas
from cinderlite.db import types as db_types


class QuotaService:

    def __init__(self, conf):
        self.conf = conf

    def _type_names(self, context):
        return [t.name for t in db_types.list_types(context.elevated(), include_private=True)]

    def defaults(self, context):
        return quota.get_defaults(self.conf, context, self._type_names(context))

    def show(self, context, project_id, usage=False):
        """Limits (and with ``usage`` each as {limit, in_use, reserved}) of a project."""
        limits = quota.get_limits(self.conf, context, project_id, self._type_names(context))
        if not usage:
            return limits
        usages = db_quotas.get_usages(context, project_id)
        return {r: {'limit': limit, 'in_use': usages.get(r, 0), 'reserved': 0}
                for r, limit in limits.items()}

    def update(self, context, project_id, limits):
        """:raises InvalidInput: (400) unknown key, or a limit below what is in use."""
        type_names = self._type_names(context)
        bad = sorted(k for k in limits if not quota.is_known_resource(k, type_names))
        if bad:
            raise exception.BadRequest(reason='Bad key(s) in quota set: %s' % ','.join(bad))
        usages = db_quotas.get_usages(context, project_id)
        for resource, limit in limits.items():
            if limit < -1:
                raise exception.InvalidQuotaValue(
                    reason='Quota limit %s for %s must be -1 or greater.' % (limit, resource))
            if 0 <= limit < usages.get(resource, 0):
                raise exception.InvalidQuotaValue(
                    reason='Quota %s limit must be equal or greater than existing '
                           'resources. Current usage is %s and the requested limit '
                           'is %s.' % (resource, usages[resource], limit))
        db_quotas.set_limits(context, project_id, limits)
        return quota.get_limits(self.conf, context, project_id, type_names)

    def delete(self, context, project_id):
        db_quotas.delete_limits(context, project_id)
