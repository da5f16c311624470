"""The headline in today's API: the real cinder and openstack clients clone a group.

No microversion is pinned: each client negotiates it from the versions
document, as a new user's client does (3.14 is the least either needs).
"""

import pytest

from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional.server_process import console_script
from tests.functional.test_clone_clients import _run


def cinder(cloud, *args):
    env = {'OS_AUTH_TYPE': 'noauth', 'OS_USER_ID': 'u1', 'OS_PROJECT_ID': 'p1',
           'CINDER_ENDPOINT': cloud.url + '/v3'}
    return _run([console_script('cinder')] + list(args), env)


def openstack(cloud, *args):
    return _run([console_script('openstack'), '--os-auth-type', 'admin_token',
                 '--os-token', 'u1:p1', '--os-endpoint', cloud.url + '/v3/p1']
                + list(args), {})


def _id_from_table(output):
    """The id in a client's show table (cinder says ``id``, openstack ``ID``)."""
    for line in output.splitlines():
        cells = [c.strip() for c in line.split('|')]
        if len(cells) > 2 and cells[1].lower() == 'id':
            return cells[2]
    raise AssertionError('no id in:\n' + output)


@pytest.fixture
def source(cloud):
    """A group of three volumes with distinct data, and a group snapshot taken of it."""
    h.create_type(cloud)
    h.create_group_type(cloud, specs={'consistent_group_snapshot_enabled': '<is> False'})
    group_id = h.create_generic_group(cloud, name='g1')['id']
    volumes = [h.create_member(cloud, group_id, 'm%d' % i) for i in range(3)]
    for index, volume_id in enumerate(volumes):
        h.write_pattern(h.volume_path(cloud, volume_id), b'snap-%d' % index * 700,
                        offset=512 * index)
    snapped = {v: h.checksum(h.volume_path(cloud, v)) for v in volumes}
    group_snapshot_id = h.create_group_snapshot(cloud, group_id)
    for index, volume_id in enumerate(volumes):
        h.write_pattern(h.volume_path(cloud, volume_id), b'live-%d' % index * 900)
    live = {v: h.checksum(h.volume_path(cloud, v)) for v in volumes}
    return cloud, group_id, group_snapshot_id, snapped, live


def _assert_clone(cloud, new_id, expected):
    """Every clone of group ``new_id`` has the bytes its origin had (``expected``)."""
    group = fixtures.wait_status(cloud, 'groups', new_id, 'available')
    clones = h.call(cloud, 'GET', '/volumes/detail?group_id=%s' % new_id).json['volumes']
    origins = []
    for clone in clones:
        assert clone['status'] == 'available'
        origin = clone['source_volid']
        if clone['snapshot_id']:
            origin = h.call(cloud, 'GET', '/snapshots/%s' % clone['snapshot_id']).json[
                'snapshot']['volume_id']
        origins.append(origin)
        assert h.checksum(h.volume_path(cloud, clone['id'])) == expected[origin]
    assert sorted(origins) == sorted(expected)
    return group


def test_cinder_group_create_from_src(source):
    cloud, group_id, group_snapshot_id, snapped, live = source
    out = cinder(cloud, 'group-create-from-src', '--source-group', group_id,
                 '--name', 'from-group')
    group = _assert_clone(cloud, _id_from_table(out), live)
    assert group['source_group_id'] == group_id
    out = cinder(cloud, 'group-create-from-src', '--group-snapshot', group_snapshot_id,
                 '--name', 'from-snapshot')
    group = _assert_clone(cloud, _id_from_table(out), snapped)
    assert group['group_snapshot_id'] == group_snapshot_id
    listing = cinder(cloud, 'group-list')
    assert 'from-group' in listing and 'from-snapshot' in listing
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_openstack_volume_group_create_from_source(source):
    cloud, group_id, group_snapshot_id, snapped, live = source
    out = openstack(cloud, 'volume', 'group', 'create', '--source-group', group_id,
                    '--name', 'osc-from-group')
    _assert_clone(cloud, _id_from_table(out), live)
    out = openstack(cloud, 'volume', 'group', 'create', '--group-snapshot',
                    group_snapshot_id, '--name', 'osc-from-snapshot')
    _assert_clone(cloud, _id_from_table(out), snapped)
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_clients_negotiate_the_top_version_without_a_notice(cloud):
    """Both clients know 3.71, as the service announces: neither downgrades nor warns."""
    import os
    import subprocess

    def run(args, env):
        result = subprocess.run(args, env=dict(os.environ, **env), capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result.stderr
    env = {'OS_AUTH_TYPE': 'noauth', 'OS_USER_ID': 'u1', 'OS_PROJECT_ID': 'p1',
           'CINDER_ENDPOINT': cloud.url + '/v3'}
    env.pop('OS_VOLUME_API_VERSION', None)
    stderr = run([console_script('cinder'), 'group-list'], env)
    assert 'downgrading' not in stderr and 'not supported' not in stderr, stderr
    stderr = run([console_script('cinder'), 'api-version'], env)
    assert 'downgrading' not in stderr, stderr
    stderr = run([console_script('openstack'), '--os-auth-type', 'admin_token', '--os-token',
                  'u1:p1', '--os-endpoint', cloud.url + '/v3/p1', 'volume', 'group', 'list'],
                 {})
    assert 'maximum' not in stderr and 'downgrad' not in stderr, stderr
