"""Snapshot views (3.0 field set)."""

from cinderlite.api import views


def summary(snapshot, metadata):
    return {'id': snapshot.id, 'created_at': views.iso(snapshot.created_at),
            'updated_at': views.iso(snapshot.updated_at), 'name': snapshot.name,
            'description': snapshot.description, 'volume_id': snapshot.volume_id,
            'status': snapshot.status, 'size': snapshot.size, 'metadata': metadata}


def detail(snapshot, metadata):
    body = summary(snapshot, metadata)
    body['os-extended-snapshot-attributes:progress'] = snapshot.progress
    body['os-extended-snapshot-attributes:project_id'] = snapshot.project_id
    return body
