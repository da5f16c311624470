"""Check strings shared by every resource's policies (today's Cinder defaults)."""

from oslo_policy import policy

RULE_ADMIN_API = 'rule:admin_api'
ADMIN = 'role:admin'
PROJECT_MEMBER = 'role:member and project_id:%(project_id)s'
PROJECT_READER = 'role:reader and project_id:%(project_id)s'
ADMIN_OR_PROJECT_MEMBER = 'rule:admin_api or (' + PROJECT_MEMBER + ')'
ADMIN_OR_PROJECT_READER = 'rule:admin_api or (' + PROJECT_READER + ')'
EVERYONE = ''

RULES = [
    policy.RuleDefault('admin_api', 'role:admin',
                       description='Administrators of the cloud.'),
]


def rule(name, check_str, description, operations):
    """A DocumentedRuleDefault: ``operations`` is a list of (method, path)."""
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=[{'method': m, 'path': p} for m, p in operations])


def list_rules():
    return RULES
