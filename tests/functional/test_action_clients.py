"""The real cinder and openstack commands, unchanged, as subprocesses, on the
volume actions a user runs: extend, reset-state, retype in place and on demand,
revert to snapshot.

Microversions above what main serves yet (3.40, 3.42) are raised in-process;
each client reads them from the versions document as a user's would.
"""

import hashlib
import os

import pytest

from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional.server_process import console_script
from tests.functional.test_clone_clients import _run
from tests.functional.test_volumes import write_pattern

BACKENDS = {'a': {'volume_backend_name': 'a'}, 'b': {'volume_backend_name': 'b'}}


def cinder(cloud, *args, user='u1', project='p1'):
    env = {'OS_AUTH_TYPE': 'noauth', 'OS_USER_ID': user, 'OS_PROJECT_ID': project,
           'CINDER_ENDPOINT': cloud.url + '/v3'}
    return _run([console_script('cinder')] + list(args), env)


def openstack(cloud, *args):
    return _run([console_script('openstack'), '--os-auth-type', 'admin_token',
                 '--os-token', 'u1:p1', '--os-endpoint', cloud.url + '/v3/p1']
                + list(args), {})


def shown(cloud, volume_id):
    return cloud.request('GET', '/v3/admin/volumes/%s' % volume_id,
                         token='admin:admin').json['volume']


def settled(cloud, volume_id, **wanted):
    def check():
        volume = shown(cloud, volume_id)
        return volume if all(volume[k] == v for k, v in wanted.items()) else None
    return fixtures.wait_for(check, what='volume %s with %s' % (volume_id, wanted))


def digest(cloud, backend, volume_id):
    path = os.path.join(cloud.conf.state_path, 'volumes', backend, 'volume-%s' % volume_id)
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


@pytest.fixture
def cloud(make_cloud):
    cloud = make_cloud(backends=BACKENDS)
    for name, backend in (('on-a', 'a'), ('also-a', 'a'), ('on-b', 'b')):
        h.create_type(cloud, name, backend_name=backend)
    return cloud


def test_cinder_extend_reset_state_retype_and_revert(cloud):
    vid = h.create_volume(cloud, vtype='on-a')
    cinder(cloud, 'extend', vid, '2')
    settled(cloud, vid, size=2, status='available')
    cinder(cloud, 'reset-state', '--state', 'error', vid, user='admin', project='admin')
    settled(cloud, vid, status='error')
    cinder(cloud, 'reset-state', '--state', 'available', vid, user='admin', project='admin')
    cinder(cloud, 'retype', vid, 'also-a')
    settled(cloud, vid, volume_type='also-a', status='available')
    cinder(cloud, 'retype', '--migration-policy', 'on-demand', vid, 'on-b')
    moved = settled(cloud, vid, volume_type='on-b', status='available')
    assert moved['os-vol-host-attr:host'].endswith('@b#b')
    path = os.path.join(cloud.conf.state_path, 'volumes', 'b', 'volume-%s' % vid)
    write_pattern(path, b'snapped')
    at_snapshot = digest(cloud, 'b', vid)
    resp = cloud.request('POST', '/v3/p1/snapshots', body={'snapshot': {'volume_id': vid}})
    snap_id = resp.json['snapshot']['id']
    fixtures.wait_status(cloud, 'snapshots', snap_id, 'available')
    write_pattern(path, b'later')
    cinder(cloud, '--os-volume-api-version', '3.40', 'revert-to-snapshot', snap_id)
    settled(cloud, vid, status='available')
    assert digest(cloud, 'b', vid) == at_snapshot
    h.assert_usage_is_row_count(cloud)


def test_openstack_volume_set_type_on_demand_and_volume_revert(cloud):
    vid = h.create_volume(cloud, vtype='on-a')
    write_pattern(os.path.join(cloud.conf.state_path, 'volumes', 'a', 'volume-%s' % vid),
                  b'carried')
    data = digest(cloud, 'a', vid)
    openstack(cloud, 'volume', 'set', '--type', 'on-b', '--retype-policy', 'on-demand', vid)
    moved = settled(cloud, vid, volume_type='on-b', status='available')
    assert moved['os-vol-mig-status-attr:migstat'] == 'success'
    assert digest(cloud, 'b', vid) == data
    resp = cloud.request('POST', '/v3/p1/snapshots', body={'snapshot': {'volume_id': vid}})
    snap_id = resp.json['snapshot']['id']
    fixtures.wait_status(cloud, 'snapshots', snap_id, 'available')
    write_pattern(os.path.join(cloud.conf.state_path, 'volumes', 'b', 'volume-%s' % vid),
                  b'overwritten')
    openstack(cloud, '--os-volume-api-version', '3.40', 'volume', 'revert', snap_id)
    settled(cloud, vid, status='available')
    assert digest(cloud, 'b', vid) == data
