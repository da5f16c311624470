"""Queries on volume transfers; the volume's status says one is pending."""

import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models

AWAITING = 'awaiting-transfer'


def create_transfer(context, row):
    """Move the volume from ``available`` to ``awaiting-transfer`` and insert the transfer.

    :raises InvalidVolume: (400) the volume is no longer available (another
        request moved it first).
    """
    row.setdefault('created_at', models.utcnow())
    with engine.writer(context) as session:
        if not common.conditional_update(session, models.Volume, row['volume_id'],
                                         {'status': AWAITING,
                                          'updated_at': models.utcnow()},
                                         ('available',)):
            raise exception.InvalidVolume(
                reason='Transfer %s: Volume id %s expected in available state.'
                       % (row['id'], row['volume_id']))
        session.execute(sa.insert(models.Transfer), [row])


def get_transfer(context, transfer_id):
    """The caller's transfer (any for admins); :raises TransferNotFound: (404)."""
    with engine.reader(context) as session:
        return common.get_row(session, models.Transfer, context, transfer_id,
                              exception.TransferNotFound(transfer_id=transfer_id))


def lock_transfer(context, transfer_id):
    """Any project's transfer, locked for the caller's transaction (an accept).

    :raises TransferNotFound: (404) it is gone (accepted or cancelled meanwhile).
    """
    with engine.writer(context) as session:
        rows = common.lock_rows(session, models.Transfer, [transfer_id])
    if not rows:
        raise exception.TransferNotFound(transfer_id=transfer_id)
    return rows[0]


def list_transfers(context, filters, all_projects, page):
    with engine.reader(context) as session:
        return common.list_rows(session, models.Transfer, context, filters, all_projects,
                                page)


def delete_transfer(context, transfer):
    """Delete a transfer; its volume, if still awaiting it, is ``available`` again.

    The transfer's row is locked first, as an accept locks it: of a delete
    and an accept racing, the one that comes second finds it gone.

    :raises TransferNotFound: (404) it is gone (accepted or deleted meanwhile).
    """
    with engine.writer(context) as session:
        if not common.lock_rows(session, models.Transfer, [transfer.id]):
            raise exception.TransferNotFound(transfer_id=transfer.id)
        common.conditional_update(session, models.Volume, transfer.volume_id,
                                  {'status': 'available', 'updated_at': models.utcnow()},
                                  (AWAITING,))
        session.execute(sa.delete(models.Transfer)
                        .where(models.Transfer.id == transfer.id))


def accept_transfer(context, transfer, project_id, user_id, snapshot_ids):
    """Give the volume (and the listed snapshots) to ``project_id``; drop the transfer.

    Runs in the caller's transaction, which holds the transfer's and the
    volume's rows.

    :raises InvalidVolume: (400) the volume no longer awaits the transfer.
    """
    now = models.utcnow()
    with engine.writer(context) as session:
        if not common.conditional_update(session, models.Volume, transfer.volume_id,
                                         {'status': 'available', 'project_id': project_id,
                                          'user_id': user_id, 'updated_at': now},
                                         (AWAITING,)):
            raise exception.InvalidVolume(
                reason='Transfer %s: Volume id %s expected in awaiting-transfer state.'
                       % (transfer.id, transfer.volume_id))
        if snapshot_ids:
            session.execute(sa.update(models.Snapshot)
                            .where(models.Snapshot.id.in_(list(snapshot_ids)))
                            .values(project_id=project_id, user_id=user_id,
                                    updated_at=now))
        session.execute(sa.delete(models.Transfer)
                        .where(models.Transfer.id == transfer.id))
