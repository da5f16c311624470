"""Snapshot views (3.0 field set)."""

from cinderlite.api import microversion
from cinderlite.api import views


def summary(snapshot, metadata):
    return {'id': snapshot.id, 'created_at': views.iso(snapshot.created_at),
            'updated_at': views.iso(snapshot.updated_at), 'name': snapshot.name,
            'description': snapshot.description, 'volume_id': snapshot.volume_id,
            'status': snapshot.status, 'size': snapshot.size, 'metadata': metadata}


def detail(req, snapshot, metadata):
    body = summary(snapshot, metadata)
    if microversion.at_least(req, 3, 14):
        body['group_snapshot_id'] = snapshot.group_snapshot_id
    body['os-extended-snapshot-attributes:progress'] = snapshot.progress
    body['os-extended-snapshot-attributes:project_id'] = snapshot.project_id
    return body
