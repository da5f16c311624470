"""Volume transfers: offer a volume, accept it in another project with the auth key.

One cloud serves the module; each test works in projects of its own.
test_transfers_v357.py covers what 3.55 and 3.57 add.
"""

import uuid

import pytest

from cinderlite import context as cl_context
from cinderlite.db import snapshots as db_snapshots
from tests import fixtures

SUMMARY = {'id', 'volume_id', 'name', 'links'}
DETAIL = SUMMARY | {'created_at'}
CREATE = DETAIL | {'auth_key'}


def call(cloud, method, project, path, user='u1', version=None, **kwargs):
    if version:
        kwargs['headers'] = {'OpenStack-API-Version': 'volume %s' % version}
    return cloud.request(method, '/v3/%s%s' % (project, path),
                         token='%s:%s' % (user, project), **kwargs)


def volume(cloud, project, wait='available', **values):
    resp = call(cloud, 'POST', project, '/volumes', body={'volume': dict({'size': 1}, **values)})
    assert resp.status == 202, resp
    return wait_volume(cloud, project, resp.json['volume']['id'], wait)


def wait_volume(cloud, project, volume_id, status):
    return fixtures.wait_status(cloud, 'volumes', volume_id, status,
                                token='u1:' + project, project=project)


def snapshot(cloud, project, volume_id):
    resp = call(cloud, 'POST', project, '/snapshots',
                body={'snapshot': {'volume_id': volume_id}})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'],
                                'available', token='u1:' + project, project=project)


def offer(cloud, project, volume_id, path='/os-volume-transfer', version=None, **values):
    resp = call(cloud, 'POST', project, path, version=version,
                body={'transfer': dict(values, volume_id=volume_id)})
    assert resp.status == 202, resp
    return resp.json['transfer']


def usage(cloud, project):
    quota_set = call(cloud, 'GET', project, '/os-quota-sets/%s?usage=True' % project).json[
        'quota_set']
    return {k: v['in_use'] for k, v in quota_set.items() if k != 'id' and v['in_use']}


def test_create_get_list_accept_as_tempest_does_it(shared_cloud, project):
    receiver = 'r' + project
    vtype = call(shared_cloud, 'POST', 'admin', '/types', user='admin', body={
        'volume_type': {'name': 'xfer-%s' % project}}).json['volume_type']
    vol = volume(shared_cloud, project, volume_type=vtype['name'], size=2)
    transfer = offer(shared_cloud, project, vol['id'], name=' moving ')
    assert set(transfer) == CREATE
    assert (transfer['volume_id'], transfer['name']) == (vol['id'], 'moving')
    assert len(transfer['auth_key']) == 16
    assert transfer['links'][0]['href'].endswith(
        '/v3/%s/os-volume-transfer/%s' % (project, transfer['id']))
    assert wait_volume(shared_cloud, project, vol['id'], 'awaiting-transfer')
    shown = call(shared_cloud, 'GET', project, '/os-volume-transfer/' + transfer['id'])
    expected = {k: v for k, v in transfer.items() if k != 'auth_key'}
    assert (shown.status, shown.json) == (200, {'transfer': expected})
    listed = call(shared_cloud, 'GET', project, '/os-volume-transfer').json
    assert listed == {'transfers': [{k: expected[k] for k in SUMMARY}]}
    detail = call(shared_cloud, 'GET', project, '/os-volume-transfer/detail').json
    assert detail == {'transfers': [expected]}
    assert call(shared_cloud, 'GET', receiver, '/os-volume-transfer').json == {
        'transfers': []}
    before = usage(shared_cloud, project)
    assert before == {'volumes': 1, 'gigabytes': 2, 'volumes_' + vtype['name']: 1,
                      'gigabytes_' + vtype['name']: 2}
    accepted = call(shared_cloud, 'POST', receiver,
                    '/os-volume-transfer/%s/accept' % transfer['id'], user='u2',
                    body={'accept': {'auth_key': transfer['auth_key']}})
    assert accepted.status == 202, accepted
    assert set(accepted.json['transfer']) == SUMMARY
    assert accepted.json['transfer']['links'][0]['href'].endswith(
        '/v3/%s/os-volume-transfer/%s' % (receiver, transfer['id']))
    moved = wait_volume(shared_cloud, receiver, vol['id'], 'available')
    assert (moved['user_id'], moved['os-vol-tenant-attr:tenant_id']) == ('u2', receiver)
    assert call(shared_cloud, 'GET', project, '/volumes/' + vol['id']).status == 404
    assert usage(shared_cloud, receiver) == before
    assert usage(shared_cloud, project) == {}
    assert call(shared_cloud, 'GET', project,
                '/os-volume-transfer/' + transfer['id']).status == 404
    fixtures.assert_usage_matches_rows(shared_cloud, receiver)
    assert call(shared_cloud, 'DELETE', receiver, '/volumes/' + vol['id']).status == 202
    wait_volume(shared_cloud, receiver, vol['id'], 'deleted')
    fixtures.assert_usage_matches_rows(shared_cloud, receiver)


def test_delete_makes_the_volume_available_again(shared_cloud, project):
    vol = volume(shared_cloud, project)
    transfer = offer(shared_cloud, project, vol['id'])
    for method, path in (('GET', ''), ('DELETE', ''), ('POST', '/accept')):
        other = call(shared_cloud, method, 'x' + project,
                     '/os-volume-transfer/%s%s' % (transfer['id'], path),
                     body={'accept': {'auth_key': 'x'}} if path else None)
        if path:
            assert other.status == 400, other  # anyone may try; the key decides
        else:
            assert (other.status, other.json) == (404, {'itemNotFound': {
                'code': 404, 'message': 'Transfer %s could not be found.' % transfer['id']}})
    resp = call(shared_cloud, 'DELETE', project, '/os-volume-transfer/' + transfer['id'])
    assert (resp.status, resp.body) == (202, b'')
    assert wait_volume(shared_cloud, project, vol['id'], 'available')
    assert call(shared_cloud, 'GET', project, '/os-volume-transfer').json == {
        'transfers': []}
    assert call(shared_cloud, 'DELETE', project,
                '/os-volume-transfer/' + transfer['id']).status == 404


def test_a_wrong_key_is_400_and_moves_nothing(shared_cloud, project):
    vol = volume(shared_cloud, project)
    transfer = offer(shared_cloud, project, vol['id'])
    for key in ('wrong', 12345, transfer['auth_key'].upper() + 'x'):
        resp = call(shared_cloud, 'POST', 'r' + project,
                    '/os-volume-transfer/%s/accept' % transfer['id'],
                    body={'accept': {'auth_key': key}})
        assert (resp.status, resp.json) == (400, {'badRequest': {
            'code': 400, 'message': 'Invalid auth key: Attempt to transfer %s with '
                                    'invalid auth key.' % transfer['id']}})
    assert wait_volume(shared_cloud, project, vol['id'], 'awaiting-transfer')
    assert usage(shared_cloud, 'r' + project) == {}
    missing = str(uuid.uuid4())
    resp = call(shared_cloud, 'POST', 'r' + project, '/os-volume-transfer/%s/accept' % missing,
                body={'accept': {'auth_key': transfer['auth_key']}})
    assert resp.status == 404


def test_a_volume_awaiting_transfer_is_held(shared_cloud, project):
    vol = volume(shared_cloud, project)
    offer(shared_cloud, project, vol['id'])
    again = call(shared_cloud, 'POST', project, '/os-volume-transfer',
                 body={'transfer': {'volume_id': vol['id']}})
    assert (again.status, again.json) == (400, {'badRequest': {
        'code': 400, 'message': 'Invalid volume: status must be available'}})
    assert call(shared_cloud, 'DELETE', project, '/volumes/' + vol['id']).status == 400
    assert call(shared_cloud, 'POST', project, '/snapshots', body={
        'snapshot': {'volume_id': vol['id']}}).status == 400
    assert call(shared_cloud, 'POST', project, '/volumes', body={
        'volume': {'size': 1, 'source_volid': vol['id']}}).status == 400


def test_snapshots_go_along_with_their_quota(shared_cloud, project):
    receiver = 'r' + project
    vol = volume(shared_cloud, project)
    snaps = [snapshot(shared_cloud, project, vol['id'])['id'] for _ in range(2)]
    transfer = offer(shared_cloud, project, vol['id'])
    before = usage(shared_cloud, project)
    assert before['snapshots'] == 2 and before['gigabytes'] == 3
    resp = call(shared_cloud, 'POST', receiver,
                '/os-volume-transfer/%s/accept' % transfer['id'],
                body={'accept': {'auth_key': transfer['auth_key']}})
    assert resp.status == 202, resp
    listed = call(shared_cloud, 'GET', receiver, '/snapshots').json['snapshots']
    assert sorted(s['id'] for s in listed) == sorted(snaps)
    assert usage(shared_cloud, receiver) == before and usage(shared_cloud, project) == {}
    fixtures.assert_usage_matches_rows(shared_cloud, receiver)


def test_a_snapshot_that_is_not_available_blocks_the_transfer(shared_cloud, project):
    vol = volume(shared_cloud, project)
    snap = snapshot(shared_cloud, project, vol['id'])
    db_snapshots.update_snapshot(cl_context.get_admin_context(), snap['id'],
                                 {'status': 'error'})
    resp = call(shared_cloud, 'POST', project, '/os-volume-transfer',
                body={'transfer': {'volume_id': vol['id']}})
    assert (resp.status, resp.json) == (400, {'badRequest': {
        'code': 400, 'message': 'Invalid snapshot: snapshot: %s status must be '
                                'available' % snap['id']}})
    assert wait_volume(shared_cloud, project, vol['id'], 'available')


def test_a_volume_in_a_group_is_not_accepted(shared_cloud, project):
    vtype = call(shared_cloud, 'POST', 'admin', '/types', user='admin', body={
        'volume_type': {'name': 'cgx-%s' % project}}).json['volume_type']
    group = call(shared_cloud, 'POST', project, '/consistencygroups', body={
        'consistencygroup': {'volume_types': vtype['name']}}).json['consistencygroup']
    fixtures.wait_status(shared_cloud, 'consistencygroups', group['id'], 'available',
                         token='u1:' + project, project=project)
    vol = volume(shared_cloud, project, volume_type=vtype['name'],
                 consistencygroup_id=group['id'])
    transfer = offer(shared_cloud, project, vol['id'])
    resp = call(shared_cloud, 'POST', 'r' + project,
                '/os-volume-transfer/%s/accept' % transfer['id'],
                body={'accept': {'auth_key': transfer['auth_key']}})
    assert (resp.status, resp.json) == (400, {'badRequest': {
        'code': 400, 'message': 'Invalid volume: Volume %s must not be part of a '
                                'consistency group.' % vol['id']}})
    assert wait_volume(shared_cloud, project, vol['id'], 'awaiting-transfer')
    assert usage(shared_cloud, 'r' + project) == {}
    assert call(shared_cloud, 'DELETE', project,
                '/os-volume-transfer/' + transfer['id']).status == 202


def test_over_quota_in_the_accepting_project_moves_nothing(shared_cloud, project):
    receiver = 'r' + project
    vol = volume(shared_cloud, project, size=3)
    transfer = offer(shared_cloud, project, vol['id'])
    assert call(shared_cloud, 'PUT', 'admin', '/os-quota-sets/' + receiver, user='admin',
                body={'quota_set': {'gigabytes': 2}}).status == 200
    resp = call(shared_cloud, 'POST', receiver,
                '/os-volume-transfer/%s/accept' % transfer['id'],
                body={'accept': {'auth_key': transfer['auth_key']}})
    assert resp.status == 413, resp
    assert resp.json['overLimit']['message'].startswith('VolumeSizeExceedsAvailableQuota')
    assert usage(shared_cloud, receiver) == {}
    assert usage(shared_cloud, project) == {'volumes': 1, 'gigabytes': 3,
                                            'volumes___DEFAULT__': 1,
                                            'gigabytes___DEFAULT__': 3}
    assert wait_volume(shared_cloud, project, vol['id'], 'awaiting-transfer')


@pytest.mark.parametrize('body', [
    {'transfer': {}}, {'transfer': {'volume_id': 'not-a-uuid'}},
    {'transfer': {'volume_id': str(uuid.uuid4()), 'no_snapshots': True}},
    {'transfer': {'volume_id': str(uuid.uuid4()), 'name': 1}}, {}])
def test_bad_create_bodies_are_400(shared_cloud, project, body):
    resp = call(shared_cloud, 'POST', project, '/os-volume-transfer', body=body)
    assert resp.status == 400, resp


def test_volume_transfers_route_waits_for_3_55(shared_cloud, project):
    for version in (None, '3.0', '3.54'):
        for method, path in (('GET', ''), ('GET', '/detail'), ('POST', ''),
                             ('GET', '/x'), ('DELETE', '/x'), ('POST', '/x/accept')):
            resp = call(shared_cloud, method, project, '/volume-transfers' + path,
                        version=version, body={} if method == 'POST' else None)
            assert resp.status == 404, (version, method, path, resp)


def test_transfers_are_listed_oldest_first(shared_cloud, project):
    offered = [offer(shared_cloud, project, volume(shared_cloud, project)['id'])['id']
               for _ in range(3)]
    listed = call(shared_cloud, 'GET', project, '/os-volume-transfer').json['transfers']
    assert [t['id'] for t in listed] == offered
    page = call(shared_cloud, 'GET', project, '/os-volume-transfer?limit=2').json
    assert [t['id'] for t in page['transfers']] == offered[:2]
    assert 'marker=%s' % offered[1] in page['transfers_links'][0]['href']


def test_admin_lists_every_projects_transfers(shared_cloud, project):
    vol = volume(shared_cloud, project)
    transfer = offer(shared_cloud, project, vol['id'])
    mine = call(shared_cloud, 'GET', 'admin', '/os-volume-transfer', user='admin').json
    assert transfer['id'] not in [t['id'] for t in mine['transfers']]
    everyone = call(shared_cloud, 'GET', 'admin', '/os-volume-transfer?all_tenants=1',
                    user='admin').json
    assert transfer['id'] in [t['id'] for t in everyone['transfers']]
    shown = call(shared_cloud, 'GET', 'admin', '/os-volume-transfer/' + transfer['id'],
                 user='admin')
    assert shown.status == 200


def test_cinderclient_transfers_a_volume(shared_cloud, project):
    giver, taker = shared_cloud.cinder('u1', project), shared_cloud.cinder('u2', 'r' + project)
    vol = volume(shared_cloud, project)
    transfer = giver.transfers.create(vol['id'], name='cc')
    assert [t.id for t in giver.transfers.list()] == [transfer.id]
    taker.transfers.accept(transfer.id, transfer.auth_key)
    assert taker.volumes.get(vol['id']).status == 'available'
