"""Revert to snapshot (3.40): the real cinderclient, raw HTTP for each refusal.

The volume's file must read what it held at its latest snapshot; a refusal
changes no status and no byte.
"""

import hashlib
import os

from cinderclient import exceptions as cinder_exc
import pytest

from tests import fixtures
from tests.functional.test_volumes import call
from tests.functional.test_volumes import create_volume
from tests.functional.test_volumes import volume_file
from tests.functional.test_volumes import write_pattern

ADMIN = 'admin:admin'
V340 = {'OpenStack-API-Version': 'volume 3.40'}


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def snapshot(cloud, project, volume_id):
    resp = call(cloud, 'POST', project, '/snapshots',
                body={'snapshot': {'volume_id': volume_id}})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'], 'available',
                                token='u1:%s' % project, project=project)


def revert(cloud, project, volume_id, snapshot_id, headers=V340):
    return call(cloud, 'POST', project, '/volumes/%s/action' % volume_id, headers=headers,
                body={'revert': {'snapshot_id': snapshot_id}})


def status_of(cloud, project, collection, resource_id):
    return call(cloud, 'GET', project, '/%s/%s' % (collection, resource_id)).json[
        collection[:-1]]['status']


def test_cinder_revert_to_snapshot_brings_the_bytes_back(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    path = volume_file(shared_cloud, volume['id'])
    write_pattern(path, b'before')
    at_snapshot = digest(path)
    snap = snapshot(shared_cloud, project, volume['id'])
    write_pattern(path, b'after')
    assert digest(path) != at_snapshot
    cs = shared_cloud.cinder(project=project, version='3.40')
    cs.volumes.revert_to_snapshot(cs.volumes.get(volume['id']), cs.volume_snapshots.get(
        snap['id']))
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'available',
                         token='u1:%s' % project, project=project)
    assert digest(path) == at_snapshot
    assert status_of(shared_cloud, project, 'snapshots', snap['id']) == 'available'
    assert [f for f in os.listdir(os.path.dirname(path)) if f.startswith('.revert-')] == []


def test_below_3_40_revert_is_404(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    snap = snapshot(shared_cloud, project, volume['id'])
    resp = revert(shared_cloud, project, volume['id'], snap['id'],
                  headers={'OpenStack-API-Version': 'volume 3.39'})
    assert resp.status == 404, resp
    assert revert(shared_cloud, project, volume['id'], snap['id'], headers={}).status == 404


def test_only_the_latest_snapshot_of_the_same_size(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    vid = volume['id']
    resp = revert(shared_cloud, project, vid, None)
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == "Volume %s doesn't have any snapshots." % vid
    older = snapshot(shared_cloud, project, vid)
    latest = snapshot(shared_cloud, project, vid)
    for snapshot_id in (older['id'], None, 'not-a-snapshot'):
        resp = revert(shared_cloud, project, vid, snapshot_id)
        assert resp.status == 400, resp
        assert resp.json['badRequest']['message'] == (
            'Specified snapshot %s is None or not the latest one of volume %s.'
            % (snapshot_id, vid))
    resp = call(shared_cloud, 'POST', project, '/volumes/%s/action' % vid, headers=V340,
                body={'revert': {'snapshot_id': 5}})
    assert resp.status == 400
    # A volume extended since its snapshot cannot go back to it.
    call(shared_cloud, 'POST', project, '/volumes/%s/action' % vid,
         body={'os-extend': {'new_size': 2}})
    fixtures.wait_status(shared_cloud, 'volumes', vid, 'available', token='u1:%s' % project,
                         project=project)
    resp = revert(shared_cloud, project, vid, latest['id'])
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        "Can't revert volume %s to its latest snapshot %s. The volume size must be equal "
        "to the snapshot size." % (vid, latest['id']))
    assert status_of(shared_cloud, project, 'volumes', vid) == 'available'
    assert status_of(shared_cloud, project, 'snapshots', latest['id']) == 'available'


def test_a_busy_volume_or_snapshot_is_409(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    snap = snapshot(shared_cloud, project, volume['id'])
    cannot = "Can't revert volume %s to its latest snapshot %s." % (volume['id'], snap['id'])

    def reset(collection, resource_id, status):
        assert shared_cloud.request(
            'POST', '/v3/admin/%s/%s/action' % (collection, resource_id), token=ADMIN,
            body={'os-reset_status': {'status': status}}).status == 202
    reset('volumes', volume['id'], 'error')
    resp = revert(shared_cloud, project, volume['id'], snap['id'])
    assert resp.status == 409, resp
    assert resp.json == {'conflictingRequest': {'code': 409, 'message': (
        "Invalid volume: %s Volume's status must be 'available'." % cannot)}}
    reset('volumes', volume['id'], 'available')
    reset('snapshots', snap['id'], 'error')
    resp = revert(shared_cloud, project, volume['id'], snap['id'])
    assert resp.status == 409, resp
    assert resp.json['conflictingRequest']['message'] == (
        "Invalid snapshot: %s Snapshot's status must be 'available'." % cannot)
    # Both checks happen in one transaction: the volume did not stay reverting.
    assert status_of(shared_cloud, project, 'volumes', volume['id']) == 'available'
    assert status_of(shared_cloud, project, 'snapshots', snap['id']) == 'error'
    cs = shared_cloud.cinder(project=project, version='3.40')
    with pytest.raises(cinder_exc.ClientException) as caught:
        cs.volumes.revert_to_snapshot(cs.volumes.get(volume['id']),
                                      cs.volume_snapshots.get(snap['id']))
    assert caught.value.code == 409


def test_another_project_s_volume_is_404(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    snap = snapshot(shared_cloud, project, volume['id'])
    assert revert(shared_cloud, 'other-%s' % project, volume['id'], snap['id']).status == 404
