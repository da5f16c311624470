"""Policies of volume actions (``POST /volumes/{id}/action``), under Cinder's names."""

from cinderlite.policies import base

EXTEND = 'volume:extend'
RESET_STATUS = 'volume_extension:volume_admin_actions:reset_status'
FORCE_DELETE = 'volume_extension:volume_admin_actions:force_delete'
UPDATE_READONLY = 'volume:update_readonly_flag'
RESERVE = 'volume_extension:volume_actions:reserve'
RETYPE = 'volume:retype'
UNRESERVE = 'volume_extension:volume_actions:unreserve'

_PATH = '/volumes/{volume_id}/action (%s)'

RULES = [
    base.rule(EXTEND, base.ADMIN_OR_PROJECT_MEMBER, 'Extend an available volume.',
              [('POST', _PATH % 'os-extend')]),
    base.rule(RESET_STATUS, base.RULE_ADMIN_API, "Reset a volume's status.",
              [('POST', _PATH % 'os-reset_status')]),
    base.rule(FORCE_DELETE, base.RULE_ADMIN_API,
              'Delete a volume whatever its status.',
              [('POST', _PATH % 'os-force_delete')]),
    base.rule(UPDATE_READONLY, base.ADMIN_OR_PROJECT_MEMBER,
              "Set a volume's read-only flag.",
              [('POST', _PATH % 'os-update_readonly_flag')]),
    base.rule(RETYPE, base.ADMIN_OR_PROJECT_MEMBER, 'Retype a volume.',
              [('POST', _PATH % 'os-retype')]),
    base.rule(RESERVE, base.ADMIN_OR_PROJECT_MEMBER,
              'Mark a volume as being attached (attaching).',
              [('POST', _PATH % 'os-reserve')]),
    base.rule(UNRESERVE, base.ADMIN_OR_PROJECT_MEMBER,
              'Undo a reservation of a volume for attachment.',
              [('POST', _PATH % 'os-unreserve')]),
]


def list_rules():
    return RULES
