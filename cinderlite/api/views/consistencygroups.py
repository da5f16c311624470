"""Consistency group views; detail also shows where a cloned group came from."""

from cinderlite.api import views


def summary(group):
    return {'id': group.id, 'name': group.name}


def detail(group, type_ids):
    return {'id': group.id, 'status': group.status,
            'availability_zone': group.availability_zone,
            'created_at': views.iso(group.created_at), 'name': group.name,
            'description': group.description, 'volume_types': type_ids,
            'source_cgid': group.source_group_id,
            'cgsnapshot_id': group.group_snapshot_id}
