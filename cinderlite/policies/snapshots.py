"""Policies of snapshots."""

from cinderlite.policies import base

CREATE = 'volume:create_snapshot'
GET = 'volume:get_snapshot'
GET_ALL = 'volume:get_all_snapshots'
UPDATE = 'volume:update_snapshot'
DELETE = 'volume:delete_snapshot'

RULES = [
    base.rule(CREATE, base.ADMIN_OR_PROJECT_MEMBER, 'Create a snapshot.',
              [('POST', '/snapshots')]),
    base.rule(GET, base.ADMIN_OR_PROJECT_READER, 'Show a snapshot.',
              [('GET', '/snapshots/{snapshot_id}')]),
    base.rule(GET_ALL, base.ADMIN_OR_PROJECT_READER, 'List snapshots.',
              [('GET', '/snapshots'), ('GET', '/snapshots/detail')]),
    base.rule(UPDATE, base.ADMIN_OR_PROJECT_MEMBER, 'Update a snapshot.',
              [('PUT', '/snapshots/{snapshot_id}')]),
    base.rule(DELETE, base.ADMIN_OR_PROJECT_MEMBER, 'Delete a snapshot.',
              [('DELETE', '/snapshots/{snapshot_id}')]),
]


def list_rules():
    return RULES
