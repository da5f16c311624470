"""Queries on volumes and their metadata."""

import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models


def create_volumes(context, rows):
    """Insert volume rows (dicts with every column) in one bulk statement."""
    if not rows:
        return
    now = models.utcnow()
    for row in rows:
        row.setdefault('created_at', now)
    with engine.writer(context) as session:
        session.execute(sa.insert(models.Volume), rows)


def get_volume(context, volume_id):
    """The caller's volume ``volume_id``; another project's is a VolumeNotFound."""
    with engine.reader(context) as session:
        return common.get_row(session, models.Volume, context, volume_id,
                              exception.VolumeNotFound(volume_id=volume_id))


def read_volume(context, volume_id):
    """get_volume as a read-only row, for a show's view (see common.read_row)."""
    with engine.reader(context) as session:
        return common.read_row(session, models.Volume, context, volume_id,
                               exception.VolumeNotFound(volume_id=volume_id))


def get_volumes_by_ids(context, volume_ids):
    """The caller's volumes among ``volume_ids``, in one query."""
    if not volume_ids:
        return []
    with engine.reader(context) as session:
        query = common.scoped(session.query(models.Volume), models.Volume, context)
        return query.filter(models.Volume.id.in_(list(volume_ids))).all()


def get_volumes_in_groups(context, group_ids):
    with engine.reader(context) as session:
        return (session.query(models.Volume)
                .filter(models.Volume.group_id.in_(list(group_ids)))
                .order_by(models.Volume.created_at, models.Volume.id).all())


def _metadata_criteria(filters):
    """``filters`` without ``metadata``, and the criteria of that dict filter."""
    filters = dict(filters or {})
    return filters, common.metadata_criteria(models.VolumeMetadata.volume_id,
                                             models.Volume.id, filters.pop('metadata', None))


def list_volumes(context, filters=None, all_projects=False, **page):
    """Volumes matching ``filters`` (common.filter_criteria; ``metadata`` a dict), paginated."""
    filters, criteria = _metadata_criteria(filters)
    with engine.reader(context) as session:
        return common.list_rows(session, models.Volume, context, filters, all_projects,
                                page, criteria)


def count_volumes(context, filters=None, all_projects=False):
    """How many volumes ``list_volumes`` would list without paging, one query."""
    filters, criteria = _metadata_criteria(filters)
    with engine.reader(context) as session:
        return common.count_rows(session, models.Volume, context, filters, all_projects,
                                 criteria)


def summarize_volumes(context, filters=None, all_projects=False, with_metadata=False):
    """``(count, total size, metadata)`` of the volumes ``list_volumes`` would list.

    ``metadata`` is ``{key: [distinct values]}`` over those volumes (3.36),
    read by a second query when ``with_metadata``, else None.
    """
    model = models.Volume
    filters, criteria = _metadata_criteria(filters)
    with engine.reader(context) as session:
        def scoped(*columns):
            query = common.scoped(session.query(*columns), model, context, all_projects)
            return query.filter(*criteria, *common.filter_criteria(model, filters))
        count, total = scoped(sa.func.count(model.id),
                              sa.func.coalesce(sa.func.sum(model.size), 0)).one()
        metadata = None
        if with_metadata:
            metadata = {}
            rows = (session.query(models.VolumeMetadata.key, models.VolumeMetadata.value)
                    .filter(models.VolumeMetadata.volume_id.in_(
                        scoped(model.id).scalar_subquery()))
                    .distinct().order_by(models.VolumeMetadata.key,
                                         models.VolumeMetadata.value))
            for key, value in rows:
                metadata.setdefault(key, []).append(value)
    return count, int(total), metadata


def update_volume(context, volume_id, values):
    with engine.writer(context) as session:
        session.execute(sa.update(models.Volume)
                        .where(models.Volume.id == volume_id).values(**values))


def update_volumes(context, values_by_id):
    """Apply ``{volume_id: {column: value}}`` in one statement (see common.update_by_id)."""
    with engine.writer(context) as session:
        common.update_by_id(session, models.Volume, values_by_id)


def conditional_update(context, volume_id, values, expected_statuses, **where):
    """Move a volume out of ``expected_statuses`` (see common.conditional_update)."""
    with engine.writer(context) as session:
        return common.conditional_update(session, models.Volume, volume_id, values,
                                         expected_statuses, **where)


def hold_volume(context, volume, what):
    """Lock ``volume``'s row for the caller's transaction, if its status is as it was read.

    A delete racing with a clone or a snapshot of this volume waits for the
    caller's commit, then sees what it created (and refuses), or won first
    and makes this fail.

    :raises InvalidVolume: (400) the volume changed status since it was read.
    """
    with engine.writer(context) as session:
        rows = common.lock_rows(session, models.Volume, [volume.id])
    if not rows or rows[0].status != volume.status:
        raise exception.InvalidVolume(
            reason='%s changed status while this request was served.' % what)


def set_status_where(context, volume_ids, status, from_statuses):
    """Move the listed volumes that are in ``from_statuses`` to ``status``."""
    if not volume_ids:
        return 0
    with engine.writer(context) as session:
        return session.execute(
            sa.update(models.Volume)
            .where(models.Volume.id.in_(list(volume_ids)))
            .where(models.Volume.status.in_(list(from_statuses)))
            .values(status=status, updated_at=models.utcnow())).rowcount


def delete_volume(context, volume_id):
    with engine.writer(context) as session:
        session.execute(sa.delete(models.VolumeAttachment)
                        .where(models.VolumeAttachment.volume_id == volume_id))
        session.execute(sa.delete(models.VolumeMetadata)
                        .where(models.VolumeMetadata.volume_id == volume_id))
        session.execute(sa.delete(models.Volume).where(models.Volume.id == volume_id))


def lock_volumes(context, volume_ids):
    """The listed volumes that still exist, locked for the caller's transaction."""
    with engine.writer(context) as session:
        return common.lock_rows(session, models.Volume, volume_ids)


def delete_volumes(context, volume_ids):
    if not volume_ids:
        return
    with engine.writer(context) as session:
        ids = list(volume_ids)
        session.execute(sa.delete(models.VolumeAttachment)
                        .where(models.VolumeAttachment.volume_id.in_(ids)))
        session.execute(sa.delete(models.VolumeMetadata)
                        .where(models.VolumeMetadata.volume_id.in_(ids)))
        session.execute(sa.delete(models.Volume).where(models.Volume.id.in_(ids)))


def get_stuck_volumes(context, host_prefix, statuses):
    """Volumes on a host (``host@backend`` prefix) left in one of ``statuses``."""
    with engine.reader(context) as session:
        return (session.query(models.Volume)
                .filter(models.Volume.host.like(host_prefix + '%'))
                .filter(models.Volume.status.in_(list(statuses))).all())


def count_copies_in_flight(context, source_volids=(), snapshot_ids=()):
    """Volumes still being created from any of these volumes or snapshots.

    Counts every copy, single-volume clones and group clones alike: none of
    their sources may go away before the copy is done.
    """
    sources = [(models.Volume.source_volid, list(source_volids)),
               (models.Volume.snapshot_id, list(snapshot_ids))]
    conditions = [column.in_(ids) for column, ids in sources if ids]
    if not conditions:
        return 0
    with engine.reader(context) as session:
        return (session.query(sa.func.count(models.Volume.id))
                .filter(sa.or_(*conditions))
                .filter(models.Volume.status == 'creating').scalar())


def sum_sizes_by_host(context):
    """``{host: GiB}``: the sizes of the volumes placed on each host, in any status."""
    with engine.reader(context) as session:
        rows = (session.query(models.Volume.host, sa.func.sum(models.Volume.size))
                .filter(models.Volume.host.isnot(None))
                .group_by(models.Volume.host).all())
    return {host: float(total) for host, total in rows}


def count_volumes_with_type(context, volume_type_id):
    with engine.reader(context) as session:
        return (session.query(sa.func.count(models.Volume.id))
                .filter(models.Volume.volume_type_id == volume_type_id).scalar())


def get_metadata(context, volume_ids):
    """``{volume_id: {key: value}}`` for every listed volume, in one query."""
    with engine.reader(context) as session:
        return common.metadata_of(session, models.VolumeMetadata.volume_id, volume_ids)


def set_metadata(context, volume_id, metadata, replace=False):
    """Upsert ``metadata`` keys; with ``replace`` drop the keys not given."""
    with engine.writer(context) as session:
        common.set_metadata(session, models.VolumeMetadata.volume_id, volume_id, metadata,
                            replace)


def copy_metadata(context, pairs):
    """Copy metadata from source to target volume for each (target, source) pair."""
    sources = {src for _, src in pairs}
    metadata = get_metadata(context, sources)
    rows = [{'volume_id': target, 'key': k, 'value': v, 'created_at': models.utcnow()}
            for target, src in pairs for k, v in metadata[src].items()]
    if rows:
        with engine.writer(context) as session:
            session.execute(sa.insert(models.VolumeMetadata), rows)


def delete_metadata_key(context, volume_id, key):
    with engine.writer(context) as session:
        if not common.delete_metadata_key(session, models.VolumeMetadata.volume_id,
                                          volume_id, key):
            raise exception.VolumeMetadataNotFound(volume_id=volume_id, key=key)


def move_to_group(context, volume_ids, group_id, from_group_id, statuses=None):
    """Set ``group_id`` of the listed volumes still in ``from_group_id``.

    Returns how many moved: fewer than asked means another request changed
    one of them first, and the caller rolls back.
    """
    if not volume_ids:
        return 0
    with engine.writer(context) as session:
        stmt = (sa.update(models.Volume)
                .where(models.Volume.id.in_(list(volume_ids)))
                .where(models.Volume.group_id == from_group_id))
        if statuses:
            stmt = stmt.where(models.Volume.status.in_(list(statuses)))
        return session.execute(stmt.values(group_id=group_id)).rowcount
