"""The real clients, unchanged, as subprocesses: cinder and openstack clone a group."""

import os
import subprocess

import pytest

from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional.server_process import console_script


def _run(args, env):
    result = subprocess.run(args, env=dict(os.environ, **env), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


def cinder(cloud, *args):
    env = {'OS_AUTH_TYPE': 'noauth', 'OS_USER_ID': 'u1', 'OS_PROJECT_ID': 'p1',
           'CINDER_ENDPOINT': cloud.url + '/v3'}
    return _run([console_script('cinder')] + list(args), env)


def openstack(cloud, *args):
    # keystoneauth's admin_token plugin sends our noauth token as it is.
    return _run([console_script('openstack'), '--os-auth-type', 'admin_token',
                 '--os-token', 'u1:p1', '--os-endpoint', cloud.url + '/v3/p1',
                 '--os-volume-api-version', '3'] + list(args), {})


def _id_from_table(output):
    for line in output.splitlines():
        cells = [c.strip() for c in line.split('|')]
        if len(cells) > 2 and cells[1] == 'id':
            return cells[2]
    raise AssertionError('no id in:\n' + output)


@pytest.fixture
def source(cloud):
    h.create_type(cloud)
    group_id, volumes = h.group_with_volumes(cloud, 3)
    cgsnapshot_id = h.create_cgsnapshot(cloud, group_id)
    return cloud, group_id, volumes, cgsnapshot_id


def _assert_mapped(cloud, new_id, key, sources):
    fixtures.wait_status(cloud, 'consistencygroups', new_id, 'available')
    clones = [v for v in h.list_volumes(cloud) if v['consistencygroup_id'] == new_id]
    assert sorted(c[key] for c in clones) == sorted(sources)


def test_cinder_clones_from_group_and_cgsnapshot(source):
    cloud, group_id, volumes, cgsnapshot_id = source
    out = cinder(cloud, 'consisgroup-create-from-src', '--source-cg', 'cg',
                 '--name', 'from-group')
    _assert_mapped(cloud, _id_from_table(out), 'source_volid', volumes)
    out = cinder(cloud, 'consisgroup-create-from-src', '--cgsnapshot', cgsnapshot_id,
                 '--name', 'from-snapshot')
    members = [s['id'] for s in cloud.request('GET', '/v3/p1/snapshots').json['snapshots']]
    _assert_mapped(cloud, _id_from_table(out), 'snapshot_id', members)
    listing = cinder(cloud, 'consisgroup-list')
    assert 'from-group' in listing and 'from-snapshot' in listing


def test_openstack_clones_from_group_and_cgsnapshot(source):
    cloud, group_id, volumes, cgsnapshot_id = source
    out = openstack(cloud, 'consistency', 'group', 'create', '--source', group_id,
                    'osc-from-group')
    _assert_mapped(cloud, _id_from_table(out), 'source_volid', volumes)
    out = openstack(cloud, 'consistency', 'group', 'create', '--snapshot', cgsnapshot_id,
                    'osc-from-snapshot')
    members = [s['id'] for s in cloud.request('GET', '/v3/p1/snapshots').json['snapshots']]
    _assert_mapped(cloud, _id_from_table(out), 'snapshot_id', members)


def test_cinder_reports_a_clear_error(source):
    cloud, _, _, _ = source
    env = {'OS_AUTH_TYPE': 'noauth', 'OS_USER_ID': 'u2', 'OS_PROJECT_ID': 'p2',
           'CINDER_ENDPOINT': cloud.url + '/v3'}
    group_id = h.list_groups(cloud)[0]['id']
    result = subprocess.run([console_script('cinder'), 'consisgroup-create-from-src',
                             '--source-cg', group_id], env=dict(os.environ, **env),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert 'No consistencygroup with a name or ID of' in result.stderr + result.stdout
