"""Volumes on clouds built for one test: the cinder CLI, several backends, a failing
driver, racing requests on every database.
"""

import os
import re
import shutil
import subprocess
import sys
import threading

import pytest

from cinderlite import context as cl_context
from cinderlite import exception
from cinderlite.db import types as db_types
from cinderlite.volume.drivers import file as file_driver
from tests import fixtures

# Message lists read their filters from 3.5 (MESSAGES_PAGINATION).
MESSAGES_VERSION = {'OpenStack-API-Version': 'volume 3.5'}
GATED_DRIVER = 'tests.functional.test_volume_backends.GatedDriver'


def open_gate():
    gate = threading.Event()
    gate.set()
    return gate


class GatedDriver(file_driver.FileDriver):
    """A file driver whose volume deletes and copies wait while a test closes a gate.

    Tests reach the class through the loaded driver (``type(cloud.manager.driver)``)
    so that they hold the very Events the driver waits on, and open them again.
    """

    deletes = open_gate()
    copies = open_gate()

    def delete_volume(self, volume):
        type(self).deletes.wait(30)
        super().delete_volume(volume)

    def create_cloned_volume(self, volume, src_vref):
        type(self).copies.wait(30)
        return super().create_cloned_volume(volume, src_vref)

    def create_volume_from_snapshot(self, volume, snapshot):
        type(self).copies.wait(30)
        return super().create_volume_from_snapshot(volume, snapshot)


def call(cloud, method, path, token='u1:p1', **kwargs):
    return cloud.request(method, '/v3/p1' + path, token=token, **kwargs)


def create_volume(cloud, wait='available', token='u1:p1', **values):
    values.setdefault('size', 1)
    resp = call(cloud, 'POST', '/volumes', token=token, body={'volume': values})
    assert resp.status == 202, resp
    if wait is None:
        return resp.json['volume']
    return fixtures.wait_status(cloud, 'volumes', resp.json['volume']['id'], wait,
                                token=token)


def create_type(cloud, name, extra_specs=None):
    resp = call(cloud, 'POST', '/types', token='admin:p1',
                body={'volume_type': {'name': name, 'extra_specs': extra_specs}})
    assert resp.status == 200, resp
    return resp.json['volume_type']


def host_of(cloud, volume_id):
    return call(cloud, 'GET', '/volumes/' + volume_id, token='admin:p1').json[
        'volume']['os-vol-host-attr:host']


def messages_of(cloud, resource_id):
    listed = call(cloud, 'GET', '/messages?resource_uuid=' + resource_id,
                  headers=MESSAGES_VERSION)
    assert listed.status == 200, listed
    return listed.json['messages']


def usage_in_use(cloud):
    quota_set = call(cloud, 'GET', '/os-quota-sets/p1?usage=True').json['quota_set']
    return {k: v['in_use'] for k, v in quota_set.items() if k != 'id' and v['in_use']}


def delete_and_wait(cloud, volume_id):
    resp = call(cloud, 'DELETE', '/volumes/' + volume_id)
    assert resp.status == 202, resp
    fixtures.wait_status(cloud, 'volumes', volume_id, 'deleted')


# -- the cinder CLI ---------------------------------------------------------------


def cinder_cli(cloud, *args):
    """Run the ``cinder`` command as an admin of p1 would; returns its stdout."""
    binary = os.path.join(os.path.dirname(sys.executable), 'cinder')
    if not os.path.exists(binary):
        binary = shutil.which('cinder')
    env = dict(os.environ, OS_AUTH_TYPE='noauth', OS_USER_ID='admin', OS_PROJECT_ID='p1',
               CINDER_ENDPOINT=cloud.url + '/v3')
    done = subprocess.run([binary] + list(args), env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


def table_value(output, key):
    """The value of ``key`` in a Property/Value table the CLI printed."""
    match = re.search(r'^\|\s*%s\s*\|\s*(.*?)\s*\|$' % re.escape(key), output, re.M)
    assert match, output
    return match.group(1)


def table_row(output, first_cell):
    """The cells of the table row whose first cell is ``first_cell``."""
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError('no row %s in\n%s' % (first_cell, output))


def table_record(output, first_cell):
    """``{column header: cell}`` of the row whose first cell is ``first_cell``.

    The columns a list prints depend on the microversion the client
    negotiated (3.65 adds Consumes Quota), so a test names them.
    """
    rows = [[c.strip() for c in line.strip().strip('|').split('|')]
            for line in output.splitlines() if line.startswith('|')]
    return dict(zip(rows[0], table_row(output, first_cell)))


def test_cinder_cli_flow(cloud):
    out = cinder_cli(cloud, 'type-create', 'fast')
    type_id = re.search(r'^\|\s*(\S+)\s*\|\s*fast\s*\|', out, re.M).group(1)
    assert table_row(out, type_id)[1:] == ['fast', '-', 'True']

    out = cinder_cli(cloud, 'create', '1', '--name', 'v1', '--volume-type', 'fast')
    v1 = table_value(out, 'id')
    assert table_value(out, 'name') == 'v1' and table_value(out, 'volume_type') == 'fast'
    assert table_value(out, 'size') == '1'
    fixtures.wait_status(cloud, 'volumes', v1, 'available', token='admin:p1')

    out = cinder_cli(cloud, 'list')
    row = table_record(out, v1)
    assert [row[c] for c in ('Status', 'Name', 'Size', 'Volume Type')] == [
        'available', 'v1', '1', 'fast']

    out = cinder_cli(cloud, 'snapshot-create', 'v1')
    snapshot = table_value(out, 'id')
    assert table_value(out, 'volume_id') == v1
    fixtures.wait_status(cloud, 'snapshots', snapshot, 'available', token='admin:p1')

    out = cinder_cli(cloud, 'create', '--source-volid', v1, '1')
    clone = table_value(out, 'id')
    assert table_value(out, 'source_volid') == v1
    fixtures.wait_status(cloud, 'volumes', clone, 'available', token='admin:p1')

    out = cinder_cli(cloud, 'quota-usage', 'p1')
    assert table_row(out, 'volumes')[1:4] == ['2', '0', '10']
    assert table_row(out, 'snapshots')[1:4] == ['1', '0', '10']
    assert table_row(out, 'gigabytes')[1:4] == ['3', '0', '1000']
    assert table_row(out, 'volumes_fast')[1:4] == ['2', '0', '-1']

    out = cinder_cli(cloud, 'delete', clone)
    assert 'Request to delete volume %s has been accepted.' % clone in out
    cinder_cli(cloud, 'snapshot-delete', snapshot)
    fixtures.wait_status(cloud, 'snapshots', snapshot, 'deleted', token='admin:p1')
    out = cinder_cli(cloud, 'delete', 'v1')
    assert 'Request to delete volume v1 has been accepted.' in out
    for volume_id in (clone, v1):
        fixtures.wait_status(cloud, 'volumes', volume_id, 'deleted', token='admin:p1')
    out = cinder_cli(cloud, 'quota-usage', 'p1')
    assert table_row(out, 'volumes')[1:4] == ['0', '0', '10']
    fixtures.assert_usage_matches_rows(cloud, 'p1')


# -- placement by volume_backend_name -------------------------------------------


def test_volume_backend_name_routes_types_to_backends(make_cloud):
    cloud = make_cloud(backends={'a': {'volume_backend_name': 'A'},
                                 'b': {'volume_backend_name': 'B'}})
    create_type(cloud, 'on-a', {'volume_backend_name': 'A'})
    create_type(cloud, 'on-b', {'volume_backend_name': 'B'})
    on_a = [create_volume(cloud, volume_type='on-a') for _ in range(2)]
    on_b = [create_volume(cloud, volume_type='on-b') for _ in range(2)]
    assert {host_of(cloud, v['id']) for v in on_a} == {'testhost@a#A'}
    assert {host_of(cloud, v['id']) for v in on_b} == {'testhost@b#B'}
    state = cloud.conf.state_path
    for backend, volumes in (('a', on_a), ('b', on_b)):
        for volume in volumes:
            assert os.path.exists(os.path.join(state, 'volumes', backend,
                                               'volume-' + volume['id']))
    clone = create_volume(cloud, source_volid=on_b[0]['id'])
    assert clone['volume_type'] == 'on-b' and host_of(cloud, clone['id']) == 'testhost@b#B'
    resp = call(cloud, 'POST', '/volumes', body={'volume': {
        'size': 1, 'source_volid': on_b[0]['id'], 'volume_type': 'on-a'}})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid input received: Invalid volume_type provided: on-a (requested type is '
        'not compatible; either match source volume, or omit type argument).')
    retyped = create_volume(cloud, source_volid=on_a[0]['id'], volume_type='__DEFAULT__')
    assert retyped['volume_type'] == '__DEFAULT__'
    assert host_of(cloud, retyped['id']) == 'testhost@a#A'
    anywhere = create_volume(cloud)
    assert host_of(cloud, anywhere['id']) in ('testhost@a#A', 'testhost@b#B')

    create_type(cloud, 'on-c', {'volume_backend_name': 'C'})
    lost = create_volume(cloud, wait='error', volume_type='on-c')
    assert host_of(cloud, lost['id']) is None
    message, = messages_of(cloud, lost['id'])
    assert message['event_id'] == 'VOLUME_000001'
    assert 'volume type on-c asks for the backend C' in message['user_message']
    assert 'choose another volume type' in message['user_message']
    fixtures.assert_usage_matches_rows(cloud, 'p1')
    for volume in [retyped] + on_a + on_b[1:] + [clone, anywhere, lost, on_b[0]]:
        delete_and_wait(cloud, volume['id'])
    assert usage_in_use(cloud) == {}
    fixtures.assert_usage_matches_rows(cloud, 'p1')
    for backend in ('a', 'b'):
        assert os.listdir(os.path.join(state, 'volumes', backend)) == []


def test_a_clone_into_a_group_on_another_backend_is_refused(make_cloud):
    cloud = make_cloud(backends={'a': {'volume_backend_name': 'A'},
                                 'b': {'volume_backend_name': 'B'}})
    create_type(cloud, 'on-a', {'volume_backend_name': 'A'})
    create_type(cloud, 'on-b', {'volume_backend_name': 'B'})
    create_type(cloud, 'anywhere')
    source = create_volume(cloud, volume_type='on-a')
    group = call(cloud, 'POST', '/consistencygroups', body={'consistencygroup': {
        'volume_types': 'on-b,anywhere'}})
    group_id = group.json['consistencygroup']['id']
    fixtures.wait_status(cloud, 'consistencygroups', group_id, 'available')
    before = usage_in_use(cloud)
    resp = call(cloud, 'POST', '/volumes', body={'volume': {
        'size': 1, 'source_volid': source['id'], 'volume_type': 'anywhere',
        'consistencygroup_id': group_id}})
    assert resp.status == 400
    assert 'a clone is made where its source is' in resp.json['badRequest']['message']
    assert usage_in_use(cloud) == before
    fixtures.assert_usage_matches_rows(cloud, 'p1')


@pytest.mark.parametrize('db_backend', fixtures.BACKENDS)
def test_a_type_taken_by_a_volume_after_the_check_is_not_deleted(make_cloud, db_backend):
    cloud = make_cloud(db_backend=db_backend)
    type_id = create_type(cloud, 'busy')['id']
    create_volume(cloud, volume_type='busy')
    # As if the service layer had counted no user a moment ago: the database refuses.
    with pytest.raises(exception.InvalidVolumeType):
        db_types.delete_type(cl_context.get_admin_context(), type_id)
    assert call(cloud, 'GET', '/types/%s' % type_id, token='admin:p1').status == 200


# -- a failing driver -------------------------------------------------------------


def test_failing_driver_gives_error_a_message_and_a_clean_delete(make_cloud):
    cloud = make_cloud(backends={'bad': {'volume_driver': 'tests.drivers.FailingDriver'}})
    broken = create_volume(cloud, wait='error', name='v1')
    message, = messages_of(cloud, broken['id'])
    assert message['event_id'] == 'VOLUME_000002'
    assert message['message_level'] == 'ERROR' and message['resource_type'] == 'VOLUME'
    assert message['user_message'] == (
        'create volume: the storage backend failed to create it: Bad or unexpected '
        'response from the storage volume backend API: disk array on fire. Delete it and '
        'try again; if that fails too, tell your cloud administrator.')
    assert usage_in_use(cloud) == {'volumes': 1, 'gigabytes': 1,
                                   'volumes___DEFAULT__': 1, 'gigabytes___DEFAULT__': 1}

    source = create_volume(cloud, name='ok-source')
    clone = create_volume(cloud, wait='error', source_volid=source['id'])
    assert 'clone refused by the array' in messages_of(cloud, clone['id'])[0][
        'user_message']
    snapshot = call(cloud, 'POST', '/snapshots',
                    body={'snapshot': {'volume_id': source['id']}}).json['snapshot']
    fixtures.wait_status(cloud, 'snapshots', snapshot['id'], 'available')
    from_snapshot = create_volume(cloud, wait='error', snapshot_id=snapshot['id'])
    fixtures.assert_usage_matches_rows(cloud, 'p1')

    for volume_id in (broken['id'], clone['id'], from_snapshot['id']):
        delete_and_wait(cloud, volume_id)
    assert call(cloud, 'DELETE', '/snapshots/' + snapshot['id']).status == 202
    fixtures.wait_status(cloud, 'snapshots', snapshot['id'], 'deleted')
    delete_and_wait(cloud, source['id'])
    assert usage_in_use(cloud) == {}
    fixtures.assert_usage_matches_rows(cloud, 'p1')
    assert os.listdir(os.path.join(cloud.conf.state_path, 'volumes', 'bad')) == []


@pytest.mark.parametrize('db_backend', fixtures.BACKENDS)
def test_sources_of_volumes_being_created_cannot_be_deleted(make_cloud, db_backend):
    cloud = make_cloud(db_backend=db_backend,
                       backends={'file': {'volume_driver': GATED_DRIVER}})
    gate = type(cloud.manager.driver).copies
    source = create_volume(cloud)
    snapshot = call(cloud, 'POST', '/snapshots',
                    body={'snapshot': {'volume_id': source['id']}}).json['snapshot']
    fixtures.wait_status(cloud, 'snapshots', snapshot['id'], 'available')
    gate.clear()
    try:
        clones = [create_volume(cloud, wait=None, snapshot_id=snapshot['id']),
                  create_volume(cloud, wait=None, source_volid=source['id'])]
        resp = call(cloud, 'DELETE', '/snapshots/' + snapshot['id'])
        assert resp.status == 400
        assert resp.json['badRequest']['message'] == (
            'Invalid snapshot: Snapshot %s is the source of a volume being created; '
            'delete it when that is done.' % snapshot['id'])
        assert call(cloud, 'DELETE', '/volumes/' + source['id']).status == 400
        assert call(cloud, 'GET', '/snapshots/' + snapshot['id']).json['snapshot'][
            'status'] == 'available'
        assert call(cloud, 'GET', '/volumes/' + source['id']).json['volume'][
            'status'] == 'available'
    finally:
        gate.set()
    for clone in clones:
        fixtures.wait_status(cloud, 'volumes', clone['id'], 'available')
    assert call(cloud, 'DELETE', '/snapshots/' + snapshot['id']).status == 202
    fixtures.wait_status(cloud, 'snapshots', snapshot['id'], 'deleted')
    for volume in clones + [source]:
        delete_and_wait(cloud, volume['id'])
    assert usage_in_use(cloud) == {}
    fixtures.assert_usage_matches_rows(cloud, 'p1')


# -- races, on every database -----------------------------------------------------


def race(count, request):
    """Fire ``request()`` from ``count`` threads at once; their statuses and bodies."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        barrier.wait()
        results[i] = request()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.mark.parametrize('db_backend', fixtures.BACKENDS)
def test_two_racing_deletes_one_wins(make_cloud, db_backend):
    cloud = make_cloud(db_backend=db_backend, backends={'file': {'volume_driver':
                                                                 GATED_DRIVER}})
    gate = type(cloud.manager.driver).deletes
    gate.clear()
    try:
        volume = create_volume(cloud)
        results = race(2, lambda: call(cloud, 'DELETE', '/volumes/' + volume['id']))
        assert sorted(r.status for r in results) == [202, 400], results
        loser, = [r for r in results if r.status == 400]
        assert loser.json['badRequest']['message'].startswith(
            'Invalid volume: Volume status must be available or error')
        assert call(cloud, 'GET', '/volumes/' + volume['id']).json['volume'][
            'status'] == 'deleting'
        fixtures.assert_usage_matches_rows(cloud, 'p1')
    finally:
        gate.set()
    fixtures.wait_status(cloud, 'volumes', volume['id'], 'deleted')
    assert usage_in_use(cloud) == {}
    fixtures.assert_usage_matches_rows(cloud, 'p1')


@pytest.mark.parametrize('db_backend', fixtures.BACKENDS)
def test_racing_creates_never_exceed_the_quota(make_cloud, db_backend):
    """Eight creates at once, three allowed: in fresh projects, whose first usage
    rows are inserted by the racing requests themselves (MariaDB deadlocks there).
    """
    cloud = make_cloud(db_backend=db_backend)
    for project in ('r1', 'r2', 'r3', 'r4'):
        token = 'u1:' + project
        path = '/v3/%s/volumes' % project
        assert cloud.request('PUT', '/v3/%s/os-quota-sets/%s' % (project, project),
                             token='admin:' + project,
                             body={'quota_set': {'volumes': 3}}).status == 200
        results = race(8, lambda: cloud.request('POST', path, token=token,
                                                body={'volume': {'size': 1}}))
        statuses = sorted(r.status for r in results)
        assert statuses == [202] * 3 + [413] * 5, results
        for over in (r for r in results if r.status == 413):
            assert over.json == {'overLimit': {
                'code': 413, 'retryAfter': '0',
                'message': "VolumeLimitExceeded: Maximum number of volumes allowed (3) "
                           "exceeded for quota 'volumes'."}}
        created = {r.json['volume']['id'] for r in results if r.status == 202}
        listed = cloud.request('GET', path, token=token).json['volumes']
        assert {v['id'] for v in listed} == created
        fixtures.assert_usage_matches_rows(cloud, project)
        for volume_id in created:
            fixtures.wait_status(cloud, 'volumes', volume_id, 'available', token=token,
                                 project=project)
