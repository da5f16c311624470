"""Policies of os-hosts."""

from cinderlite.policies import base

MANAGE = 'volume_extension:hosts'

RULES = [
    base.rule(MANAGE, base.RULE_ADMIN_API, 'List hosts, or show what a host holds.',
              [('GET', '/os-hosts'), ('GET', '/os-hosts/{host_name}')]),
]


def list_rules():
    return RULES
