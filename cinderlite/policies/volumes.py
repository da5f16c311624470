"""Policies of volumes and their metadata."""

from cinderlite.policies import base

CREATE = 'volume:create'
GET = 'volume:get'
GET_ALL = 'volume:get_all'
UPDATE = 'volume:update'
DELETE = 'volume:delete'
GET_METADATA = 'volume:get_volume_metadata'
CREATE_METADATA = 'volume:create_volume_metadata'
UPDATE_METADATA = 'volume:update_volume_metadata'
DELETE_METADATA = 'volume:delete_volume_metadata'
ALL_TENANTS = 'volume:get_all_tenants'
FORCE_DELETE = 'volume:force_delete'

RULES = [
    base.rule(CREATE, base.ADMIN_OR_PROJECT_MEMBER, 'Create a volume.',
              [('POST', '/volumes')]),
    base.rule(GET, base.ADMIN_OR_PROJECT_READER, 'Show a volume.',
              [('GET', '/volumes/{volume_id}')]),
    base.rule(GET_ALL, base.ADMIN_OR_PROJECT_READER, 'List volumes.',
              [('GET', '/volumes'), ('GET', '/volumes/detail')]),
    base.rule(UPDATE, base.ADMIN_OR_PROJECT_MEMBER, 'Update a volume.',
              [('PUT', '/volumes/{volume_id}')]),
    base.rule(DELETE, base.ADMIN_OR_PROJECT_MEMBER, 'Delete a volume.',
              [('DELETE', '/volumes/{volume_id}')]),
    base.rule(GET_METADATA, base.ADMIN_OR_PROJECT_READER, 'Show volume metadata.',
              [('GET', '/volumes/{volume_id}/metadata'),
               ('GET', '/volumes/{volume_id}/metadata/{key}')]),
    base.rule(CREATE_METADATA, base.ADMIN_OR_PROJECT_MEMBER,
              'Add or update volume metadata keys.',
              [('POST', '/volumes/{volume_id}/metadata')]),
    base.rule(UPDATE_METADATA, base.ADMIN_OR_PROJECT_MEMBER,
              'Replace volume metadata, or update one key.',
              [('PUT', '/volumes/{volume_id}/metadata'),
               ('PUT', '/volumes/{volume_id}/metadata/{key}')]),
    base.rule(DELETE_METADATA, base.ADMIN_OR_PROJECT_MEMBER,
              'Delete a volume metadata key.',
              [('DELETE', '/volumes/{volume_id}/metadata/{key}')]),
    base.rule(FORCE_DELETE, base.RULE_ADMIN_API,
              'Delete a volume whatever its status, from microversion 3.23 (?force=true).',
              [('DELETE', '/volumes/{volume_id}')]),
    base.rule(ALL_TENANTS, base.RULE_ADMIN_API,
              'List the volumes of every project (all_tenants).',
              [('GET', '/volumes'), ('GET', '/volumes/detail')]),
]


def list_rules():
    return RULES
