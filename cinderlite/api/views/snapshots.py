"""Snapshot views.

Cinder's v3 builder adds its versioned fields (3.14 ``group_snapshot_id``,
3.41 ``user_id``, 3.65 ``consumes_quota``) to show, the detail list, create
and update, but not to the summary list; show and the detail list also
carry the extended attributes.
"""

from cinderlite.api import microversion
from cinderlite.api import views


def summary(snapshot, metadata):
    return {'id': snapshot.id, 'created_at': views.iso(snapshot.created_at),
            'updated_at': views.iso(snapshot.updated_at), 'name': snapshot.name,
            'description': snapshot.description, 'volume_id': snapshot.volume_id,
            'status': snapshot.status, 'size': snapshot.size, 'metadata': metadata}


def versioned(req, snapshot, metadata):
    """The answer of create and update: the summary and the versioned fields."""
    body = summary(snapshot, metadata)
    if microversion.at_least(req, 3, 14):
        body['group_snapshot_id'] = snapshot.group_snapshot_id
    if microversion.at_least(req, 3, 41):
        body['user_id'] = snapshot.user_id
    if microversion.at_least(req, 3, 65):
        # Every cinderlite snapshot is charged to quota.
        body['consumes_quota'] = True
    return body


def detail(req, snapshot, metadata):
    body = versioned(req, snapshot, metadata)
    body['os-extended-snapshot-attributes:progress'] = snapshot.progress
    body['os-extended-snapshot-attributes:project_id'] = snapshot.project_id
    return body
