"""Policies of QoS specs."""

from cinderlite.policies import base

CREATE = 'volume_extension:qos_specs_manage:create'
GET = 'volume_extension:qos_specs_manage:get'
GET_ALL = 'volume_extension:qos_specs_manage:get_all'
UPDATE = 'volume_extension:qos_specs_manage:update'
DELETE = 'volume_extension:qos_specs_manage:delete'

RULES = [
    base.rule(GET_ALL, base.RULE_ADMIN_API, 'List qos specs or list all associations.',
              [('GET', '/qos-specs'), ('GET', '/qos-specs/{qos_id}/associations')]),
    base.rule(GET, base.RULE_ADMIN_API, 'Show qos specs.',
              [('GET', '/qos-specs/{qos_id}')]),
    base.rule(CREATE, base.RULE_ADMIN_API, 'Create qos specs.',
              [('POST', '/qos-specs')]),
    base.rule(UPDATE, base.RULE_ADMIN_API,
              'Update qos specs (including updating association).',
              [('PUT', '/qos-specs/{qos_id}'),
               ('GET', '/qos-specs/{qos_id}/disassociate_all'),
               ('GET', '/qos-specs/{qos_id}/associate'),
               ('GET', '/qos-specs/{qos_id}/disassociate')]),
    base.rule(DELETE, base.RULE_ADMIN_API, 'Delete qos specs or unset one specified qos key.',
              [('DELETE', '/qos-specs/{qos_id}'),
               ('PUT', '/qos-specs/{qos_id}/delete_keys')]),
]


def list_rules():
    return RULES
