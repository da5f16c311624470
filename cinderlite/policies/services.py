"""Policies of os-services."""

from cinderlite.policies import base

GET_ALL = 'volume_extension:services:index'
UPDATE = 'volume_extension:services:update'

RULES = [
    base.rule(GET_ALL, base.RULE_ADMIN_API, 'List all services.',
              [('GET', '/os-services')]),
    base.rule(UPDATE, base.RULE_ADMIN_API,
              'Enable or disable a service (enable, disable, disable-log-reason).',
              [('PUT', '/os-services/{action}')]),
]


def list_rules():
    return RULES
