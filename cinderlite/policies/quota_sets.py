"""Policies of quota sets."""

from cinderlite.policies import base

SHOW = 'volume_extension:quotas:show'
UPDATE = 'volume_extension:quotas:update'
DELETE = 'volume_extension:quotas:delete'

RULES = [
    base.rule(SHOW, base.ADMIN_OR_PROJECT_READER, 'Show a project\'s quotas.',
              [('GET', '/os-quota-sets/{project_id}'),
               ('GET', '/os-quota-sets/{project_id}/defaults'),
               ('GET', '/os-quota-sets/{project_id}?usage=True')]),
    base.rule(UPDATE, base.RULE_ADMIN_API, 'Set a project\'s quotas.',
              [('PUT', '/os-quota-sets/{project_id}')]),
    base.rule(DELETE, base.RULE_ADMIN_API, 'Reset a project\'s quotas to defaults.',
              [('DELETE', '/os-quota-sets/{project_id}')]),
]


def list_rules():
    return RULES
