"""Policies of scheduler-stats."""

from cinderlite.policies import base

GET_POOLS = 'scheduler_extension:scheduler_stats:get_pools'

RULES = [
    base.rule(GET_POOLS, base.RULE_ADMIN_API, 'List all backend pools.',
              [('GET', '/scheduler-stats/get_pools')]),
]


def list_rules():
    return RULES
