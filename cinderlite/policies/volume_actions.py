"""Policies of volume actions (``POST /volumes/{id}/action``), under Cinder's names."""

from cinderlite.policies import base

EXTEND = 'volume:extend'
EXTEND_ATTACHED = 'volume:extend_attached_volume'
EXTEND_COMPLETE = 'volume_extension:volume_admin_actions:extend_volume_completion'
RESET_STATUS = 'volume_extension:volume_admin_actions:reset_status'
FORCE_DELETE = 'volume_extension:volume_admin_actions:force_delete'
UPDATE_READONLY = 'volume:update_readonly_flag'
RESERVE = 'volume_extension:volume_actions:reserve'
RETYPE = 'volume:retype'
REVERT = 'volume:revert_to_snapshot'
UNRESERVE = 'volume_extension:volume_actions:unreserve'
BEGIN_DETACHING = 'volume_extension:volume_actions:begin_detaching'
ROLL_DETACHING = 'volume_extension:volume_actions:roll_detaching'
INITIALIZE = 'volume_extension:volume_actions:initialize_connection'
TERMINATE = 'volume_extension:volume_actions:terminate_connection'
ATTACH = 'volume_extension:volume_actions:attach'
DETACH = 'volume_extension:volume_actions:detach'
FORCE_DETACH = 'volume_extension:volume_admin_actions:force_detach'

_PATH = '/volumes/{volume_id}/action (%s)'

RULES = [
    base.rule(EXTEND, base.ADMIN_OR_PROJECT_MEMBER, 'Extend an available volume.',
              [('POST', _PATH % 'os-extend')]),
    base.rule(EXTEND_ATTACHED, base.ADMIN_OR_PROJECT_MEMBER, 'Extend an attached volume.',
              [('POST', _PATH % 'os-extend')]),
    base.rule(EXTEND_COMPLETE, base.RULE_ADMIN_API, 'Complete a volume extend operation.',
              [('POST', _PATH % 'os-extend_volume_completion')]),
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
    base.rule(REVERT, base.ADMIN_OR_PROJECT_MEMBER, 'Revert a volume to a snapshot.',
              [('POST', _PATH % 'revert')]),
    base.rule(RESERVE, base.ADMIN_OR_PROJECT_MEMBER,
              'Mark a volume as being attached (attaching).',
              [('POST', _PATH % 'os-reserve')]),
    base.rule(UNRESERVE, base.ADMIN_OR_PROJECT_MEMBER,
              'Undo a reservation of a volume for attachment.',
              [('POST', _PATH % 'os-unreserve')]),
    base.rule(BEGIN_DETACHING, base.ADMIN_OR_PROJECT_MEMBER,
              'Mark an attached volume as being detached (detaching).',
              [('POST', _PATH % 'os-begin_detaching')]),
    base.rule(ROLL_DETACHING, base.ADMIN_OR_PROJECT_MEMBER,
              'Undo a begun detach (detaching back to in-use).',
              [('POST', _PATH % 'os-roll_detaching')]),
    base.rule(INITIALIZE, base.ADMIN_OR_PROJECT_MEMBER,
              "Export a volume to a host and answer its connection info.",
              [('POST', _PATH % 'os-initialize_connection')]),
    base.rule(TERMINATE, base.ADMIN_OR_PROJECT_MEMBER,
              "End a host's connection to a volume.",
              [('POST', _PATH % 'os-terminate_connection')]),
    base.rule(ATTACH, base.ADMIN_OR_PROJECT_MEMBER,
              'Record a volume as attached to an instance or a host.',
              [('POST', _PATH % 'os-attach')]),
    base.rule(DETACH, base.ADMIN_OR_PROJECT_MEMBER,
              'Detach a volume and remove its export.',
              [('POST', _PATH % 'os-detach')]),
    base.rule(FORCE_DETACH, base.RULE_ADMIN_API,
              'Detach a volume whatever its status.',
              [('POST', _PATH % 'os-force_detach')]),
]


def list_rules():
    return RULES
