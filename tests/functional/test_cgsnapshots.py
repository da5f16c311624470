"""Cgsnapshots on a live cinderlite: client flows, guards, isolation, quota and the data.

The data test writes a distinct pattern into each member's volume file
through the driver's fenced data path, takes a cgsnapshot through the API
and compares every member snapshot's file with its volume, byte for byte.
"""

import os
import threading
import uuid

from cinderclient import exceptions as cinder_exc
import oslo_messaging as messaging
import pytest

from cinderlite.volume.drivers import file as file_driver
from tests import fixtures

ADMIN = 'admin:admin'
BLOCK = 4096
GiB = 1024 ** 3


class GatedFileDriver(file_driver.FileDriver):
    """A file driver whose cgsnapshot copies wait until the test opens ``gate``."""

    gate = threading.Event()

    def create_cgsnapshot(self, context, cgsnapshot, snapshots):
        type(self).gate.wait(30)
        return super().create_cgsnapshot(context, cgsnapshot, snapshots)


class ReportsFailureDriver(file_driver.FileDriver):
    """Reports failure in its model updates, without raising, once per method in ``refuse``."""

    refuse = set()

    def _refuses(self, method):
        refused = method in type(self).refuse
        type(self).refuse.discard(method)
        return refused

    def create_cgsnapshot(self, context, cgsnapshot, snapshots):
        if self._refuses('create_cgsnapshot'):
            return {'status': 'error'}, None
        return super().create_cgsnapshot(context, cgsnapshot, snapshots)

    def delete_cgsnapshot(self, context, cgsnapshot, snapshots):
        if self._refuses('delete_cgsnapshot'):
            return None, [{'id': s.id, 'status': 'error_deleting'} for s in snapshots]
        return super().delete_cgsnapshot(context, cgsnapshot, snapshots)


@pytest.fixture
def reporting_cloud(make_cloud):
    ReportsFailureDriver.refuse.clear()
    return make_cloud(backends={'file': {
        'volume_driver': '%s.%s' % (__name__, ReportsFailureDriver.__name__)}})


@pytest.fixture
def gated_cloud(make_cloud):
    GatedFileDriver.gate.clear()
    yield make_cloud(backends={'file': {
        'volume_driver': '%s.%s' % (__name__, GatedFileDriver.__name__)}})
    GatedFileDriver.gate.set()


# -- helpers ------------------------------------------------------------------

def create_type(cloud, name='fast'):
    resp = cloud.request('POST', '/v3/admin/types', token=ADMIN,
                         body={'volume_type': {'name': name}})
    assert resp.status == 200, resp


def wait(cs, manager, resource_id, status):
    def check():
        try:
            resource = getattr(cs, manager).get(resource_id)
        except cinder_exc.NotFound:
            return status == 'deleted' and 'deleted'
        return resource.status == status and resource
    return fixtures.wait_for(check, what='%s %s to be %s' % (manager, resource_id, status))


def group_with_volumes(cloud, cs, sizes):
    create_type(cloud)
    group = cs.consistencygroups.create('fast', name='cg')
    wait(cs, 'consistencygroups', group.id, 'available')
    volumes = [cs.volumes.create(size, volume_type='fast', consistencygroup_id=group.id)
               for size in sizes]
    for volume in volumes:
        wait(cs, 'volumes', volume.id, 'available')
    return group.id, [v.id for v in volumes]


def create_cgsnapshot(cs, group_id, name='snap'):
    cgsnapshot = cs.cgsnapshots.create(group_id, name=name)
    return cgsnapshot.id, wait(cs, 'cgsnapshots', cgsnapshot.id, 'available')


def member_snapshots(cs):
    """``{volume_id: snapshot}`` of the project's snapshots."""
    return {s.volume_id: s for s in cs.volume_snapshots.list()}


def in_use(cloud, project='p1'):
    resp = cloud.request('GET', '/v3/%s/os-quota-sets/%s?usage=True' % (project, project),
                         token='u1:%s' % project)
    return {k: v['in_use'] for k, v in resp.json['quota_set'].items() if k != 'id'}


def error_of(resp, name='badRequest'):
    assert resp.json and name in resp.json, resp
    return resp.json[name]['message']


# -- python-cinderclient ------------------------------------------------------------

def test_cinderclient_cgsnapshot_lifecycle(cloud):
    cs = cloud.cinder()
    group_id, volumes = group_with_volumes(cloud, cs, [1, 2])
    cgsnapshot_id, cgsnapshot = create_cgsnapshot(cs, group_id, name='nightly')
    assert (cgsnapshot.name, cgsnapshot.consistencygroup_id) == ('nightly', group_id)
    assert [c.id for c in cs.cgsnapshots.list()] == [cgsnapshot_id]
    assert [c.id for c in cs.cgsnapshots.list(detailed=False)] == [cgsnapshot_id]

    snapshots = member_snapshots(cs)
    assert sorted(snapshots) == sorted(volumes)
    assert [(snapshots[v].status, snapshots[v].size) for v in volumes] == [
        ('available', 1), ('available', 2)]
    # One snapshot charged per member, and its size in gigabytes.
    usage = in_use(cloud)
    assert (usage['snapshots'], usage['snapshots_fast'], usage['gigabytes']) == (2, 2, 6)
    fixtures.assert_usage_matches_rows(cloud, 'p1')

    cs.cgsnapshots.delete(cgsnapshot_id)
    wait(cs, 'cgsnapshots', cgsnapshot_id, 'deleted')
    assert cs.volume_snapshots.list() == []
    usage = in_use(cloud)
    assert (usage['snapshots'], usage['snapshots_fast'], usage['gigabytes']) == (0, 0, 3)
    fixtures.assert_usage_matches_rows(cloud, 'p1')

    cs.consistencygroups.delete(group_id, force=True)
    wait(cs, 'consistencygroups', group_id, 'deleted')
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_cgsnapshot_holds_each_members_bytes(cloud):
    cs = cloud.cinder()
    group_id, volumes = group_with_volumes(cloud, cs, [1, 1, 2])
    volumes_dir = os.path.join(cloud.conf.state_path, 'volumes', 'file')

    def path(kind, resource_id):
        return os.path.join(volumes_dir, '%s-%s' % (kind, resource_id))

    def block(tag):
        unit = ('%s|' % tag).encode()
        return (unit * (BLOCK // len(unit) + 1))[:BLOCK]

    def offsets(volume_id):
        size = cs.volumes.get(volume_id).size * GiB
        return (0, size // 2, size - BLOCK)

    for volume_id in volumes:
        with file_driver.volume_io(path('volume', volume_id)) as f:
            for offset in offsets(volume_id):
                f.seek(offset)
                f.write(block('%s@%d' % (volume_id, offset)))
    cgsnapshot_id, _ = create_cgsnapshot(cs, group_id)
    # Written after the snapshot: the snapshot must not follow its volume.
    for volume_id in volumes:
        with file_driver.volume_io(path('volume', volume_id)) as f:
            f.write(block('later'))

    snapshots = member_snapshots(cs)
    for volume_id in volumes:
        snap_path = path('snapshot', snapshots[volume_id].id)
        assert os.path.getsize(snap_path) == os.path.getsize(path('volume', volume_id))
        with open(snap_path, 'rb') as f:
            for offset in offsets(volume_id):
                f.seek(offset)
                assert f.read(BLOCK) == block('%s@%d' % (volume_id, offset)), (
                    volume_id, offset)

    cs.cgsnapshots.delete(cgsnapshot_id)
    wait(cs, 'cgsnapshots', cgsnapshot_id, 'deleted')
    assert not any(name.startswith('snapshot-') for name in os.listdir(volumes_dir))


# -- guards -----------------------------------------------------------------------

def test_cgsnapshot_of_an_empty_group_is_400(cloud):
    cs = cloud.cinder()
    group_id, _ = group_with_volumes(cloud, cs, [])
    with pytest.raises(cinder_exc.BadRequest) as e:
        cs.cgsnapshots.create(group_id)
    assert e.value.message == ('Invalid ConsistencyGroup: Consistency group is empty. '
                               'No cgsnapshot will be created.')
    assert cs.cgsnapshots.list() == []
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_cgsnapshot_of_an_unknown_group_is_404(cloud):
    missing = str(uuid.uuid4())
    with pytest.raises(cinder_exc.NotFound) as e:
        cloud.cinder().cgsnapshots.create(missing)
    assert e.value.message == 'ConsistencyGroup %s could not be found.' % missing
    resp = cloud.request('POST', '/v3/p1/cgsnapshots', body={'cgsnapshot': {'name': 'x'}})
    assert resp.status == 400
    assert error_of(resp).startswith('Invalid input for field/attribute')
    assert 'consistencygroup_id' in error_of(resp)


def test_a_member_snapshot_cannot_be_deleted_alone(cloud):
    cs = cloud.cinder()
    group_id, volumes = group_with_volumes(cloud, cs, [1])
    create_cgsnapshot(cs, group_id)
    member = member_snapshots(cs)[volumes[0]]
    with pytest.raises(cinder_exc.BadRequest) as e:
        cs.volume_snapshots.delete(member)
    assert e.value.message.endswith('because it is part of a consistency group.')
    assert cs.volume_snapshots.get(member.id).status == 'available'


def test_cgsnapshot_delete_in_the_wrong_status_is_400(gated_cloud):
    cloud = gated_cloud
    cs = cloud.cinder()
    group_id, volumes = group_with_volumes(cloud, cs, [1])
    cgsnapshot = cs.cgsnapshots.create(group_id)
    assert cs.cgsnapshots.get(cgsnapshot.id).status == 'creating'
    with pytest.raises(cinder_exc.BadRequest) as e:
        cs.cgsnapshots.delete(cgsnapshot.id)
    assert e.value.message == ('Invalid CgSnapshot: Cgsnapshot status must be available '
                               'or error')
    # Nor may the group change under a cgsnapshot in progress.
    resp = cloud.request('POST', '/v3/p1/consistencygroups/%s/delete' % group_id,
                         body={'consistencygroup': {'force': True}})
    assert resp.status == 400
    GatedFileDriver.gate.set()
    wait(cs, 'cgsnapshots', cgsnapshot.id, 'available')
    cs.cgsnapshots.delete(cgsnapshot.id)
    wait(cs, 'cgsnapshots', cgsnapshot.id, 'deleted')
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_a_failure_the_driver_reports_is_a_failure(reporting_cloud):
    """Statuses of error in the driver's answer fail the cgsnapshot, and keep the rows."""
    cloud = reporting_cloud
    cs = cloud.cinder()
    group_id, volumes = group_with_volumes(cloud, cs, [1, 1])
    ReportsFailureDriver.refuse.add('create_cgsnapshot')
    failed = cs.cgsnapshots.create(group_id)
    wait(cs, 'cgsnapshots', failed.id, 'error')
    assert {s.status for s in cs.volume_snapshots.list()} == {'error'}
    cs.cgsnapshots.delete(failed.id)
    wait(cs, 'cgsnapshots', failed.id, 'deleted')

    cgsnapshot_id, _ = create_cgsnapshot(cs, group_id)
    ReportsFailureDriver.refuse.add('delete_cgsnapshot')
    cs.cgsnapshots.delete(cgsnapshot_id)
    wait(cs, 'cgsnapshots', cgsnapshot_id, 'error_deleting')
    # Its snapshots are still on the backend: their rows and their quota stay.
    snapshots = member_snapshots(cs)
    assert sorted(snapshots) == sorted(volumes)
    volumes_dir = os.path.join(cloud.conf.state_path, 'volumes', 'file')
    for snapshot in snapshots.values():
        assert snapshot.status == 'error_deleting'
        assert os.path.exists(os.path.join(volumes_dir, 'snapshot-%s' % snapshot.id))
    fixtures.assert_usage_matches_rows(cloud, 'p1')

    def messages():
        # The status changes first and the message follows: wait for both.
        resp = cloud.request('GET', '/v3/p1/messages',
                             headers={'OpenStack-API-Version': 'volume 3.3'})
        found = {(m['resource_uuid'], m['event_id']) for m in resp.json['messages']}
        return len(found) == 2 and found
    assert fixtures.wait_for(messages, what='two user messages') == {
        (failed.id, 'CGSNAPSHOT_000001'), (cgsnapshot_id, 'CGSNAPSHOT_000002')}

    # A failed delete may be retried.
    cs.cgsnapshots.delete(cgsnapshot_id)
    wait(cs, 'cgsnapshots', cgsnapshot_id, 'deleted')
    assert cs.volume_snapshots.list() == []
    assert not any(n.startswith('snapshot-') for n in os.listdir(volumes_dir))
    fixtures.assert_usage_matches_rows(cloud, 'p1')


@pytest.mark.parametrize('operation', ['create', 'delete'])
def test_a_cast_the_bus_refuses_changes_nothing(cloud, monkeypatch, operation):
    """503, and the request leaves no row, no quota and no status behind."""
    cs = cloud.cinder()
    group_id, _ = group_with_volumes(cloud, cs, [1, 1])
    cgsnapshot_id, _ = create_cgsnapshot(cs, group_id)

    def state():
        return (sorted((c.id, c.status) for c in cs.cgsnapshots.list()),
                sorted((s.id, s.status) for s in cs.volume_snapshots.list()))
    before = state()

    class DownBroker:
        def cast(self, *args, **kwargs):
            raise messaging.MessageDeliveryFailure('the broker is down')
    monkeypatch.setattr(cloud.api_services().cgsnapshots.volume_rpcapi.client, 'prepare',
                        lambda *a, **kw: DownBroker())
    if operation == 'create':
        resp = cloud.request('POST', '/v3/p1/cgsnapshots',
                             body={'cgsnapshot': {'consistencygroup_id': group_id}})
    else:
        resp = cloud.request('DELETE', '/v3/p1/cgsnapshots/%s' % cgsnapshot_id)
    assert resp.status == 503, resp
    assert state() == before
    fixtures.assert_usage_matches_rows(cloud, 'p1')
    monkeypatch.undo()
    cs.cgsnapshots.delete(cgsnapshot_id)
    wait(cs, 'cgsnapshots', cgsnapshot_id, 'deleted')


# -- tenant isolation ---------------------------------------------------------------

def test_another_projects_cgsnapshot_is_404_like_a_missing_one(cloud):
    cs = cloud.cinder()
    group_id, _ = group_with_volumes(cloud, cs, [1])
    cgsnapshot_id, _ = create_cgsnapshot(cs, group_id)
    missing = str(uuid.uuid4())
    for method in ('GET', 'DELETE'):
        theirs = cloud.request(method, '/v3/p2/cgsnapshots/%s' % cgsnapshot_id,
                               token='u2:p2')
        absent = cloud.request(method, '/v3/p2/cgsnapshots/%s' % missing, token='u2:p2')
        assert theirs.status == absent.status == 404
        assert (error_of(theirs, 'itemNotFound').replace(cgsnapshot_id, 'X')
                == error_of(absent, 'itemNotFound').replace(missing, 'X'))
    assert cloud.cinder('u2', 'p2').cgsnapshots.list() == []
    listed = cloud.request('GET', '/v3/p2/cgsnapshots/detail?all_tenants=1', token='u2:p2')
    assert listed.json == {'cgsnapshots': []}
    assert cs.cgsnapshots.get(cgsnapshot_id).status == 'available'


# -- quota ----------------------------------------------------------------------------

def test_cgsnapshot_over_the_snapshot_quota_is_413_and_writes_nothing(cloud):
    cs = cloud.cinder()
    group_id, _ = group_with_volumes(cloud, cs, [1, 1])
    resp = cloud.request('PUT', '/v3/admin/os-quota-sets/p1', token=ADMIN,
                         body={'quota_set': {'snapshots': 1}})
    assert resp.status == 200, resp
    resp = cloud.request('POST', '/v3/p1/cgsnapshots', body={
        'cgsnapshot': {'consistencygroup_id': group_id, 'name': 'too-many'}})
    assert resp.status == 413
    assert error_of(resp, 'overLimit') == (
        "SnapshotLimitExceeded: Maximum number of snapshots allowed (1) exceeded for "
        "quota 'snapshots'.")
    assert cs.cgsnapshots.list() == [] and cs.volume_snapshots.list() == []
    fixtures.assert_usage_matches_rows(cloud, 'p1')
