"""Group views at each microversion (3.13; 3.14 origins; 3.25 member volumes)."""

from cinderlite.api import microversion
from cinderlite.api import views


def summary(group):
    return {'id': group.id, 'name': group.name}


def detail(req, group, type_ids, volume_ids=None):
    """``volume_ids`` is given when the request asked for them (3.25 ``list_volume``)."""
    body = {'id': group.id, 'status': group.status,
            'availability_zone': group.availability_zone,
            'created_at': views.iso(group.created_at), 'name': group.name,
            'description': group.description, 'group_type': group.group_type_id,
            'volume_types': type_ids}
    if microversion.at_least(req, 3, 14):
        body['group_snapshot_id'] = group.group_snapshot_id
        body['source_group_id'] = group.source_group_id
    if volume_ids is not None:
        body['volumes'] = volume_ids
    return body
