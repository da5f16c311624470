"""Capacity on a real small filesystem: bursts of sparse volumes, and a backend that is full.

Each test mounts a tmpfs of a known size under its tmp dir (the tests run as
root) and gives it to the file driver as ``volumes_dir``, so the driver reports
a real ``statvfs`` and the scheduler decides on real reports.
"""

from concurrent import futures
import contextlib
import os
import subprocess
import time

import pytest

from cinderlite import context as cl_context
from cinderlite.db import services as db_services
from tests import fixtures
from tests.functional import groups_helpers

# Message lists read their filters from 3.5 (MESSAGES_PAGINATION).
MESSAGES_VERSION = {'OpenStack-API-Version': 'volume 3.5'}
GiB = 1024 ** 3


@pytest.fixture
def small_disk(tmp_path):
    """Factory: ``small_disk('5g')`` mounts a tmpfs of that size; unmounted at the end.

    Requested before ``make_cloud``, it is unmounted after the cloud stops.
    """
    with contextlib.ExitStack() as stack:
        def mount(size):
            path = tmp_path / ('disk-%s' % size)
            path.mkdir()
            subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=%s,mode=0700' % size,
                            'tmpfs', str(path)], check=True)
            stack.callback(subprocess.run, ['umount', str(path)], check=True)
            return path
        yield mount


def free_gib(path):
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize / GiB


def post_volume(cloud, size=1, name=None):
    resp = cloud.request('POST', '/v3/p1/volumes',
                         body={'volume': {'size': size, 'name': name}})
    assert resp.status == 202, resp
    return resp.json['volume']['id']


def statuses(cloud):
    """``{volume id: status}`` of every volume of p1."""
    resp = cloud.request('GET', '/v3/p1/volumes/detail?limit=1000')
    assert resp.status == 200, resp
    return {v['id']: v['status'] for v in resp.json['volumes']}


def wait_all(cloud, volume_ids, status, timeout=120):
    def done():
        now = statuses(cloud)
        return all(now.get(v) == status for v in volume_ids)
    fixtures.wait_for(done, timeout=timeout, interval=0.5,
                      what='%d volumes to be %s' % (len(volume_ids), status))


def reported(cloud):
    """The capacity the file backend last reported (what the scheduler decides on)."""
    service, = db_services.list_services(cl_context.get_admin_context(),
                                         db_services.VOLUME_BINARY)
    return db_services.capabilities_of(service)


def why_refused(cloud, volume_id):
    resp = cloud.request('GET', '/v3/p1/messages?resource_uuid=' + volume_id,
                         headers=MESSAGES_VERSION)
    assert resp.status == 200, resp
    message, = resp.json['messages']
    assert message['event_id'] == 'VOLUME_000001'
    return message['user_message']


FULL = ('schedule allocate volume: no backend can hold this volume: every backend that '
        'volume type __DEFAULT__ may use is full: the volumes and snapshots already on '
        'it take all the capacity it may promise, and %d GB more was asked for. Delete '
        'volumes or snapshots you no longer need, ask for a smaller size, or ask your '
        'cloud administrator for capacity.')


def test_a_burst_of_100_sparse_volumes_fits_a_5_gib_disk(small_disk, make_cloud, caplog):
    """Bug (issue 12): the 26th 1 GiB volume of a burst on 25 GiB got "No valid host".

    With Cinder's default max_over_subscription_ratio of 20, a 5 GiB disk may
    promise 100 GiB: exactly 100 volumes of 1 GiB, the 101st is refused, and
    a deletion makes room again without a restart. (The bug refused the
    burst once it outgrew the disk itself: here from the 6th volume.)
    """
    disk = small_disk('5g')
    cloud = make_cloud(backends={'file': {'volumes_dir': str(disk)}})
    groups_helpers.set_quota(cloud, 'p1', volumes=-1, gigabytes=-1)
    assert reported(cloud)['total_capacity_gb'] == 5.0

    started = time.monotonic()
    with futures.ThreadPoolExecutor(8) as pool:
        burst = list(pool.map(lambda i: post_volume(cloud, name='b%d' % i), range(100)))
    posted = time.monotonic() - started
    wait_all(cloud, burst, 'available')
    available = time.monotonic() - started
    print('100 volumes: POSTs done in %.1fs, all available after %.1fs'
          % (posted, available))
    assert len(os.listdir(disk)) == 100
    assert free_gib(disk) > 4.9      # sparse: nothing written

    lost = post_volume(cloud, name='one-too-many')
    fixtures.wait_status(cloud, 'volumes', lost, 'error')
    assert why_refused(cloud, lost) == FULL % 1
    # The operator's log gives the backend's figures.
    assert ('Backend testhost@file#file cannot hold volume %s: 1 GB does not fit: '
            '100.00 GB is provisioned of the 100.00 GB it may provision '
            '(max_over_subscription_ratio 20 x 5.00 GB: 5.00 GB total less 0%% '
            'reserved)' % lost) in caplog.text

    # A deletion makes room once the backend has reported it.
    assert cloud.request('DELETE', '/v3/p1/volumes/' + burst[0]).status == 202
    fixtures.wait_status(cloud, 'volumes', burst[0], 'deleted')
    fixtures.wait_for(lambda: reported(cloud)['provisioned_capacity_gb'] == 99.0,
                      what='a report without the deleted volume')
    fixtures.wait_status(cloud, 'volumes', post_volume(cloud), 'available')


@pytest.mark.parametrize('db_backend', fixtures.BACKENDS)
def test_a_full_backend_refuses_with_a_reason(small_disk, make_cloud, db_backend):
    """reserved_percentage and max_over_subscription_ratio set the limit, on every DB.

    4 GiB less 25% reserved is 3 GiB usable, times 2.0: 6 GiB may be promised.
    """
    disk = small_disk('4g')
    cloud = make_cloud(db_backend, backends={'file': {
        'volumes_dir': str(disk), 'max_over_subscription_ratio': 2.0,
        'reserved_percentage': 25}})
    groups_helpers.set_quota(cloud, 'p1', volumes=-1, gigabytes=-1)
    # Placed together, before any report counts them: each sees the other's charge.
    with futures.ThreadPoolExecutor(3) as pool:
        posted = list(pool.map(lambda size: post_volume(cloud, size), (4, 2, 1)))
    fixtures.wait_for(lambda: sorted(statuses(cloud).values())
                      == ['available', 'available', 'error'],
                      what='two volumes available and one refused')
    refused, = [v for v, status in statuses(cloud).items() if status == 'error']
    sizes = dict(zip(posted, (4, 2, 1)))
    assert why_refused(cloud, refused) == FULL % sizes[refused]
    fixtures.wait_for(lambda: reported(cloud)['provisioned_capacity_gb'] == 7 - sizes[refused],
                      what='a report of the volumes')
    capacity = reported(cloud)
    assert {k: capacity[k] for k in ('total_capacity_gb', 'thin_provisioning_support',
                                     'thick_provisioning_support', 'reserved_percentage',
                                     'max_over_subscription_ratio')} == {
        'total_capacity_gb': 4.0, 'thin_provisioning_support': True,
        'thick_provisioning_support': False, 'reserved_percentage': 25,
        'max_over_subscription_ratio': 2.0}
    assert capacity['allocated_capacity_gb'] == 7 - sizes[refused]
    assert free_gib(disk) > 3.9
