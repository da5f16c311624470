"""Policies of volume type encryption."""

from cinderlite.policies import base

CREATE = 'volume_extension:volume_type_encryption:create'
GET = 'volume_extension:volume_type_encryption:get'
UPDATE = 'volume_extension:volume_type_encryption:update'
DELETE = 'volume_extension:volume_type_encryption:delete'

RULES = [
    base.rule(CREATE, base.RULE_ADMIN_API, 'Create volume type encryption.',
              [('POST', '/types/{type_id}/encryption')]),
    base.rule(GET, base.RULE_ADMIN_API,
              "Show a volume type's encryption type, show an encryption specs item.",
              [('GET', '/types/{type_id}/encryption'),
               ('GET', '/types/{type_id}/encryption/{key}')]),
    base.rule(UPDATE, base.RULE_ADMIN_API, 'Update volume type encryption.',
              [('PUT', '/types/{type_id}/encryption/{encryption_id}')]),
    base.rule(DELETE, base.RULE_ADMIN_API, 'Delete volume type encryption.',
              [('DELETE', '/types/{type_id}/encryption/{encryption_id}')]),
]


def list_rules():
    return RULES
