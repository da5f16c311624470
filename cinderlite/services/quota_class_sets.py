"""Service layer for quota class sets: named limits; ``default`` holds every project's defaults."""

from cinderlite import exception
from cinderlite import quota
from cinderlite.db import quota_classes as db_quota_classes
from cinderlite.db import types as db_types


class QuotaClassService:

    def __init__(self, conf):
        self.conf = conf

    def _type_names(self, context):
        return [t.name for t in db_types.list_types(context.elevated(), include_private=True)]

    def show(self, context, class_name):
        """Every limit of the class: its own, else the defaults (-1 per volume type)."""
        type_names = self._type_names(context)
        limits = quota.get_defaults(self.conf, context, type_names)
        limits.update(db_quota_classes.get_class_limits(context, class_name))
        # A class may still name a volume type deleted since: show what exists.
        return {k: v for k, v in limits.items() if quota.is_known_resource(k, type_names)}

    def update(self, context, class_name, limits):
        """Set ``{resource: limit}`` in the class; limits in use are not checked (as Cinder).

        :raises InvalidInput: (400) a key that is no quota, or a class name too long.
        """
        if len(class_name) > 255:
            raise exception.InvalidInput(
                reason='quota_class_name has more than 255 characters.')
        type_names = self._type_names(context)
        bad = [k for k in limits if not quota.is_known_resource(k, type_names)]
        if bad:
            raise exception.InvalidInput(
                reason='Bad key(s) in quota class set: %s' % ', '.join(bad))
        db_quota_classes.set_class_limits(context, class_name, limits)
        return self.show(context, class_name)
