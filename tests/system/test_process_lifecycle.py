"""cinderlite-all as a process: graceful SIGTERM, and recovery after a crash mid-clone."""

import subprocess

import pytest

from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional.server_process import ServerProcess
from tests.functional.server_process import console_script

SLOW = {'volume_driver': 'tests.drivers.SlowFileDriver'}


@pytest.fixture
def server_factory(tmp_path):
    servers = []

    def factory(**kwargs):
        server = ServerProcess(tmp_path, **kwargs)
        servers.append(server)
        return server
    yield factory
    for server in servers:
        server.stop_quietly()


def _status(server, collection, resource_id):
    key = collection[:-1]
    resp = server.request('GET', '/v3/p1/%s/%s' % (collection, resource_id))
    return resp.json[key]['status'] if resp.status == 200 else resp.status


def _wait(server, collection, resource_id, status, timeout=60):
    fixtures.wait_for(lambda: _status(server, collection, resource_id) == status,
                      timeout=timeout, what='%s %s' % (resource_id, status))


def _make_group(server, count):
    assert server.request('POST', '/v3/admin/types', token='admin:admin',
                          body={'volume_type': {'name': 'fast'}}).status == 200
    resp = server.request('POST', '/v3/p1/consistencygroups',
                          body={'consistencygroup': {'volume_types': 'fast'}})
    group_id = resp.json['consistencygroup']['id']
    _wait(server, 'consistencygroups', group_id, 'available')
    volumes = []
    for index in range(count):
        resp = server.request('POST', '/v3/p1/volumes', body={'volume': {
            'size': 1, 'volume_type': 'fast', 'consistencygroup_id': group_id}})
        volumes.append(resp.json['volume']['id'])
    for volume_id in volumes:
        _wait(server, 'volumes', volume_id, 'available')
    return group_id, volumes


def _clone_group(server, group_id):
    resp = server.request('POST', '/v3/p1/consistencygroups/create_from_src',
                          body={'consistencygroup-from-src': {'source_cgid': group_id}})
    assert resp.status == 202, resp
    return resp.json['consistencygroup']['id']


def test_sigterm_stops_cleanly_with_exit_0(server_factory):
    server = server_factory().start()
    assert server.request('GET', '/v3/p1/volumes').status == 200
    code, seconds = server.terminate()
    assert code == 0
    assert seconds < 15
    assert 'Stopped' in server.log.read_text()


def test_sigterm_finishes_the_clone_in_flight(server_factory):
    server = server_factory(backend_options=SLOW,
                            env={'CINDERLITE_TEST_SLOW_SECONDS': '0.7'}).start()
    group_id, _ = _make_group(server, 2)
    new_id = _clone_group(server, group_id)
    code, _ = server.terminate()
    assert code == 0
    server.start(env={'CINDERLITE_TEST_SLOW_SECONDS': '0'})
    assert _status(server, 'consistencygroups', new_id) == 'available'
    assert 'Resuming' not in server.log.read_text()


def test_a_crash_mid_clone_is_resolved_by_the_restarted_service(server_factory, tmp_path):
    server = server_factory(backend_options=SLOW,
                            env={'CINDERLITE_TEST_SLOW_SECONDS': '2'}).start()
    group_id, sources = _make_group(server, 3)
    for index, volume_id in enumerate(sources):
        path = tmp_path / 'state' / 'volumes' / 'file' / ('volume-%s' % volume_id)
        h.write_pattern(str(path), b'data of source %d' % index)
    new_id = _clone_group(server, group_id)
    volumes_dir = tmp_path / 'state' / 'volumes' / 'file'
    clone_ids = [v['id'] for v in server.request('GET', '/v3/p1/volumes/detail').json[
        'volumes'] if v['consistencygroup_id'] == new_id]

    def one_copy_done_and_still_creating():
        done = [c for c in clone_ids if (volumes_dir / ('volume-%s' % c)).exists()]
        return done and _status(server, 'consistencygroups', new_id) == 'creating'
    fixtures.wait_for(one_copy_done_and_still_creating, what='the clone to be half done')
    server.kill()
    server.start(env={'CINDERLITE_TEST_SLOW_SECONDS': '0'})
    _wait(server, 'consistencygroups', new_id, 'available')
    assert 'Resuming creating of group %s' % new_id in server.log.read_text()
    clones = [v for v in server.request('GET', '/v3/p1/volumes/detail').json['volumes']
              if v['consistencygroup_id'] == new_id]
    assert len(clones) == 3
    for clone in clones:
        assert clone['status'] == 'available'
        assert h.checksum(str(volumes_dir / ('volume-%s' % clone['id']))) == h.checksum(
            str(volumes_dir / ('volume-%s' % clone['source_volid'])))


def test_a_crash_mid_group_clone_is_resolved_by_the_restarted_service(server_factory,
                                                                      tmp_path):
    """The same through the groups API (3.14 create-from-src) as clients send it today.

    The group type is consistent, so the driver clones the group whole (slowly,
    member by member); a plain type takes the per-volume path, covered in-process.
    """
    server = server_factory(backend_options=SLOW,
                            env={'CINDERLITE_TEST_SLOW_SECONDS': '2'}).start()
    assert server.request('POST', '/v3/admin/types', token='admin:admin',
                          body={'volume_type': {'name': 'fast'}}).status == 200
    h.create_group_type(server, 'gt', specs={'consistent_group_snapshot_enabled': '<is> True'})
    group_id = h.create_generic_group(server)['id']
    sources = [h.create_member(server, group_id) for _ in range(3)]
    volumes_dir = tmp_path / 'state' / 'volumes' / 'file'
    for index, volume_id in enumerate(sources):
        h.write_pattern(str(volumes_dir / ('volume-%s' % volume_id)),
                        b'data of group member %d' % index)
    resp = h.clone_group(server, source_group_id=group_id)
    assert resp.status == 202, resp
    new_id = resp.json['group']['id']

    def members():
        listing = h.call(server, 'GET', '/volumes/detail', version='3.13').json['volumes']
        return [v for v in listing if v['group_id'] == new_id]
    clone_ids = [v['id'] for v in members()]
    assert len(clone_ids) == 3

    def group_status():
        return h.call(server, 'GET', '/groups/%s' % new_id).json['group']['status']

    def one_copy_done_and_still_creating():
        done = [c for c in clone_ids if (volumes_dir / ('volume-%s' % c)).exists()]
        return done and group_status() == 'creating'
    fixtures.wait_for(one_copy_done_and_still_creating, what='the clone to be half done')
    server.kill()
    server.start(env={'CINDERLITE_TEST_SLOW_SECONDS': '0'})
    fixtures.wait_status(server, 'groups', new_id, 'available')
    assert 'Resuming creating of group %s' % new_id in server.log.read_text()
    clones = members()
    assert sorted(c['id'] for c in clones) == sorted(clone_ids)
    for clone in clones:
        assert clone['status'] == 'available'
        assert h.checksum(str(volumes_dir / ('volume-%s' % clone['id']))) == h.checksum(
            str(volumes_dir / ('volume-%s' % clone['source_volid'])))
    h.assert_usage_is_row_count(server)


def test_a_second_cinderlite_all_on_the_same_state_refuses_to_start(server_factory):
    first = server_factory().start()
    second = subprocess.run([console_script('cinderlite-all'), '--config-file',
                             str(first.config)], capture_output=True, text=True,
                            timeout=60, env=first.env)
    assert second.returncode == 1
    assert 'Another cinderlite-all is running on' in second.stderr
    assert 'Resuming' not in second.stderr
    assert first.request('GET', '/v3/p1/volumes').status == 200


def _reflinks_here(folder):
    """What ``cp --reflink=always`` finds on ``folder``'s filesystem (independent of us)."""
    src, dst = folder / 'probe-src', folder / 'probe-dst'
    src.write_bytes(b'x' * 4096)
    done = subprocess.run(['cp', '--reflink=always', str(src), str(dst)],
                          capture_output=True).returncode == 0
    src.unlink()
    if dst.exists():
        dst.unlink()
    return done


def test_the_file_driver_says_whether_it_gets_reflinks(server_factory, tmp_path):
    server = server_factory().start()
    expected = ('gives reflinks: snapshots and clones are instant' if _reflinks_here(tmp_path)
                else 'has no reflinks: snapshots and clones are full copies')
    lines = [line for line in server.log.read_text().splitlines()
             if 'Backend file: the filesystem of' in line]
    assert len(lines) == 1 and expected in lines[0], lines
    assert ' INFO ' in lines[0]


def test_a_long_group_copy_logs_its_progress(server_factory):
    server = server_factory(backend_options=SLOW,
                            sections={'DEFAULT': {'progress_log_interval': 1}},
                            env={'CINDERLITE_TEST_SLOW_SECONDS': '0.6'}).start()
    group_id, _ = _make_group(server, 4)
    new_id = _clone_group(server, group_id)
    _wait(server, 'consistencygroups', new_id, 'available')
    progress = [line for line in server.log.read_text().splitlines()
                if 'Copying into group %s: ' % new_id in line]
    assert progress, server.log.read_text()[-3000:]
    assert all(' INFO ' in line and 'of 4 members done' in line for line in progress)
