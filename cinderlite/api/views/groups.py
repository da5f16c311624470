"""Group views at each microversion.

3.13; 3.14 origins; 3.25 member volumes; 3.38 ``replication_status``
(``disabled``: no cinderlite backend replicates); 3.58 ``project_id`` when
policy ``group:group_project_attribute`` allows.
"""

from cinderlite.api import microversion
from cinderlite.api import views


def summary(group):
    return {'id': group.id, 'name': group.name}


def detail(req, group, type_ids, volume_ids=None, with_project=False):
    """``volume_ids`` is given when the request asked for them (3.25 ``list_volume``).

    ``with_project``: the caller may see the project (the policy of 3.58).
    """
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
    if microversion.at_least(req, 3, 38):
        body['replication_status'] = 'disabled'
    if with_project and microversion.at_least(req, 3, 58):
        body['project_id'] = group.project_id
    return body
