"""Queries on quota limits and usages; the locking read that makes quota atomic."""

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite

from cinderlite.db import engine
from cinderlite.db import models

# On MySQL/MariaDB, INSERT IGNORE share-locks the rows that already exist, and
# two transactions holding that lock deadlock on the FOR UPDATE that follows.
# ON DUPLICATE KEY UPDATE takes the exclusive lock at once, in sorted order.
_INSERT_IGNORING_DUPLICATES = {
    'postgresql': lambda: postgresql.insert(models.QuotaUsage).on_conflict_do_nothing(),
    'sqlite': lambda: sqlite.insert(models.QuotaUsage).on_conflict_do_nothing(),
    'mysql': lambda: mysql.insert(models.QuotaUsage).on_duplicate_key_update(
        in_use=models.QuotaUsage.in_use),
}


def get_limits(context, project_id):
    """``{resource: hard_limit}`` of the limits set for ``project_id``."""
    with engine.reader(context) as session:
        rows = session.query(models.Quota).filter(models.Quota.project_id == project_id)
        return {row.resource: row.hard_limit for row in rows}


def set_limits(context, project_id, limits):
    with engine.writer(context) as session:
        existing = {row.resource: row for row in session.query(models.Quota)
                    .filter(models.Quota.project_id == project_id)}
        for resource, limit in limits.items():
            if resource in existing:
                existing[resource].hard_limit = limit
            else:
                session.add(models.Quota(project_id=project_id, resource=resource,
                                         hard_limit=limit))


def delete_limits(context, project_id):
    with engine.writer(context) as session:
        session.execute(sa.delete(models.Quota).where(models.Quota.project_id == project_id))


def get_usages(context, project_id):
    with engine.reader(context) as session:
        rows = session.query(models.QuotaUsage).filter(
            models.QuotaUsage.project_id == project_id)
        return {row.resource: row.in_use for row in rows}


def lock_usages(context, project_id, resources):
    """Lock (FOR UPDATE) the usage rows of ``resources``, creating missing ones.

    Two statements whatever the number of resources: an insert that ignores
    rows another transaction created first, then one locking select. Must run
    inside the caller's write transaction; returns ``{resource: in_use}``.
    """
    resources = sorted(set(resources))
    with engine.writer(context) as session:
        dialect = session.get_bind().dialect.name
        now = models.utcnow()
        session.execute(_INSERT_IGNORING_DUPLICATES[dialect](),
                        [{'project_id': project_id, 'resource': r, 'in_use': 0,
                          'created_at': now} for r in resources])
        rows = (session.query(models.QuotaUsage)
                .filter(models.QuotaUsage.project_id == project_id)
                .filter(models.QuotaUsage.resource.in_(resources))
                .with_for_update().all())
        return {row.resource: row.in_use for row in rows}


def add_usages(context, project_id, deltas):
    """``in_use += delta`` for each resource, in one executemany."""
    deltas = {r: d for r, d in deltas.items() if d}
    if not deltas:
        return
    with engine.writer(context) as session:
        stmt = (sa.update(models.QuotaUsage)
                .where(models.QuotaUsage.project_id == project_id)
                .where(models.QuotaUsage.resource == sa.bindparam('_resource'))
                .values(in_use=models.QuotaUsage.in_use + sa.bindparam('_delta'),
                        updated_at=sa.bindparam('_now')))
        now = models.utcnow()
        session.connection().execute(
            stmt, [{'_resource': r, '_delta': d, '_now': now} for r, d in deltas.items()])
