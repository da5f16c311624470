"""Group snapshot views (3.14; 3.58 ``project_id`` under policy)."""

from cinderlite.api import microversion
from cinderlite.api import views


def summary(group_snapshot):
    return {'id': group_snapshot.id, 'name': group_snapshot.name,
            'group_type_id': group_snapshot.group_type_id}


def detail(req, group_snapshot, with_project=False):
    """``with_project``: policy ``group:group_snapshot_project_attribute`` allows 3.58's field."""
    body = {'id': group_snapshot.id, 'group_id': group_snapshot.group_id,
            'group_type_id': group_snapshot.group_type_id,
            'status': group_snapshot.status,
            'created_at': views.iso(group_snapshot.created_at),
            'name': group_snapshot.name, 'description': group_snapshot.description}
    if with_project and microversion.at_least(req, 3, 58):
        body['project_id'] = group_snapshot.project_id
    return body
