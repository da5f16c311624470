"""Guards that hold while work is in flight, and inputs that must be 400s, not 500s.

Each case here was a confirmed bug of an independent review: a delete that
destroyed the source of a copy in progress, a cast the bus refused that left
rows behind, an admin filling another project's group, oversized numbers
and NUL characters answered with a 500.
"""

import pytest

from tests import drivers
from tests import fixtures
from tests.functional import groups_helpers as h

GATED = {'file': {'volume_driver': 'tests.drivers.GatedCloneDriver'}}


@pytest.fixture
def gated_cloud(make_cloud):
    drivers.GatedCloneDriver.gate.clear()
    drivers.GatedCloneDriver.started.clear()
    cloud = make_cloud(backends=GATED)
    h.create_type(cloud)
    yield cloud
    drivers.GatedCloneDriver.gate.set()


def test_group_with_a_member_being_cloned_cannot_be_force_deleted(gated_cloud):
    cloud = gated_cloud
    group_id, members = h.group_with_volumes(cloud, 2)
    resp = cloud.request('POST', '/v3/p1/volumes', body={'volume': {
        'size': 1, 'source_volid': members[0]}})
    assert resp.status == 202, resp
    clone = resp.json['volume']['id']
    assert drivers.GatedCloneDriver.started.wait(10)
    delete = cloud.request('POST', '/v3/p1/consistencygroups/%s/delete' % group_id,
                           body={'consistencygroup': {'force': True}})
    assert delete.status == 400
    assert 'source of a volume being created' in delete.json['badRequest']['message']
    drivers.GatedCloneDriver.gate.set()
    fixtures.wait_status(cloud, 'volumes', clone, 'available')
    assert h.checksum(h.volume_path(cloud, clone)) == h.checksum(
        h.volume_path(cloud, members[0]))


def test_cgsnapshot_with_a_member_being_copied_cannot_be_deleted(gated_cloud):
    cloud = gated_cloud
    group_id, _ = h.group_with_volumes(cloud, 2)
    cgsnapshot_id = h.create_cgsnapshot(cloud, group_id)
    member = cloud.request('GET', '/v3/p1/snapshots').json['snapshots'][0]['id']
    resp = cloud.request('POST', '/v3/p1/volumes', body={'volume': {'snapshot_id': member}})
    assert resp.status == 202, resp
    assert drivers.GatedCloneDriver.started.wait(10)
    delete = cloud.request('DELETE', '/v3/p1/cgsnapshots/%s' % cgsnapshot_id)
    assert delete.status == 400
    assert 'source of a volume being created' in delete.json['badRequest']['message']
    assert cloud.request('GET', '/v3/p1/cgsnapshots/%s' % cgsnapshot_id).json[
        'cgsnapshot']['status'] == 'available'
    drivers.GatedCloneDriver.gate.set()
    fixtures.wait_status(cloud, 'volumes', resp.json['volume']['id'], 'available')


@pytest.mark.parametrize('action', ['create volume', 'delete volume', 'create snapshot',
                                    'delete snapshot'])
def test_a_cast_the_bus_refuses_leaves_nothing_behind(cloud, monkeypatch, action):
    h.create_type(cloud)
    volume_id = h.create_volume(cloud)
    snapshot = cloud.request('POST', '/v3/p1/snapshots',
                             body={'snapshot': {'volume_id': volume_id}}).json['snapshot']
    fixtures.wait_status(cloud, 'snapshots', snapshot['id'], 'available')

    def state():
        """Rows and usage as a user sees them (updated_at may move on an undo)."""
        volumes = cloud.request('GET', '/v3/p1/volumes/detail').json['volumes']
        snapshots = cloud.request('GET', '/v3/p1/snapshots/detail').json['snapshots']
        return ([dict(r, updated_at=None) for r in volumes + snapshots], h.usage(cloud))
    before = state()
    fixtures.break_the_bus(cloud, monkeypatch)
    request = {
        'create volume': ('POST', '/v3/p1/volumes', {'volume': {'size': 1}}),
        'delete volume': ('DELETE', '/v3/p1/volumes/%s' % volume_id, None),
        'create snapshot': ('POST', '/v3/p1/snapshots',
                            {'snapshot': {'volume_id': volume_id, 'force': True}}),
        'delete snapshot': ('DELETE', '/v3/p1/snapshots/%s' % snapshot['id'], None),
    }[action]
    if action == 'delete volume':
        # A volume with a snapshot cannot be deleted: delete a fresh one.
        monkeypatch.undo()
        other = h.create_volume(cloud)
        before = state()
        fixtures.break_the_bus(cloud, monkeypatch)
        request = ('DELETE', '/v3/p1/volumes/%s' % other, None)
    resp = cloud.request(request[0], request[1], body=request[2])
    assert resp.status == 503, resp
    assert state() == before


def test_an_admin_cannot_create_a_volume_in_another_projects_group(cloud):
    h.create_type(cloud)
    group_id = h.create_group(cloud)
    resp = cloud.request('POST', '/v3/admin/volumes', token=h.ADMIN, body={'volume': {
        'size': 1, 'volume_type': 'fast', 'consistencygroup_id': group_id}})
    assert resp.status == 400
    assert 'belongs to another project' in resp.json['badRequest']['message']


def test_a_member_cannot_make_a_group_of_a_private_type(cloud):
    resp = cloud.request('POST', '/v3/admin/types', token=h.ADMIN, body={'volume_type': {
        'name': 'secret', 'os-volume-type-access:is_public': False}})
    assert resp.status == 200
    group = cloud.request('POST', '/v3/p1/consistencygroups',
                          body={'consistencygroup': {'volume_types': 'secret'}})
    missing = cloud.request('POST', '/v3/p1/consistencygroups',
                            body={'consistencygroup': {'volume_types': 'no-such-type'}})
    assert group.status == missing.status == 404
    assert group.json['itemNotFound']['message'] == (
        'Volume type with name secret could not be found.')


@pytest.mark.parametrize('method, path, body', [
    ('GET', '/v3/p1/volumes?offset=99999999999999999999', None),
    ('GET', '/v3/p1/volumes?limit=9223372036854775808', None),
    ('POST', '/v3/p1/volumes', {'volume': {'size': 2 ** 63}}),
    ('POST', '/v3/p1/volumes', {'volume': {'size': '9' * 30}}),
    ('PUT', '/v3/admin/os-quota-sets/p1', {'quota_set': {'volumes': '9' * 30}}),
    ('POST', '/v3/p1/volumes', {'volume': {'size': 1, 'name': 'a\x00b'}}),
    ('GET', '/v3/p1/volumes?name=a%00b', None),
    ('GET', '/v3/p1/volumes/a%00b', None),
])
@pytest.mark.parametrize('db_backend', ['sqlite', 'postgresql'])
def test_out_of_range_and_nul_inputs_are_400(make_cloud, db_backend, method, path, body):
    cloud = make_cloud(db_backend)
    token = h.ADMIN if '/admin/' in path else 'u1:p1'
    resp = cloud.request(method, path, token=token, body=body)
    assert resp.status == 400, resp
    assert resp.json['badRequest']['code'] == 400


def test_v3_without_a_slash_is_its_version_document(cloud):
    resp = cloud.request('GET', '/v3', token=None)
    assert resp.status == 200
    assert resp.json['versions'][0]['id'] == 'v3.0'
