"""``os-retype`` on one backend: the real cinderclient and raw HTTP for every refusal.

The volume stays where it is and takes the new type; the per-type quota moves
with it. Every test ends with quota usage equal to a recount of rows
(``project``), per type included.
"""

from cinderclient import exceptions as cinder_exc
import pytest

from cinderlite import context as cl_context
from cinderlite.db import volumes as db_volumes
from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional.test_volume_actions import act
from tests.functional.test_volumes import call
from tests.functional.test_volumes import create_type
from tests.functional.test_volumes import create_volume

ADMIN = 'admin:admin'


def shown(cloud, project, volume_id):
    return cloud.request('GET', '/v3/admin/volumes/%s' % volume_id, token=ADMIN).json['volume']


def retype(cloud, project, volume_id, new_type, policy=None):
    body = {'os-retype': {'new_type': new_type}}
    if policy:
        body['os-retype']['migration_policy'] = policy
    return act(cloud, project, volume_id, body)


def wait_settled(cloud, project, volume_id, status='available'):
    return fixtures.wait_status(cloud, 'volumes', volume_id, status,
                                token='u1:%s' % project, project=project)


def test_cinder_retype_moves_the_type_the_quota_and_the_snapshots(shared_cloud, project):
    old, new = create_type(shared_cloud), create_type(shared_cloud)
    volume = create_volume(shared_cloud, project, size=2, volume_type=old['name'])
    resp = call(shared_cloud, 'POST', project, '/snapshots',
                body={'snapshot': {'volume_id': volume['id']}})
    snap = fixtures.wait_status(shared_cloud, 'snapshots', resp.json['snapshot']['id'],
                                'available', token='u1:%s' % project, project=project)
    before = shown(shared_cloud, project, volume['id'])
    cs = shared_cloud.cinder(project=project)
    cs.volumes.retype(volume['id'], new['name'], 'never')
    after = fixtures.wait_for(
        lambda: (lambda v: v if v['volume_type'] == new['name'] and v['status'] == 'available'
                 else None)(shown(shared_cloud, project, volume['id'])),
        what='the new type')
    for key in ('id', 'size', 'os-vol-host-attr:host', 'user_id'):
        assert after[key] == before[key]
    assert after['migration_status'] is None
    assert after['os-vol-mig-status-attr:migstat'] is None
    used = h.usage(shared_cloud, project)
    assert used['volumes_%s' % new['name']] == 1
    assert used['gigabytes_%s' % new['name']] == 4      # the volume and its snapshot
    assert used['snapshots_%s' % new['name']] == 1
    assert used.get('volumes_%s' % old['name'], 0) == 0
    assert used['gigabytes'] == 4 and used['volumes'] == 1
    # The snapshot's clone takes the new type too.
    clone = create_volume(shared_cloud, project, size=2, snapshot_id=snap['id'])
    assert clone['volume_type'] == new['name']


def test_retype_by_id_and_back(shared_cloud, project):
    old, new = create_type(shared_cloud), create_type(shared_cloud)
    volume = create_volume(shared_cloud, project, volume_type=old['name'])
    assert retype(shared_cloud, project, volume['id'], new['id']).status == 202
    fixtures.wait_for(lambda: shown(shared_cloud, project, volume['id'])['volume_type']
                      == new['name'] and shown(shared_cloud, project, volume['id'])['status']
                      == 'available', what='the new type')
    resp = retype(shared_cloud, project, volume['id'], old['name'], 'on-demand')
    assert resp.status == 202 and resp.body == b''
    fixtures.wait_for(lambda: shown(shared_cloud, project, volume['id'])['volume_type']
                      == old['name'], what='the old type again')
    wait_settled(shared_cloud, project, volume['id'])


REFUSED = ('Invalid volume: Retype needs volume to be in available or in-use state, not be '
           'part of an active migration or a consistency group, requested type has to be '
           'different that the one from the volume, and for in-use volumes front-end qos '
           'specs cannot change.')


@pytest.mark.parametrize('body, status, message', [
    ({'os-retype': {}}, 400, "'new_type' is a required property"),
    ({'os-retype': {'new_type': 'x', 'migration_policy': 'sometimes'}}, 400, None),
    ({'os-retype': {'new_type': 'x', 'colour': 'red'}}, 400, None),
    ({'os-retype': {'new_type': 5}}, 400, None),
    ({'os-retype': {'new_type': 'no-such-type'}}, 404,
     'Volume type with name no-such-type could not be found.'),
])
def test_bad_retype_requests_change_nothing(shared_cloud, project, body, status, message):
    volume = create_volume(shared_cloud, project)
    resp = act(shared_cloud, project, volume['id'], body)
    assert resp.status == status, resp
    if message:
        assert list(resp.json.values())[0]['message'].endswith(message)
    after = shown(shared_cloud, project, volume['id'])
    assert (after['status'], after['volume_type']) == ('available', volume['volume_type'])


def test_same_type_wrong_status_and_groups_are_cinder_s_400(shared_cloud, project):
    vtype = create_type(shared_cloud)
    volume = create_volume(shared_cloud, project, volume_type=vtype['name'])
    resp = retype(shared_cloud, project, volume['id'], vtype['name'])
    assert resp.status == 400 and resp.json['badRequest']['message'] == REFUSED
    other = create_type(shared_cloud)
    for status in ('error', 'maintenance', 'extending'):
        assert shared_cloud.request(
            'POST', '/v3/admin/volumes/%s/action' % volume['id'], token=ADMIN,
            body={'os-reset_status': {'status': status}}).status == 202
        resp = retype(shared_cloud, project, volume['id'], other['name'])
        assert resp.status == 400 and resp.json['badRequest']['message'] == REFUSED
        assert shown(shared_cloud, project, volume['id'])['status'] == status
    shared_cloud.request('POST', '/v3/admin/volumes/%s/action' % volume['id'], token=ADMIN,
                         body={'os-reset_status': {'status': 'available'}})
    # A member of a group keeps the group's types.
    gtype = h.create_type(shared_cloud, name='g-%s' % project)
    group_id = h.create_group(shared_cloud, types='g-%s' % project, token='u1:%s' % project,
                              project=project)
    member = h.create_volume(shared_cloud, group_id, vtype='g-%s' % project,
                             token='u1:%s' % project, project=project)
    resp = retype(shared_cloud, project, member, other['name'])
    assert resp.status == 400 and resp.json['badRequest']['message'] == REFUSED
    assert shown(shared_cloud, project, member)['volume_type'] == 'g-%s' % project
    assert gtype
    shared_cloud.request('POST', '/v3/%s/consistencygroups/%s/delete' % (project, group_id),
                         token='u1:%s' % project, body={'consistencygroup': {'force': True}})
    fixtures.wait_status(shared_cloud, 'volumes', member, 'deleted',
                         token='u1:%s' % project, project=project)


def test_a_type_of_another_backend_needs_on_demand(shared_cloud, project):
    elsewhere = create_type(shared_cloud, {'volume_backend_name': 'other-backend'})
    volume = create_volume(shared_cloud, project)
    for policy in (None, 'never'):
        resp = retype(shared_cloud, project, volume['id'], elsewhere['name'], policy)
        assert resp.status == 400, resp
        assert resp.json['badRequest']['message'] == (
            'Invalid volume: Retype requires migration but is not allowed.')
    # A type that names this very backend stays here.
    here = create_type(shared_cloud, {'volume_backend_name': 'file'})
    assert retype(shared_cloud, project, volume['id'], here['name'], 'never').status == 202
    fixtures.wait_for(lambda: shown(shared_cloud, project, volume['id'])['volume_type']
                      == here['name'], what='the new type')
    wait_settled(shared_cloud, project, volume['id'])


def test_per_type_quota_of_the_new_type_is_413_and_nothing_moves(shared_cloud, project):
    old, new = create_type(shared_cloud), create_type(shared_cloud)
    volume = create_volume(shared_cloud, project, size=3, volume_type=old['name'])
    h.set_quota(shared_cloud, project, **{'gigabytes_%s' % new['name']: 2})
    resp = retype(shared_cloud, project, volume['id'], new['name'])
    assert resp.status == 413, resp
    assert 'gigabytes_%s' % new['name'] in resp.json['overLimit']['message']
    after = shown(shared_cloud, project, volume['id'])
    assert (after['status'], after['volume_type']) == ('available', old['name'])
    cs = shared_cloud.cinder(project=project)
    with pytest.raises(cinder_exc.OverLimit):
        cs.volumes.retype(volume['id'], new['name'], 'never')


def test_a_member_cannot_retype_another_project_s_volume(shared_cloud, project):
    new = create_type(shared_cloud)
    volume = create_volume(shared_cloud, project)
    resp = act(shared_cloud, 'other-%s' % project, volume['id'],
               {'os-retype': {'new_type': new['name']}})
    assert resp.status == 404
    assert shown(shared_cloud, project, volume['id'])['volume_type'] == volume['volume_type']


def test_a_private_type_without_access_is_404(shared_cloud, project):
    resp = shared_cloud.request('POST', '/v3/admin/types', token=ADMIN, body={
        'volume_type': {'name': 'private-%s' % project, 'os-volume-type-access:is_public':
                        False}})
    assert resp.status == 200, resp
    volume = create_volume(shared_cloud, project)
    resp = retype(shared_cloud, project, volume['id'], 'private-%s' % project)
    assert resp.status == 404, resp


def attach(cloud, project, volume_id):
    resp = act(cloud, project, volume_id, {'os-attach': {'host_name': 'h1',
                                                         'mountpoint': '/dev/vdb'}})
    assert resp.status == 202, resp
    wait_settled(cloud, project, volume_id, 'in-use')


def qos_type(cloud, consumer):
    vtype = create_type(cloud)
    resp = cloud.request('POST', '/v3/admin/qos-specs', token=ADMIN, body={'qos_specs': {
        'name': 'qos-%s' % vtype['name'], 'consumer': consumer, 'total_iops_sec': '100'}})
    assert resp.status == 200, resp
    resp = cloud.request('GET', '/v3/admin/qos-specs/%s/associate?vol_type_id=%s' % (
        resp.json['qos_specs']['id'], vtype['id']), token=ADMIN)
    assert resp.status == 202, resp
    return vtype


def test_an_in_use_volume_retypes_in_place_and_stays_attached(shared_cloud, project):
    old, new = create_type(shared_cloud), create_type(shared_cloud)
    volume = create_volume(shared_cloud, project, volume_type=old['name'])
    attach(shared_cloud, project, volume['id'])
    assert retype(shared_cloud, project, volume['id'], new['name']).status == 202
    fixtures.wait_for(lambda: shown(shared_cloud, project, volume['id'])['volume_type']
                      == new['name'], what='the new type')
    after = wait_settled(shared_cloud, project, volume['id'], 'in-use')
    assert after['attachments'][0]['device'] == '/dev/vdb'
    # Its front-end QoS cannot change while attached; back-end QoS may.
    front = qos_type(shared_cloud, 'front-end')
    resp = retype(shared_cloud, project, volume['id'], front['name'])
    assert resp.status == 400 and resp.json['badRequest']['message'] == REFUSED
    back = qos_type(shared_cloud, 'back-end')
    assert retype(shared_cloud, project, volume['id'], back['name']).status == 202
    fixtures.wait_for(lambda: shown(shared_cloud, project, volume['id'])['volume_type']
                      == back['name'], what='the back-end QoS type')
    # Another backend's type: an attached volume cannot move.
    elsewhere = create_type(shared_cloud, {'volume_backend_name': 'other-backend'})
    wait_settled(shared_cloud, project, volume['id'], 'in-use')
    resp = retype(shared_cloud, project, volume['id'], elsewhere['name'], 'on-demand')
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid volume: an in-use volume cannot move to another backend; detach it first.')
    assert shown(shared_cloud, project, volume['id'])['status'] == 'in-use'


def test_multiattach_changes_only_for_available_volumes(shared_cloud, project):
    plain = create_type(shared_cloud)
    multi = create_type(shared_cloud, {'multiattach': '<is> True'})
    volume = create_volume(shared_cloud, project, volume_type=plain['name'])
    assert retype(shared_cloud, project, volume['id'], multi['name']).status == 202
    after = fixtures.wait_for(
        lambda: (lambda v: v if v['volume_type'] == multi['name'] else None)(
            shown(shared_cloud, project, volume['id'])), what='the multiattach type')
    assert after['multiattach'] is True
    wait_settled(shared_cloud, project, volume['id'])
    other = create_volume(shared_cloud, project, volume_type=plain['name'])
    attach(shared_cloud, project, other['id'])
    resp = retype(shared_cloud, project, other['id'], multi['name'])
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid input received: Invalid volume_type passed, retypes affecting multiattach '
        'are only allowed on available volumes, the specified volume however currently '
        'has a status of: in-use.')
    encrypted_multi = create_type(shared_cloud, {'multiattach': '<is> True'})
    resp = shared_cloud.request(
        'POST', '/v3/admin/types/%s/encryption' % encrypted_multi['id'], token=ADMIN,
        body={'encryption': {'provider': 'luks', 'control_location': 'front-end'}})
    assert resp.status == 200, resp
    resp = retype(shared_cloud, project, volume['id'], encrypted_multi['name'])
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid input received: Retype requested both encryption and multi-attach, '
        'which is not supported.')


def test_the_source_of_a_clone_in_flight_does_not_move(shared_cloud, project):
    elsewhere = create_type(shared_cloud, {'volume_backend_name': 'other-backend'})
    volume = create_volume(shared_cloud, project)
    clone = create_volume(shared_cloud, project)
    ctx = cl_context.get_admin_context()
    db_volumes.update_volume(ctx, clone['id'], {'status': 'creating',
                                                'source_volid': volume['id']})
    try:
        resp = retype(shared_cloud, project, volume['id'], elsewhere['name'], 'on-demand')
    finally:
        db_volumes.update_volume(ctx, clone['id'], {'status': 'available',
                                                    'source_volid': None})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid volume: Volume %s is the source of a clone in progress.' % volume['id'])


def test_an_admin_clears_the_migration_status_a_failed_move_left(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    ctx = cl_context.get_admin_context()
    db_volumes.update_volume(ctx, volume['id'], {'migration_status': 'error'})
    assert shown(shared_cloud, project, volume['id'])['os-vol-mig-status-attr:migstat'] == (
        'error')
    cs = shared_cloud.cinder(user='admin', project='admin')
    cs.volumes.reset_state(volume['id'], None, migration_status='none')
    after = shown(shared_cloud, project, volume['id'])
    assert after['migration_status'] is None and after['status'] == 'available'
