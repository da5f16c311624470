"""Policies of the attachments API (3.27+), under Cinder's names."""

from cinderlite.policies import base

CREATE = 'volume:attachment_create'
UPDATE = 'volume:attachment_update'
DELETE = 'volume:attachment_delete'
COMPLETE = 'volume:attachment_complete'
MULTIATTACH_BOOTABLE = 'volume:multiattach_bootable_volume'

RULES = [
    base.rule(CREATE, base.ADMIN_OR_PROJECT_MEMBER, 'Create an attachment.',
              [('POST', '/attachments')]),
    base.rule(UPDATE, base.ADMIN_OR_PROJECT_MEMBER,
              "Give an attachment its connector (exports the volume).",
              [('PUT', '/attachments/{attachment_id}')]),
    base.rule(DELETE, base.ADMIN_OR_PROJECT_MEMBER, 'Delete an attachment.',
              [('DELETE', '/attachments/{attachment_id}')]),
    base.rule(COMPLETE, base.ADMIN_OR_PROJECT_MEMBER,
              'Mark an attachment attached (the volume in-use).',
              [('POST', '/attachments/{attachment_id}/action (os-complete)')]),
    base.rule(MULTIATTACH_BOOTABLE, base.ADMIN_OR_PROJECT_MEMBER,
              'Attach a bootable multiattach volume that is already in use.',
              [('POST', '/attachments')]),
]


def list_rules():
    return RULES
