"""``DELETE /volumes/{id}?cascade=true``: the volume and its snapshots, or nothing.

Every test ends with quota usage equal to a recount of rows (``project``).
"""

import os

from cinderclient import exceptions as cinder_exc
import pytest

from tests import fixtures
from tests.functional.test_volumes import call
from tests.functional.test_volumes import create_volume
from tests.functional.test_volumes import volume_file

ADMIN = 'admin:admin'
V323 = {'OpenStack-API-Version': 'volume 3.23'}


def snapshot(cloud, project, volume_id, wait='available'):
    resp = call(cloud, 'POST', project, '/snapshots',
                body={'snapshot': {'volume_id': volume_id, 'name': 'snap'}})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'], wait,
                                token='u1:%s' % project, project=project)


def snapshot_files(cloud, snapshots):
    folder = os.path.dirname(volume_file(cloud, 'x'))
    return [s['id'] for s in snapshots
            if os.path.exists(os.path.join(folder, 'snapshot-%s' % s['id']))]


def reset_snapshot(cloud, project, snapshot_id, status):
    resp = cloud.request('POST', '/v3/admin/snapshots/%s/action' % snapshot_id,
                         token=ADMIN, body={'os-reset_status': {'status': status}})
    assert resp.status == 202, resp


def status_of(cloud, project, collection, resource_id):
    resp = call(cloud, 'GET', project, '/%s/%s' % (collection, resource_id))
    return resp.json[collection[:-1]]['status'] if resp.status == 200 else resp.status


def test_cinder_delete_cascade_takes_the_snapshots_files_and_quota(shared_cloud, project):
    cs = shared_cloud.cinder(project=project)
    volume = create_volume(shared_cloud, project, size=2)
    snaps = [snapshot(shared_cloud, project, volume['id']) for _ in range(2)]
    assert len(snapshot_files(shared_cloud, snaps)) == 2
    cs.volumes.delete(volume['id'], cascade=True)
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token='u1:%s' % project, project=project)
    for snap in snaps:
        assert status_of(shared_cloud, project, 'snapshots', snap['id']) == 404
    assert snapshot_files(shared_cloud, snaps) == []
    assert not os.path.exists(volume_file(shared_cloud, volume['id']))
    usage = call(shared_cloud, 'GET', project, '/os-quota-sets/%s?usage=true' % project,
                 user='admin').json['quota_set']
    assert usage['volumes']['in_use'] == usage['snapshots']['in_use'] == 0
    assert usage['gigabytes']['in_use'] == 0


def test_cascade_of_a_volume_without_snapshots_deletes_it(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    resp = call(shared_cloud, 'DELETE', project, '/volumes/%s?cascade=True' % volume['id'])
    assert resp.status == 202 and resp.body == b''
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token='u1:%s' % project, project=project)


@pytest.mark.parametrize('status', ['creating', 'error_deleting', 'restoring'])
def test_a_snapshot_that_cannot_go_refuses_the_cascade_and_changes_nothing(
        shared_cloud, project, status):
    volume = create_volume(shared_cloud, project)
    good = snapshot(shared_cloud, project, volume['id'])
    stuck = snapshot(shared_cloud, project, volume['id'])
    reset_snapshot(shared_cloud, project, stuck['id'], status)
    resp = call(shared_cloud, 'DELETE', project, '/volumes/%s?cascade=true' % volume['id'])
    assert resp.status == 400, resp
    assert resp.json['badRequest']['message'].startswith(
        'Invalid volume: Volume status must be available or error')
    assert status_of(shared_cloud, project, 'volumes', volume['id']) == 'available'
    assert status_of(shared_cloud, project, 'snapshots', good['id']) == 'available'
    assert status_of(shared_cloud, project, 'snapshots', stuck['id']) == status
    # Forced (3.23, admin), any status goes.
    resp = shared_cloud.request(
        'DELETE', '/v3/admin/volumes/%s?cascade=true&force=true' % volume['id'],
        token=ADMIN, headers=V323)
    assert resp.status == 202, resp
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token='u1:%s' % project, project=project)
    assert snapshot_files(shared_cloud, [good, stuck]) == []


def test_without_cascade_snapshots_still_refuse_the_delete(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    snap = snapshot(shared_cloud, project, volume['id'])
    for query in ('', '?cascade=false', '?cascade=0'):
        resp = call(shared_cloud, 'DELETE', project, '/volumes/%s%s' % (volume['id'], query))
        assert resp.status == 400, (query, resp)
    resp = call(shared_cloud, 'DELETE', project, '/volumes/%s?cascade=maybe' % volume['id'])
    assert resp.status == 400, resp
    assert status_of(shared_cloud, project, 'snapshots', snap['id']) == 'available'
    cs = shared_cloud.cinder(project=project)
    with pytest.raises(cinder_exc.BadRequest):
        cs.volumes.delete(volume['id'])
    cs.volumes.delete(volume['id'], cascade=True)
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token='u1:%s' % project, project=project)


def test_cascade_of_another_project_s_volume_is_404(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    snap = snapshot(shared_cloud, project, volume['id'])
    resp = call(shared_cloud, 'DELETE', 'other-%s' % project,
                '/volumes/%s?cascade=true' % volume['id'])
    assert resp.status == 404
    assert status_of(shared_cloud, project, 'snapshots', snap['id']) == 'available'
    call(shared_cloud, 'DELETE', project, '/volumes/%s?cascade=true' % volume['id'])
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token='u1:%s' % project, project=project)


def test_a_capped_volume_rpc_refuses_the_cascade_before_writing(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    snap = snapshot(shared_cloud, project, volume['id'])
    rpcapi = shared_cloud.api_services().volumes.volume_rpcapi
    original = rpcapi.can_cascade
    rpcapi.can_cascade = lambda: False
    try:
        resp = call(shared_cloud, 'DELETE', project, '/volumes/%s?cascade=true' % volume['id'])
    finally:
        rpcapi.can_cascade = original
    assert resp.status == 503, resp
    assert status_of(shared_cloud, project, 'snapshots', snap['id']) == 'available'
    assert status_of(shared_cloud, project, 'volumes', volume['id']) == 'available'
    call(shared_cloud, 'DELETE', project, '/volumes/%s?cascade=true' % volume['id'])
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token='u1:%s' % project, project=project)
