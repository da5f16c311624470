"""Queries by host name: Cinder's host matching, and what a backend holds per project."""

import sqlalchemy as sa

from cinderlite.db import engine
from cinderlite.db import models


def under_host(column, host):
    """A condition: ``column`` is ``host`` or lies under it, as Cinder's host filter matches.

    ``node`` matches itself, ``node@*`` and ``node#*``; ``node@backend``
    matches itself and its pools ``node@backend#*``; a pool matches only itself.
    """
    conditions = [column == host]
    if '#' not in host:
        conditions.append(column.startswith(host + '#', autoescape=True))
        if '@' not in host:
            conditions.append(column.startswith(host + '@', autoescape=True))
    return sa.or_(*conditions)


def usage_by_project(context, backend_host):
    """What the backend ``host@backend`` holds: ``{project_id: {volume_count, ...}}``.

    Each value has ``volume_count``, ``volume_gb``, ``snapshot_count`` and
    ``snapshot_gb`` (the snapshots of the backend's volumes, by their project).
    Two statements, whatever the number of projects.
    """
    on_backend = under_host(models.Volume.host, backend_host)
    usage = {}

    def entry(project_id):
        return usage.setdefault(project_id, {'volume_count': 0, 'volume_gb': 0,
                                             'snapshot_count': 0, 'snapshot_gb': 0})
    with engine.reader(context) as session:
        volumes = session.execute(
            sa.select(models.Volume.project_id, sa.func.count(models.Volume.id),
                      sa.func.coalesce(sa.func.sum(models.Volume.size), 0))
            .where(on_backend).group_by(models.Volume.project_id))
        for project_id, count, size in volumes:
            entry(project_id).update(volume_count=count, volume_gb=int(size))
        snapshots = session.execute(
            sa.select(models.Snapshot.project_id, sa.func.count(models.Snapshot.id),
                      sa.func.coalesce(sa.func.sum(models.Snapshot.size), 0))
            .join(models.Volume, models.Snapshot.volume_id == models.Volume.id)
            .where(on_backend).group_by(models.Snapshot.project_id))
        for project_id, count, size in snapshots:
            entry(project_id).update(snapshot_count=count, snapshot_gb=int(size))
    return usage
