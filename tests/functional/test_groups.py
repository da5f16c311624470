"""The groups API (3.11 to 3.25): group types, groups, group snapshots, create-from-src."""

import pytest

from cinderlite.api import microversion
from tests import fixtures
from tests.functional import groups_helpers as h

ADMIN = h.ADMIN
call = h.call
create_group_type = h.create_group_type
create_group = h.create_generic_group
create_member = h.create_member


@pytest.fixture
def gcloud(cloud):
    h.create_type(cloud)
    create_group_type(cloud)
    return cloud


def test_versions_document_and_gates(cloud):
    top = microversion.as_string(microversion.MAX_VERSION)
    assert cloud.request('GET', '/v3/').json['versions'][0]['version'] == top
    assert call(cloud, 'GET', '/groups', version='3.12').status == 404
    assert call(cloud, 'GET', '/group_types', version='3.10').status == 404
    assert call(cloud, 'GET', '/group_snapshots', version='3.13').status == 404
    # 3.7 (clusters) adds ``cluster`` to the services we list: none belongs to one.
    services = call(cloud, 'GET', '/os-services', token=ADMIN, version='3.7').json['services']
    assert services and all(s['cluster'] is None for s in services)
    assert not any('cluster' in s for s in call(cloud, 'GET', '/os-services', token=ADMIN,
                                                version='3.6').json['services'])
    above = microversion.as_string((3, microversion.MAX_VERSION[1] + 1))
    assert call(cloud, 'GET', '/groups', version=above).status == 406


def test_group_type_life_cycle_and_specs(cloud):
    listed = call(cloud, 'GET', '/group_types').json['group_types']
    assert [t['name'] for t in listed] == ['default_cgsnapshot_type']
    assert 'group_specs' not in listed[0]
    admin_view = call(cloud, 'GET', '/group_types', token=ADMIN).json['group_types'][0]
    assert admin_view['group_specs'] == {'consistent_group_snapshot_enabled': '<is> True'}

    gt = create_group_type(cloud, 'a_gt', {'consistent_group_snapshot_enabled': '<is> False'})
    assert gt['group_specs'] == {'consistent_group_snapshot_enabled': '<is> False'}
    private = create_group_type(cloud, 'b_gt', is_public=False)
    assert call(cloud, 'POST', '/group_types', token=ADMIN,
                body={'group_type': {'name': 'a_gt'}}).status == 409
    assert call(cloud, 'POST', '/group_types',
                body={'group_type': {'name': 'x'}}).status == 403

    def names(query):
        resp = call(cloud, 'GET', '/group_types?' + query, token=ADMIN)
        assert resp.status == 200, resp
        return [t['name'] for t in resp.json['group_types']]
    assert names('is_public=None&sort=name:asc') == ['a_gt', 'b_gt',
                                                     'default_cgsnapshot_type']
    assert names('is_public=None&sort=name:desc') == ['default_cgsnapshot_type', 'b_gt',
                                                      'a_gt']
    assert names('is_public=False') == ['b_gt']
    assert call(cloud, 'GET', '/group_types/%s' % private['id']).status == 404

    resp = call(cloud, 'PUT', '/group_types/%s' % gt['id'], token=ADMIN,
                body={'group_type': {'name': 'a2', 'description': 'd'}})
    assert resp.status == 200 and resp.json['group_type']['name'] == 'a2'
    assert call(cloud, 'PUT', '/group_types/%s' % gt['id'], token=ADMIN,
                body={'group_type': {}}).status == 400

    specs = '/group_types/%s/group_specs' % gt['id']
    resp = call(cloud, 'POST', specs, token=ADMIN, body={'group_specs': {'k': 'v'}})
    assert resp.status == 202 and resp.json == {'group_specs': {'k': 'v'}}
    assert call(cloud, 'GET', specs, token=ADMIN).json['group_specs'] == {
        'consistent_group_snapshot_enabled': '<is> False', 'k': 'v'}
    assert call(cloud, 'PUT', specs + '/k', token=ADMIN, body={'k': 'w'}).json == {'k': 'w'}
    assert call(cloud, 'PUT', specs + '/k', token=ADMIN, body={'j': 'w'}).status == 400
    assert call(cloud, 'GET', specs + '/k', token=ADMIN).json == {'k': 'w'}
    resp = call(cloud, 'DELETE', specs + '/k', token=ADMIN)
    assert resp.status == 202 and resp.body == b''
    assert call(cloud, 'GET', specs + '/k', token=ADMIN).status == 404

    assert call(cloud, 'GET', '/group_types/default').status == 404
    resp = call(cloud, 'DELETE', '/group_types/%s' % gt['id'], token=ADMIN)
    assert resp.status == 202 and resp.body == b''
    assert call(cloud, 'GET', '/group_types/%s' % gt['id']).status == 404


def test_group_crud_membership_and_delete(gcloud):
    cloud = gcloud
    group = create_group(cloud)
    gt_id = call(cloud, 'GET', '/group_types').json['group_types']
    assert group['group_type'] in [t['id'] for t in gt_id]
    assert group['group_snapshot_id'] is None and group['source_group_id'] is None
    at_313 = call(cloud, 'GET', '/groups/%s' % group['id'], version='3.13').json['group']
    assert 'source_group_id' not in at_313
    members = [create_member(cloud, group['id'], 'm%d' % i) for i in range(2)]
    loose = h.create_volume(cloud)

    # A consistency group stays out of the groups API, and the other way round.
    cg_id = h.create_group(cloud)
    listed = call(cloud, 'GET', '/groups').json['groups']
    assert [g['id'] for g in listed] == [group['id']]
    assert call(cloud, 'GET', '/groups/%s' % cg_id).status == 400
    assert call(cloud, 'POST', '/groups', body={'group': {
        'group_type': 'default_cgsnapshot_type', 'volume_types': ['fast']}}).status == 400

    resp = call(cloud, 'PUT', '/groups/%s' % group['id'], body={'group': {
        'add_volumes': loose, 'remove_volumes': members[0] + ','}})
    assert resp.status == 202 and resp.body == b''
    fixtures.wait_status(cloud, 'groups', group['id'], 'available')
    detail = call(cloud, 'GET', '/volumes/%s' % loose, version='3.13').json['volume']
    assert detail['group_id'] == group['id']
    assert call(cloud, 'GET', '/volumes/%s' % members[0],
                version='3.13').json['volume']['group_id'] is None
    assert call(cloud, 'PUT', '/groups/%s' % group['id'],
                body={'group': {'name': 'g1'}}).status == 400

    resp = call(cloud, 'POST', '/groups/%s/action' % group['id'], body={'delete': {}})
    assert resp.status == 400 and 'delete-volumes' in resp.json['badRequest']['message']
    resp = call(cloud, 'POST', '/groups/%s/action' % group['id'],
                body={'delete': {'delete-volumes': True}})
    assert resp.status == 202 and resp.body == b''
    fixtures.wait_status(cloud, 'groups', group['id'], 'deleted')
    fixtures.wait_status(cloud, 'volumes', loose, 'deleted')
    assert call(cloud, 'POST', '/groups/%s/action' % cg_id, body={'bogus': {}}).status == 400


def test_group_snapshot_and_clones_keep_the_bytes(gcloud):
    cloud = gcloud
    group = create_group(cloud)
    members = [create_member(cloud, group['id'], 'm%d' % i) for i in range(3)]
    for index, volume_id in enumerate(members):
        h.write_pattern(h.volume_path(cloud, volume_id), b'before-%d' % index * 500)
    before = {v: h.checksum(h.volume_path(cloud, v)) for v in members}

    resp = call(cloud, 'POST', '/group_snapshots', body={'group_snapshot': {
        'group_id': group['id'], 'name': 'gs'}})
    assert resp.status == 202, resp
    assert set(resp.json['group_snapshot']) == {'id', 'name', 'group_type_id'}
    gs_id = resp.json['group_snapshot']['id']
    gs = fixtures.wait_status(cloud, 'group_snapshots', gs_id, 'available')
    assert (gs['group_id'], gs['group_type_id']) == (group['id'], group['group_type'])
    snaps = call(cloud, 'GET', '/snapshots/detail').json['snapshots']
    assert sorted(s['volume_id'] for s in snaps if s['group_snapshot_id'] == gs_id) == \
        sorted(members)
    assert call(cloud, 'GET', '/group_snapshots').json['group_snapshots'] == [
        {'id': gs_id, 'name': 'gs'}]
    for volume_id in members:
        h.write_pattern(h.volume_path(cloud, volume_id), b'after!' * 500)
    live = {v: h.checksum(h.volume_path(cloud, v)) for v in members}

    # openstackclient sends both source keys, one of them null.
    for source, expected in (({'group_snapshot_id': gs_id, 'source_group_id': None}, before),
                             ({'source_group_id': group['id'], 'group_snapshot_id': None},
                              live)):
        resp = call(cloud, 'POST', '/groups/action', body={'create-from-src': dict(
            source, name='clone', description=None)})
        assert resp.status == 202, resp
        clone = fixtures.wait_status(cloud, 'groups', resp.json['group']['id'], 'available')
        assert clone['group_type'] == group['group_type']
        assert clone['volume_types'] == group['volume_types']
        assert (clone['group_snapshot_id'], clone['source_group_id']) == (
            source['group_snapshot_id'], source['source_group_id'])
        # group_id filters volume lists from 3.10 (VOLUME_LIST_GROUP).
        volumes = h.list_volumes(cloud, query='all_tenants=1&group_id=%s' % clone['id'],
                                 version='3.10')
        assert len(volumes) == 3
        origins = []
        for volume in volumes:
            assert volume['status'] == 'available'
            if source['group_snapshot_id']:
                snap = call(cloud, 'GET', '/snapshots/%s' % volume['snapshot_id']).json
                origin = snap['snapshot']['volume_id']
            else:
                origin = volume['source_volid']
            origins.append(origin)
            assert h.checksum(h.volume_path(cloud, volume['id'])) == expected[origin]
        assert sorted(origins) == sorted(members)
    fixtures.assert_usage_matches_rows(cloud, 'p1')

    for body in ({'name': 'x'}, {'group_snapshot_id': gs_id, 'source_group_id': group['id']}):
        resp = call(cloud, 'POST', '/groups/action', body={'create-from-src': body})
        assert resp.status == 400, resp
    assert call(cloud, 'POST', '/groups/action', body={'create-from-src': {
        'source_group_id': group['id']}}, version='3.13').status == 404
    # The source snapshot is not deleted under a group made from it: that group exists now,
    # but it is done, so the snapshot can go.
    resp = call(cloud, 'DELETE', '/group_snapshots/%s' % gs_id)
    assert resp.status == 202 and resp.body == b''
    fixtures.wait_status(cloud, 'group_snapshots', gs_id, 'deleted')


def test_reset_status_and_member_listing(gcloud):
    cloud = gcloud
    group = create_group(cloud)
    member = create_member(cloud, group['id'], 'm0')
    path = '/groups/%s/action' % group['id']
    body = {'reset_status': {'status': 'error'}}
    assert call(cloud, 'POST', path, body=body, token=ADMIN, version='3.19').status == 400
    assert call(cloud, 'POST', path, body=body, version='3.20').status == 403
    bad = call(cloud, 'POST', path, token=ADMIN, version='3.20',
               body={'reset_status': {'status': 'in-use'}})
    assert bad.status == 400 and 'Invalid Group Status' in bad.json['badRequest']['message']
    resp = call(cloud, 'POST', path, body=body, token=ADMIN, version='3.20')
    assert resp.status == 202 and resp.body == b''
    assert call(cloud, 'GET', '/groups/%s' % group['id']).json['group']['status'] == 'error'

    shown = call(cloud, 'GET', '/groups/%s?list_volume=True' % group['id'], version='3.25')
    assert shown.json['group']['volumes'] == [member]
    assert 'volumes' not in call(cloud, 'GET', '/groups/%s?list_volume=True' % group['id'],
                                 version='3.24').json['group']
    listed = call(cloud, 'GET', '/groups/detail?list_volume=true', version='3.25')
    assert [g['volumes'] for g in listed.json['groups']] == [[member]]

    call(cloud, 'POST', path, token=ADMIN, version='3.20',
         body={'reset_status': {'status': 'available'}})
    gs_id = h.create_group_snapshot(cloud, group['id'])
    gs_path = '/group_snapshots/%s/action' % gs_id
    assert call(cloud, 'POST', gs_path, token=ADMIN, version='3.18',
                body={'reset_status': {'status': 'error'}}).status == 404
    assert call(cloud, 'POST', gs_path, token=ADMIN, version='3.19',
                body={'reset_status': {'status': 'bogus'}}).status == 400
    resp = call(cloud, 'POST', gs_path, token=ADMIN, version='3.19',
                body={'reset_status': {'status': 'error'}})
    assert resp.status == 202 and resp.body == b''
    assert call(cloud, 'GET', '/group_snapshots/%s' % gs_id).json[
        'group_snapshot']['status'] == 'error'


@pytest.mark.parametrize('driver, consistent, expected', [
    # A consistent type: the driver's group snapshot and group clone.
    ('RecordingGroupDriver', True, {'create_group_snapshot', 'create_cgsnapshot',
                                    'create_group_from_src',
                                    'create_consistencygroup_from_src'}),
    # Not consistent: the driver declines (NotImplementedError), then one snapshot
    # and one clone per member, in the pool.
    ('RecordingGroupDriver', False, {'create_group_snapshot', 'create_snapshot',
                                     'create_group_from_src', 'create_cloned_volume'}),
    # A driver with only the consistency group methods keeps serving groups.
    ('CgOnlyDriver', True, {'create_cgsnapshot', 'create_consistencygroup_from_src'}),
])
def test_the_group_type_chooses_the_driver_path(make_cloud, driver, consistent, expected):
    from tests import drivers
    drivers.RecordingGroupDriver.calls.clear()
    cloud = make_cloud(backends={'file': {'volume_driver': 'tests.drivers.' + driver}})
    h.create_type(cloud)
    create_group_type(cloud, specs={
        'consistent_group_snapshot_enabled': '<is> %s' % consistent})
    group = create_group(cloud)
    members = [create_member(cloud, group['id'], 'm%d' % i) for i in range(2)]
    h.create_group_snapshot(cloud, group['id'])
    resp = h.clone_group(cloud, source_group_id=group['id'])
    assert resp.status == 202, resp
    fixtures.wait_status(cloud, 'groups', resp.json['group']['id'], 'available')
    assert set(drivers.RecordingGroupDriver.calls) == expected
    per_member = [c for c in drivers.RecordingGroupDriver.calls
                  if c in ('create_snapshot', 'create_cloned_volume')]
    assert len(per_member) == (0 if consistent else 2 * len(members))
