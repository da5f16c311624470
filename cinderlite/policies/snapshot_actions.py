"""Policies of snapshot actions (``POST /snapshots/{id}/action``), under Cinder's names."""

from cinderlite.policies import base

RESET_STATUS = 'volume_extension:snapshot_admin_actions:reset_status'
FORCE_DELETE = 'volume_extension:snapshot_admin_actions:force_delete'
UPDATE_STATUS = 'snapshot_extension:snapshot_actions:update_snapshot_status'

_PATH = '/snapshots/{snapshot_id}/action (%s)'

RULES = [
    base.rule(RESET_STATUS, base.RULE_ADMIN_API, "Reset a snapshot's status.",
              [('POST', _PATH % 'os-reset_status')]),
    base.rule(FORCE_DELETE, base.RULE_ADMIN_API, 'Delete a snapshot whatever its status.',
              [('POST', _PATH % 'os-force_delete')]),
    base.rule(UPDATE_STATUS, base.ADMIN_OR_PROJECT_MEMBER,
              "Report a snapshot's progress (what Nova does for assisted snapshots).",
              [('POST', _PATH % 'os-update_snapshot_status')]),
]


def list_rules():
    return RULES
