"""Group snapshot views (3.14)."""

from cinderlite.api import views


def summary(group_snapshot):
    return {'id': group_snapshot.id, 'name': group_snapshot.name,
            'group_type_id': group_snapshot.group_type_id}


def detail(group_snapshot):
    return {'id': group_snapshot.id, 'group_id': group_snapshot.group_id,
            'group_type_id': group_snapshot.group_type_id,
            'status': group_snapshot.status,
            'created_at': views.iso(group_snapshot.created_at),
            'name': group_snapshot.name, 'description': group_snapshot.description}
