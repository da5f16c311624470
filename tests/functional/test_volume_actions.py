"""Volume actions (``POST /volumes/{id}/action``) with the real client and raw HTTP.

Every test checks what a user sees (status codes, Cinder's messages, the
volume afterwards) and what is left behind: quota usage equal to a recount
of rows, the backing file's size.
"""

import os

from cinderclient import exceptions as cinder_exc
import pytest

from cinderlite import context as cl_context
from cinderlite import quota
from cinderlite.db import engine as db_engine
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.volume import recovery
from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional.test_volumes import call
from tests.functional.test_volumes import create_volume

GiB = 1024 ** 3
ADMIN = 'admin:admin'


def act(cloud, project, volume_id, body, user='u1', **kwargs):
    return call(cloud, 'POST', project, '/volumes/%s/action' % volume_id, user=user,
                body=body, **kwargs)


def backing_size(cloud, volume_id):
    return os.path.getsize(h.volume_path(cloud, volume_id))


def gigabytes_used(cloud, project):
    return h.usage(cloud, project)['gigabytes']


def test_unknown_action_is_a_400_that_names_it(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    resp = act(shared_cloud, project, volume['id'], {'os-frobnicate': {}})
    assert resp.status == 400
    assert resp.json == {'badRequest': {'code': 400,
                                        'message': 'There is no such action: os-frobnicate'}}
    assert act(shared_cloud, project, volume['id'], {}).status == 400
    assert act(shared_cloud, project, volume['id'],
               {'os-reserve': {}, 'os-unreserve': {}}).status == 400


def test_admin_actions_are_403_for_members(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    for body in ({'os-reset_status': {'status': 'error'}}, {'os-force_delete': {}}):
        resp = act(shared_cloud, project, volume['id'], body)
        assert resp.status == 403, resp
        assert 'forbidden' in resp.json
    shown = call(shared_cloud, 'GET', project, '/volumes/%s' % volume['id']).json['volume']
    assert shown['status'] == 'available'


def test_another_project_s_volume_is_404(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    resp = act(shared_cloud, 'someone-else', volume['id'], {'os-extend': {'new_size': 2}})
    assert resp.status == 404
    assert call(shared_cloud, 'GET', project, '/volumes/%s' % volume['id']).json[
        'volume']['size'] == 1


def test_cinder_extend_grows_the_volume_its_file_and_its_quota(shared_cloud, project):
    cs = shared_cloud.cinder(project=project)
    volume = cs.volumes.create(1)
    fixtures.wait_status(shared_cloud, 'volumes', volume.id, 'available',
                         token='u1:%s' % project, project=project)
    cs.volumes.extend(volume, 3)
    shown = fixtures.wait_status(shared_cloud, 'volumes', volume.id, 'available',
                                 token='u1:%s' % project, project=project)
    assert shown['size'] == 3
    assert backing_size(shared_cloud, volume.id) == 3 * GiB
    assert gigabytes_used(shared_cloud, project) == 3
    with pytest.raises(cinder_exc.BadRequest) as caught:
        cs.volumes.extend(volume, 3)
    assert ('New size for extend must be greater than current size. (current: 3, '
            'extended: 3).') in str(caught.value)


def test_extend_refusals_change_nothing(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    assert act(shared_cloud, project, volume['id'],
               {'os-extend': {'new_size': 'big'}}).status == 400
    h.set_quota(shared_cloud, project, gigabytes=2)
    resp = act(shared_cloud, project, volume['id'], {'os-extend': {'new_size': 5}})
    assert resp.status == 413, resp
    assert act(shared_cloud, project, volume['id'], {'os-reserve': {}}).status == 202
    resp = act(shared_cloud, project, volume['id'], {'os-extend': {'new_size': 2}})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        "Invalid volume: Volume %s status must be '{'status': 'available'}' to extend, "
        "currently attaching." % volume['id'])
    shown = call(shared_cloud, 'GET', project, '/volumes/%s' % volume['id']).json['volume']
    assert (shown['size'], shown['status']) == (1, 'attaching')
    assert gigabytes_used(shared_cloud, project) == 1
    assert backing_size(shared_cloud, volume['id']) == GiB


def test_an_extend_left_in_flight_is_finished_by_recovery(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    ctx = cl_context.get_admin_context()
    # What the API writes before its cast, in one transaction; then its host died.
    with db_engine.transaction(ctx):
        db_volumes.update_volume(ctx, volume['id'], {'status': 'extending', 'size': 2})
        quota.reserve(shared_cloud.conf, ctx, project, quota.gigabytes_deltas(
            1, db_types.get_default_type(ctx).name))
    recovery.resume_work_in_flight(shared_cloud.manager, ctx)
    shown = fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'available',
                                 token='u1:%s' % project, project=project)
    assert shown['size'] == 2
    assert backing_size(shared_cloud, volume['id']) == 2 * GiB
    assert gigabytes_used(shared_cloud, project) == 2


def test_cinder_reset_state_and_force_delete(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    admin = shared_cloud.cinder(user='admin', project='admin')
    admin.volumes.reset_state(volume['id'], 'error')
    assert call(shared_cloud, 'GET', project, '/volumes/%s' % volume['id']).json[
        'volume']['status'] == 'error'
    for state, message in (('deleting', 'Cannot reset-state to deleting'),
                           ('in-use', 'Cannot reset-state to in-use because volume does '
                                      'not have any attachments.'),
                           ('sleeping', 'Volume status: sleeping is invalid')):
        with pytest.raises(cinder_exc.BadRequest) as caught:
            admin.volumes.reset_state(volume['id'], state)
        assert message in str(caught.value)
    resp = act(shared_cloud, 'admin', volume['id'], {'os-reset_status': {}}, user='admin')
    assert resp.status == 400
    admin.volumes.reset_state(volume['id'], 'maintenance')
    admin.volumes.force_delete(volume['id'])
    fixtures.wait_for(lambda: call(shared_cloud, 'GET', project,
                                   '/volumes/%s' % volume['id']).status == 404,
                      what='the volume to be gone')
    assert not os.path.exists(h.volume_path(shared_cloud, volume['id']))
    assert gigabytes_used(shared_cloud, project) == 0


def test_force_delete_still_refuses_volumes_with_snapshots(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    snapshot = call(shared_cloud, 'POST', project, '/snapshots',
                    body={'snapshot': {'volume_id': volume['id']}}).json['snapshot']
    fixtures.wait_status(shared_cloud, 'snapshots', snapshot['id'], 'available',
                         token='u1:%s' % project, project=project)
    resp = act(shared_cloud, 'admin', volume['id'], {'os-force_delete': {}}, user='admin')
    assert resp.status == 400
    assert resp.json['badRequest']['message'].startswith(
        'Invalid volume: Volume  must not be migrating, attached, belong to a group, '
        'have snapshots')


def test_bootable_readonly_reserve_and_unreserve(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    path = '/volumes/%s' % volume['id']
    resp = act(shared_cloud, project, volume['id'], {'os-set_bootable': {'bootable': True}})
    assert (resp.status, resp.body) == (200, b'')
    assert call(shared_cloud, 'GET', project, path).json['volume']['bootable'] == 'true'
    resp = act(shared_cloud, project, volume['id'],
               {'os-update_readonly_flag': {'readonly': True}})
    assert resp.status == 202
    assert call(shared_cloud, 'GET', project, path).json['volume']['metadata'] == {
        'readonly': 'True'}
    assert act(shared_cloud, project, volume['id'], {'os-reserve': None}).status == 202
    assert call(shared_cloud, 'GET', project, path).json['volume']['status'] == 'attaching'
    resp = act(shared_cloud, project, volume['id'], {'os-reserve': {}})
    assert resp.json['badRequest']['message'] == (
        'Invalid volume: Volume status must be available to reserve, but the status is '
        'attaching.')
    resp = act(shared_cloud, project, volume['id'],
               {'os-update_readonly_flag': {'readonly': False}})
    assert resp.status == 400
    assert act(shared_cloud, project, volume['id'], {'os-unreserve': {}}).status == 202
    assert act(shared_cloud, project, volume['id'], {'os-unreserve': {}}).status == 202
    assert call(shared_cloud, 'GET', project, path).json['volume']['status'] == 'available'
