"""Queries on snapshots."""

import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models


def create_snapshots(context, rows):
    """Insert snapshot rows in one bulk statement."""
    if not rows:
        return
    now = models.utcnow()
    for row in rows:
        row.setdefault('created_at', now)
    with engine.writer(context) as session:
        session.execute(sa.insert(models.Snapshot), rows)


def get_snapshot(context, snapshot_id):
    with engine.reader(context) as session:
        return common.get_row(session, models.Snapshot, context, snapshot_id,
                              exception.SnapshotNotFound(snapshot_id=snapshot_id))


def get_snapshots_by_ids(context, snapshot_ids):
    if not snapshot_ids:
        return []
    with engine.reader(context) as session:
        return (session.query(models.Snapshot)
                .filter(models.Snapshot.id.in_(list(snapshot_ids))).all())


def get_group_snapshot_members(context, group_snapshot_ids):
    with engine.reader(context) as session:
        return (session.query(models.Snapshot)
                .filter(models.Snapshot.group_snapshot_id.in_(list(group_snapshot_ids)))
                .order_by(models.Snapshot.created_at, models.Snapshot.id).all())


def _criteria(filters, metadata):
    """``filters`` on the snapshot's own columns, and the criteria of the others.

    ``metadata``: every key with its value; ``availability_zone`` is the
    zone of the snapshot's volume (a snapshot has none of its own).
    """
    filters = dict(filters or {})
    criteria = common.metadata_criteria(models.SnapshotMetadata.snapshot_id,
                                        models.Snapshot.id, metadata)
    if 'availability_zone' in filters:
        criteria.append(models.Snapshot.volume_id.in_(
            sa.select(models.Volume.id).where(
                models.Volume.availability_zone == filters.pop('availability_zone'))))
    return filters, criteria


def list_snapshots(context, filters=None, all_projects=False, metadata=None, **page):
    """Snapshots matching ``filters`` and having every ``metadata`` key with its value."""
    filters, criteria = _criteria(filters, metadata)
    with engine.reader(context) as session:
        return common.list_rows(session, models.Snapshot, context, filters, all_projects,
                                page, criteria)


def count_snapshots(context, filters=None, all_projects=False, metadata=None):
    """How many snapshots ``list_snapshots`` would list without paging, one query."""
    filters, criteria = _criteria(filters, metadata)
    with engine.reader(context) as session:
        return common.count_rows(session, models.Snapshot, context, filters, all_projects,
                                 criteria)


def lock_snapshots_of_volume(context, volume_id):
    """Every snapshot of ``volume_id``, locked for the caller's transaction."""
    with engine.writer(context) as session:
        ids = [row[0] for row in session.query(models.Snapshot.id)
               .filter(models.Snapshot.volume_id == volume_id)]
        return common.lock_rows(session, models.Snapshot, ids)


def get_latest_snapshot(context, volume_id):
    """The newest snapshot of ``volume_id`` (by ``created_at``, then id), or None."""
    with engine.reader(context) as session:
        return (session.query(models.Snapshot)
                .filter(models.Snapshot.volume_id == volume_id)
                .order_by(models.Snapshot.created_at.desc(), models.Snapshot.id.desc())
                .first())


def count_snapshots_of_volumes(context, volume_ids):
    """How many snapshots the listed volumes have, in one query."""
    if not volume_ids:
        return 0
    with engine.reader(context) as session:
        return (session.query(sa.func.count(models.Snapshot.id))
                .filter(models.Snapshot.volume_id.in_(list(volume_ids))).scalar())


def update_snapshot(context, snapshot_id, values):
    with engine.writer(context) as session:
        session.execute(sa.update(models.Snapshot)
                        .where(models.Snapshot.id == snapshot_id).values(**values))


def update_snapshots(context, values_by_id):
    """Apply ``{snapshot_id: {column: value}}`` in one statement."""
    with engine.writer(context) as session:
        common.update_by_id(session, models.Snapshot, values_by_id)


def conditional_update(context, snapshot_id, values, expected_statuses):
    """Move one snapshot out of ``expected_statuses``; returns whether this call won."""
    with engine.writer(context) as session:
        return common.conditional_update(session, models.Snapshot, snapshot_id, values,
                                         expected_statuses)


def hold_snapshot(context, snapshot):
    """Like volumes.hold_volume, for an ``available`` snapshot a new volume is made from.

    :raises InvalidSnapshot: (400) the snapshot is no longer available.
    """
    with engine.writer(context) as session:
        rows = common.lock_rows(session, models.Snapshot, [snapshot.id])
    if not rows or rows[0].status != 'available':
        raise exception.InvalidSnapshot(
            reason='Originating snapshot status must be one of available values')


def set_status_of_group_snapshot_members(context, group_snapshot_id, status, from_statuses=None):
    with engine.writer(context) as session:
        stmt = (sa.update(models.Snapshot)
                .where(models.Snapshot.group_snapshot_id == group_snapshot_id))
        if from_statuses:
            stmt = stmt.where(models.Snapshot.status.in_(list(from_statuses)))
        return session.execute(stmt.values(status=status,
                                           updated_at=models.utcnow())).rowcount


def get_metadata(context, snapshot_ids):
    """``{snapshot_id: {key: value}}`` for the listed snapshots, in one query."""
    with engine.reader(context) as session:
        return common.metadata_of(session, models.SnapshotMetadata.snapshot_id,
                                  snapshot_ids)


def add_metadata(context, snapshot_id, metadata):
    """Insert the metadata of a new snapshot (one statement)."""
    if metadata:
        with engine.writer(context) as session:
            session.execute(sa.insert(models.SnapshotMetadata),
                            [{'snapshot_id': snapshot_id, 'key': k, 'value': v,
                              'created_at': models.utcnow()} for k, v in metadata.items()])


def set_metadata(context, snapshot_id, metadata, replace=False):
    """Upsert ``metadata`` keys; with ``replace`` drop the keys not given."""
    with engine.writer(context) as session:
        common.set_metadata(session, models.SnapshotMetadata.snapshot_id, snapshot_id,
                            metadata, replace)


def delete_metadata_key(context, snapshot_id, key):
    """:raises SnapshotMetadataNotFound: (404) no such key."""
    with engine.writer(context) as session:
        if not common.delete_metadata_key(session, models.SnapshotMetadata.snapshot_id,
                                          snapshot_id, key):
            raise exception.SnapshotMetadataNotFound(snapshot_id=snapshot_id, key=key)


def delete_snapshot(context, snapshot_id):
    """Delete one snapshot row and its metadata; returns whether it was still there."""
    with engine.writer(context) as session:
        session.execute(sa.delete(models.SnapshotMetadata)
                        .where(models.SnapshotMetadata.snapshot_id == snapshot_id))
        return session.execute(sa.delete(models.Snapshot)
                               .where(models.Snapshot.id == snapshot_id)).rowcount == 1


def delete_group_snapshot_members(context, group_snapshot_id):
    with engine.writer(context) as session:
        members = sa.select(models.Snapshot.id).where(
            models.Snapshot.group_snapshot_id == group_snapshot_id).scalar_subquery()
        session.execute(sa.delete(models.SnapshotMetadata)
                        .where(models.SnapshotMetadata.snapshot_id.in_(members)))
        session.execute(sa.delete(models.Snapshot)
                        .where(models.Snapshot.group_snapshot_id == group_snapshot_id))


def get_stuck_snapshots(context, volume_host_prefix, statuses):
    with engine.reader(context) as session:
        return (session.query(models.Snapshot)
                .join(models.Volume, models.Volume.id == models.Snapshot.volume_id)
                .filter(models.Volume.host.like(volume_host_prefix + '%'))
                .filter(models.Snapshot.status.in_(list(statuses)))
                .filter(models.Snapshot.group_snapshot_id.is_(None)).all())
