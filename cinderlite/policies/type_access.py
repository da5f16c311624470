"""Policies of volume type access (the projects that may use a private type)."""

from cinderlite.policies import base

ADD_PROJECT = 'volume_extension:volume_type_access:addProjectAccess'
REMOVE_PROJECT = 'volume_extension:volume_type_access:removeProjectAccess'
LIST_PROJECTS = 'volume_extension:volume_type_access:get_all_for_type'

RULES = [
    base.rule(ADD_PROJECT, base.RULE_ADMIN_API,
              'Give a project access to a private volume type.',
              [('POST', '/types/{type_id}/action (addProjectAccess)')]),
    base.rule(REMOVE_PROJECT, base.RULE_ADMIN_API,
              "Take a project's access to a private volume type away.",
              [('POST', '/types/{type_id}/action (removeProjectAccess)')]),
    base.rule(LIST_PROJECTS, base.RULE_ADMIN_API,
              'List the projects that have access to a private volume type.',
              [('GET', '/types/{type_id}/os-volume-type-access')]),
]


def list_rules():
    return RULES
