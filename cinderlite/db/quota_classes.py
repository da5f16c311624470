"""Queries on quota classes: named sets of limits (``default`` holds the defaults)."""

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc

from cinderlite.db import engine
from cinderlite.db import models


def get_class_limits(context, class_name):
    """``{resource: hard_limit}`` of the limits the class ``class_name`` sets."""
    with engine.reader(context) as session:
        rows = session.query(models.QuotaClass).filter(
            models.QuotaClass.class_name == class_name)
        return {row.resource: row.hard_limit for row in rows}


# Two admins adding one resource to a class at once both insert its row: the
# loser runs its whole transaction again and then updates the winner's row.
@oslo_db_api.wrap_db_retry(
    max_retries=3, exception_checker=lambda e: isinstance(e, db_exc.DBDuplicateEntry))
def set_class_limits(context, class_name, limits):
    """Set ``{resource: hard_limit}`` in the class, creating the rows it lacks."""
    with engine.writer(context) as session:
        existing = {row.resource: row for row in session.query(models.QuotaClass)
                    .filter(models.QuotaClass.class_name == class_name)}
        for resource, limit in limits.items():
            if resource in existing:
                existing[resource].hard_limit = limit
            else:
                session.add(models.QuotaClass(class_name=class_name, resource=resource,
                                              hard_limit=limit))
