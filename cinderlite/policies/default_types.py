"""Policies of per-project default volume types (3.62), Cinder's names."""

from cinderlite.policies import base

SET = 'volume_extension:default_set_or_update'
GET = 'volume_extension:default_get'
GET_ALL = 'volume_extension:default_get_all'
UNSET = 'volume_extension:default_unset'

_DEFAULT = '/default-types/{project_id}'

RULES = [
    base.rule(SET, base.RULE_ADMIN_API, "Set or update a project's default volume type.",
              [('PUT', _DEFAULT)]),
    base.rule(GET, base.RULE_ADMIN_API, "Show a project's default volume type.",
              [('GET', _DEFAULT)]),
    base.rule(GET_ALL, base.RULE_ADMIN_API, 'List the default volume types of every project.',
              [('GET', '/default-types')]),
    base.rule(UNSET, base.RULE_ADMIN_API, "Unset a project's default volume type.",
              [('DELETE', _DEFAULT)]),
]


def list_rules():
    return RULES
