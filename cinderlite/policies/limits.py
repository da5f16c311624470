"""Policies of limits."""

from cinderlite.policies import base

USED_LIMITS = 'limits_extension:used_limits'

RULES = [
    base.rule(USED_LIMITS, base.ADMIN_OR_PROJECT_READER,
              'Show limits with what the project uses of them (without it: limits only).',
              [('GET', '/limits')]),
]


def list_rules():
    return RULES
