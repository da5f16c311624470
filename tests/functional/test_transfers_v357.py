"""What volume transfers gain at 3.55 and 3.57, and the ``volume-transfers`` route.

Each test runs on a cloud of its own.
"""

from tests.functional.test_transfers import CREATE
from tests.functional.test_transfers import DETAIL
from tests.functional.test_transfers import SUMMARY
from tests.functional.test_transfers import call
from tests.functional.test_transfers import offer
from tests.functional.test_transfers import snapshot
from tests.functional.test_transfers import usage
from tests.functional.test_transfers import volume
from tests.functional.test_transfers import wait_volume

V355 = {'no_snapshots'}
V357 = V355 | {'source_project_id', 'destination_project_id', 'accepted'}


def test_3_55_and_3_57_add_fields_and_no_snapshots(make_cloud):
    """What lights up at 3.55 and 3.57."""
    cloud = make_cloud()
    vol = volume(cloud, 'p1')
    snap = snapshot(cloud, 'p1', vol['id'])
    old_route = offer(cloud, 'p1', vol['id'], version='3.55')
    assert set(old_route) == CREATE | V355 and old_route['no_snapshots'] is False
    assert call(cloud, 'DELETE', 'p1', '/volume-transfers/' + old_route['id'],
                version='3.55').status == 202
    wait_volume(cloud, 'p1', vol['id'], 'available')
    refused = call(cloud, 'POST', 'p1', '/os-volume-transfer', version='3.57', body={
        'transfer': {'volume_id': vol['id'], 'no_snapshots': True}})
    assert refused.status == 400
    transfer = offer(cloud, 'p1', vol['id'], path='/volume-transfers', version='3.57',
                     no_snapshots=True)
    assert set(transfer) == CREATE | V357
    assert (transfer['no_snapshots'], transfer['source_project_id'],
            transfer['destination_project_id'], transfer['accepted']) == (
        True, 'p1', None, False)
    for version, fields in (('3.0', DETAIL), ('3.55', DETAIL | V355),
                            ('3.57', DETAIL | V357)):
        for path in ('/volume-transfers', '/os-volume-transfer'):
            resp = call(cloud, 'GET', 'p1', '%s/%s' % (path, transfer['id']),
                        version=version)
            if path == '/volume-transfers' and version == '3.0':
                assert resp.status == 404
                continue
            assert set(resp.json['transfer']) == fields, (path, version)
            listed = call(cloud, 'GET', 'p1', path + '/detail', version=version)
            assert [set(t) for t in listed.json['transfers']] == [fields]
    resp = call(cloud, 'POST', 'p2', '/volume-transfers/%s/accept' % transfer['id'],
                version='3.57', body={'accept': {'auth_key': transfer['auth_key']}})
    assert (resp.status, set(resp.json['transfer'])) == (202, SUMMARY)
    wait_volume(cloud, 'p2', vol['id'], 'available')
    # no_snapshots: the snapshot (and its quota) stays with the giver.
    assert call(cloud, 'GET', 'p1', '/snapshots/' + snap['id']).status == 200
    assert usage(cloud, 'p1') == {'snapshots': 1, 'gigabytes': 1, 'snapshots___DEFAULT__': 1,
                                  'gigabytes___DEFAULT__': 1}
    assert usage(cloud, 'p2') == {'volumes': 1, 'gigabytes': 1, 'volumes___DEFAULT__': 1,
                                  'gigabytes___DEFAULT__': 1}
