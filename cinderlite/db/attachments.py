"""Queries on volume attachments, and the volume status they decide.

Every move of an attachment or of its volume's attach state is a
conditional update, so that two racing requests cannot both win: the loser
finds the row no longer in the state it expected and gives up whole.
"""

import json

import sqlalchemy as sa

from cinderlite import exception
from cinderlite.db import common
from cinderlite.db import engine
from cinderlite.db import models

Attachment = models.VolumeAttachment

#: Which attachment decides its volume's state, first first (Cinder's order:
#: the alphabetically lowest of the non-error attachments).
_ORDER = ('attached', 'attaching', 'detaching', 'reserved')
#: The volume status of each attach status of its volume.
_VOLUME_STATUS = {'attached': 'in-use', 'detached': 'available'}


def not_found(attachment_id):
    return exception.VolumeAttachmentNotFound(filter='attachment_id = %s' % attachment_id)


def volume_state(attach_statuses):
    """``(status, attach_status)`` of a volume whose attachments are in ``attach_statuses``.

    No attachment left (error ones do not count): ``available``/``detached``.
    """
    live = [s for s in attach_statuses if s in _ORDER]
    attach_status = min(live, key=_ORDER.index) if live else 'detached'
    return _VOLUME_STATUS.get(attach_status, attach_status), attach_status


def dumps(value):
    return None if value is None else json.dumps(value)


def loads(text):
    return None if text is None else json.loads(text)


def create_attachment(context, row):
    row.setdefault('created_at', models.utcnow())
    with engine.writer(context) as session:
        session.execute(sa.insert(Attachment), [row])


def get_attachment(context, attachment_id):
    """The caller's attachment (its volume's project); another project's is a 404."""
    with engine.reader(context) as session:
        return common.get_row(session, Attachment, context, attachment_id,
                              not_found(attachment_id))


def list_attachments(context, filters=None, all_projects=False, **page):
    with engine.reader(context) as session:
        return common.list_rows(session, Attachment, context, filters, all_projects, page)


def attachments_of_volumes(context, volume_ids, attach_statuses=None):
    """``{volume_id: [attachment, ...]}`` (oldest first) in one query; [] for none."""
    found = {volume_id: [] for volume_id in volume_ids}
    if not found:
        return found
    params = {'volume_ids': list(found)}
    statement = _ATTACHMENTS_OF
    if attach_statuses is not None:
        statement = _ATTACHMENTS_OF_IN_STATUSES
        params['statuses'] = list(attach_statuses)
    with engine.reader(context) as session:
        for row in common.run(session, statement, params).all():
            found[row.volume_id].append(row)
    return found


#: Built once, of Table columns (see common.run): every volume view runs one.
_TABLE = Attachment.__table__
_ATTACHMENTS_OF = (
    sa.select(_TABLE)
    .where(_TABLE.c.volume_id.in_(sa.bindparam('volume_ids', expanding=True)))
    .order_by(_TABLE.c.created_at, _TABLE.c.id))
_ATTACHMENTS_OF_IN_STATUSES = _ATTACHMENTS_OF.where(
    _TABLE.c.attach_status.in_(sa.bindparam('statuses', expanding=True)))


def move_attachment(context, attachment_id, values, expected_attach_statuses):
    """Move an attachment out of ``expected_attach_statuses``; whether this call won."""
    with engine.writer(context) as session:
        stmt = (sa.update(Attachment).where(Attachment.id == attachment_id)
                .where(Attachment.attach_status.in_(list(expected_attach_statuses)))
                .values(updated_at=models.utcnow(), **values))
        return session.execute(stmt).rowcount == 1


def update_attachment(context, attachment_id, values):
    with engine.writer(context) as session:
        session.execute(sa.update(Attachment).where(Attachment.id == attachment_id)
                        .values(updated_at=models.utcnow(), **values))


def delete_attachment(context, attachment_id):
    """Delete the row; whether it was still there (a racing delete finds it gone)."""
    with engine.writer(context) as session:
        return session.execute(sa.delete(Attachment)
                               .where(Attachment.id == attachment_id)).rowcount == 1


def delete_attachments_of(context, volume_id):
    with engine.writer(context) as session:
        session.execute(sa.delete(Attachment).where(Attachment.volume_id == volume_id))


def settle_volume(context, volume_id, keep=('deleting',)):
    """Set the volume's status and attach_status from its attachments, under its row lock.

    ``keep``: leave the volume alone while its status is one of these (a
    volume being deleted stays so).
    :returns: the ``(status, attach_status)`` written, or None when left alone.
    """
    with engine.writer(context) as session:
        rows = common.lock_rows(session, models.Volume, [volume_id])
        if not rows or rows[0].status in keep:
            return None
        statuses = session.execute(sa.select(Attachment.attach_status)
                                   .where(Attachment.volume_id == volume_id)).scalars()
        status, attach_status = volume_state(list(statuses))
        session.execute(sa.update(models.Volume).where(models.Volume.id == volume_id)
                        .values(status=status, attach_status=attach_status,
                                updated_at=models.utcnow()))
        return status, attach_status
