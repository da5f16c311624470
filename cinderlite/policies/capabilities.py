"""Policies of backend capabilities."""

from cinderlite.policies import base

SHOW = 'volume_extension:capabilities'

RULES = [
    base.rule(SHOW, base.RULE_ADMIN_API, 'Show backend capabilities.',
              [('GET', '/capabilities/{host_name}')]),
]


def list_rules():
    return RULES
