"""Extending an attached volume (3.42) and ``os-extend_volume_completion`` (3.71).

The volume is attached with the legacy ``os-attach``.
"""

import os

from cinderclient import exceptions as cinder_exc
import pytest

from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional.test_volume_actions import act
from tests.functional.test_volumes import create_volume
from tests.functional.test_volumes import volume_file

GiB = 1024 ** 3
ADMIN = 'admin:admin'


def version(v):
    return {'headers': {'OpenStack-API-Version': 'volume %s' % v}}


def attached_volume(cloud, project):
    volume = create_volume(cloud, project)
    resp = act(cloud, project, volume['id'], {'os-attach': {'host_name': 'h1',
                                                            'mountpoint': '/dev/vdb'}})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'volumes', volume['id'], 'in-use',
                                token='u1:%s' % project, project=project)


def admin_act(cloud, volume_id, body):
    return cloud.request('POST', '/v3/admin/volumes/%s/action' % volume_id, token=ADMIN,
                         body=body)


def test_cinder_extends_an_attached_volume_from_3_42(shared_cloud, project):
    volume = attached_volume(shared_cloud, project)
    old = shared_cloud.cinder(project=project, version='3.41')
    with pytest.raises(cinder_exc.BadRequest) as caught:
        old.volumes.extend(volume['id'], 2)
    assert "status must be '{'status': 'available'}' to extend, currently in-use" in str(
        caught.value)
    cs = shared_cloud.cinder(project=project, version='3.42')
    cs.volumes.extend(volume['id'], 3)
    shown = fixtures.wait_for(
        lambda: (lambda v: v if v['status'] == 'in-use' and v['size'] == 3 else None)(
            cs.volumes.get(volume['id'])._info), what='the grown volume in use')
    assert shown['attachments'] and shown['attachments'][0]['device'] == '/dev/vdb'
    assert os.path.getsize(volume_file(shared_cloud, volume['id'])) == 3 * GiB
    assert h.usage(shared_cloud, project)['gigabytes'] == 3


def test_at_3_42_the_other_statuses_still_need_available(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    assert admin_act(shared_cloud, volume['id'],
                     {'os-reset_status': {'status': 'error'}}).status == 202
    resp = act(shared_cloud, project, volume['id'], {'os-extend': {'new_size': 2}},
               **version('3.42'))
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        "Invalid volume: Volume %s status must be '{'status': 'available'}' to extend, "
        "currently error." % volume['id'])
    assert h.usage(shared_cloud, project)['gigabytes'] == 1


def test_extend_completion_is_for_admins_and_extending_volumes(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    body = {'os-extend_volume_completion': {'error': False}}
    resp = act(shared_cloud, project, volume['id'], body)
    assert resp.status == 403, resp
    resp = admin_act(shared_cloud, volume['id'], body)
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid volume: Volume is not being extended.')
    resp = admin_act(shared_cloud, volume['id'], {'os-extend_volume_completion': {
        'error': False, 'size': 3}})
    assert resp.status == 400
    # Stuck in extending (a lost message): completion finishes it; error ends it.
    cs = shared_cloud.cinder(user='admin', project='admin')
    cs.volumes.reset_state(volume['id'], 'extending')
    assert admin_act(shared_cloud, volume['id'], body).status == 202
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'available',
                         token='u1:%s' % project, project=project)
    cs.volumes.reset_state(volume['id'], 'extending')
    resp = admin_act(shared_cloud, volume['id'], {'os-extend_volume_completion': {
        'error': True}})
    assert resp.status == 202 and resp.body == b''
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'error_extending',
                         token='u1:%s' % project, project=project)
    # Not gated: the same at 3.0.
    cs.volumes.reset_state(volume['id'], 'available')
    resp = admin_act(shared_cloud, volume['id'], body)
    assert resp.status == 400
