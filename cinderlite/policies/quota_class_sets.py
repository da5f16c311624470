"""Policies of quota class sets."""

from cinderlite.policies import base

GET = 'volume_extension:quota_classes:get'
UPDATE = 'volume_extension:quota_classes:update'

RULES = [
    base.rule(GET, base.RULE_ADMIN_API, 'Show a quota class.',
              [('GET', '/os-quota-class-sets/{class_name}')]),
    base.rule(UPDATE, base.RULE_ADMIN_API,
              'Update a quota class (the class "default" sets every project\'s defaults).',
              [('PUT', '/os-quota-class-sets/{class_name}')]),
]


def list_rules():
    return RULES
