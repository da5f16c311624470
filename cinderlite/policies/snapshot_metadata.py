"""Policies of snapshot metadata."""

from cinderlite.policies import base

GET = 'volume:get_snapshot_metadata'
UPDATE = 'volume:update_snapshot_metadata'
DELETE = 'volume:delete_snapshot_metadata'

RULES = [
    base.rule(GET, base.ADMIN_OR_PROJECT_READER,
              "Show a snapshot's metadata or one key of it.",
              [('GET', '/snapshots/{snapshot_id}/metadata'),
               ('GET', '/snapshots/{snapshot_id}/metadata/{key}')]),
    base.rule(UPDATE, base.ADMIN_OR_PROJECT_MEMBER,
              "Set, replace or update a snapshot's metadata.",
              [('POST', '/snapshots/{snapshot_id}/metadata'),
               ('PUT', '/snapshots/{snapshot_id}/metadata'),
               ('PUT', '/snapshots/{snapshot_id}/metadata/{key}')]),
    base.rule(DELETE, base.ADMIN_OR_PROJECT_MEMBER,
              "Delete one key of a snapshot's metadata.",
              [('DELETE', '/snapshots/{snapshot_id}/metadata/{key}')]),
]


def list_rules():
    return RULES
