"""Attachment views (3.27+), as Cinder's ``views/attachments.py``; no links."""

import json

from cinderlite.api import views


def summary(attachment):
    return {'id': attachment.id, 'status': attachment.attach_status,
            'instance': attachment.instance_uuid, 'volume_id': attachment.volume_id}


def detail(attachment):
    """Summary and times (``""`` when unset, as Cinder), mode and the flat connection info."""
    body = summary(attachment)
    body.update(attached_at=views.iso(attachment.attach_time) or '',
                detached_at=views.iso(attachment.detach_time) or '',
                attach_mode=attachment.attach_mode,
                connection_info=(json.loads(attachment.connection_info)
                                 if attachment.connection_info else None))
    return body


def of_volume(context, attachment):
    """An item of a volume's ``attachments``: only attached ones are listed.

    ``host_name`` only for admins (and services), as Cinder.
    """
    return {'id': attachment.volume_id, 'attachment_id': attachment.id,
            'volume_id': attachment.volume_id, 'server_id': attachment.instance_uuid,
            'host_name': attachment.attached_host if context.is_admin else None,
            'device': attachment.mountpoint,
            'attached_at': views.iso(attachment.attach_time)}
