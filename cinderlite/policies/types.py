"""Policies of volume types and their extra specs."""

from cinderlite.policies import base

GET = 'volume_extension:type_get'
GET_ALL = 'volume_extension:type_get_all'
MANAGE = 'volume_extension:types_manage'
EXTRA_SPECS_INDEX = 'volume_extension:types_extra_specs:index'
EXTRA_SPECS_MANAGE = 'volume_extension:types_extra_specs:manage'
QOS_SPECS_ID = 'volume_extension:access_types_qos_specs_id'

RULES = [
    base.rule(GET, base.EVERYONE, 'Show a volume type.',
              [('GET', '/types/{type_id}')]),
    base.rule(GET_ALL, base.EVERYONE, 'List volume types.', [('GET', '/types')]),
    base.rule(MANAGE, base.RULE_ADMIN_API, 'Create, update or delete a volume type.',
              [('POST', '/types'), ('PUT', '/types/{type_id}'),
               ('DELETE', '/types/{type_id}')]),
    base.rule(EXTRA_SPECS_INDEX, base.RULE_ADMIN_API,
              'See a volume type\'s extra specs.',
              [('GET', '/types/{type_id}/extra_specs')]),
    base.rule(EXTRA_SPECS_MANAGE, base.RULE_ADMIN_API,
              'Set or delete a volume type\'s extra specs.',
              [('POST', '/types/{type_id}/extra_specs'),
               ('PUT', '/types/{type_id}/extra_specs/{key}'),
               ('DELETE', '/types/{type_id}/extra_specs/{key}')]),
    base.rule(QOS_SPECS_ID, base.RULE_ADMIN_API,
              "Include the volume type's QoS specifications ID attribute in the volume "
              'type list or show requests.',
              [('GET', '/types/{type_id}'), ('GET', '/types')]),
]


def list_rules():
    return RULES
