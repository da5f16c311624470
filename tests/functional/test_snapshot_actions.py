"""Snapshot actions (``POST /snapshots/{id}/action``): reset status, progress, force delete."""

import pytest

from tests import fixtures
from tests.functional.test_volumes import call
from tests.functional.test_volumes import create_volume


def act(cloud, project, snapshot_id, body, user='u1'):
    return call(cloud, 'POST', project, '/snapshots/%s/action' % snapshot_id, user=user,
                body=body)


def admin_act(cloud, snapshot_id, body):
    return act(cloud, 'admin', snapshot_id, body, user='admin')


def create_snapshot(cloud, project):
    volume = create_volume(cloud, project)
    snapshot = call(cloud, 'POST', project, '/snapshots',
                    body={'snapshot': {'volume_id': volume['id']}}).json['snapshot']
    return fixtures.wait_status(cloud, 'snapshots', snapshot['id'], 'available',
                                token='u1:%s' % project, project=project)


def show(cloud, project, snapshot_id):
    return call(cloud, 'GET', project, '/snapshots/%s' % snapshot_id)


@pytest.mark.parametrize('status', ['creating', 'deleting', 'error', 'error_deleting'])
def test_force_delete_from_any_status(shared_cloud, project, status):
    snapshot = create_snapshot(shared_cloud, project)
    assert admin_act(shared_cloud, snapshot['id'],
                     {'os-reset_status': {'status': status}}).status == 202
    assert show(shared_cloud, project, snapshot['id']).json['snapshot']['status'] == status
    assert admin_act(shared_cloud, snapshot['id'], {'os-force_delete': {}}).status == 202
    fixtures.wait_for(lambda: show(shared_cloud, project, snapshot['id']).status == 404,
                      what='the snapshot to be gone')


def test_update_snapshot_status_follows_cinder_s_transitions(shared_cloud, project):
    snapshot = create_snapshot(shared_cloud, project)
    resp = act(shared_cloud, project, snapshot['id'],
               {'os-update_snapshot_status': {'status': 'error'}})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Snapshot status available not allowed for update_snapshot_status')
    admin_act(shared_cloud, snapshot['id'], {'os-reset_status': {'status': 'creating'}})
    resp = act(shared_cloud, project, snapshot['id'],
               {'os-update_snapshot_status': {'status': 'deleting'}})
    assert resp.json['badRequest']['message'] == (
        'Provided snapshot status deleting not allowed for snapshot with status creating.')
    resp = act(shared_cloud, project, snapshot['id'],
               {'os-update_snapshot_status': {'status': 'error', 'progress': '80%'}})
    assert resp.status == 202
    shown = call(shared_cloud, 'GET', 'admin', '/snapshots/%s' % snapshot['id'],
                 user='admin').json['snapshot']
    assert (shown['status'], shown['os-extended-snapshot-attributes:progress']) == (
        'error', '80%')
    admin_act(shared_cloud, snapshot['id'], {'os-reset_status': {'status': 'available'}})


def test_admin_actions_are_403_for_members_and_bad_statuses_400(shared_cloud, project):
    snapshot = create_snapshot(shared_cloud, project)
    for body in ({'os-reset_status': {'status': 'error'}}, {'os-force_delete': {}}):
        assert act(shared_cloud, project, snapshot['id'], body).status == 403
    assert admin_act(shared_cloud, snapshot['id'],
                     {'os-reset_status': {'status': 'sleeping'}}).status == 400
    assert act(shared_cloud, project, snapshot['id'], {'os-nothing': {}}).json == {
        'badRequest': {'code': 400, 'message': 'There is no such action: os-nothing'}}
    assert act(shared_cloud, 'other', snapshot['id'],
               {'os-update_snapshot_status': {'status': 'error'}}).status == 404
    assert show(shared_cloud, project, snapshot['id']).json['snapshot']['status'] == (
        'available')
