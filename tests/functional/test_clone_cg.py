"""The headline: create a consistency group from a live group or a cgsnapshot."""

import logging
import re

import pytest

from cinderlite import context as cl_context
from cinderlite.db import volumes as db_volumes
from tests import drivers
from tests import fixtures
from tests.functional import groups_helpers as h


@pytest.fixture
def fast_cloud(cloud):
    h.create_type(cloud)
    return cloud


def _clone_volumes(cloud, group_id):
    return [v for v in h.list_volumes(cloud) if v['consistencygroup_id'] == group_id]


def test_clone_of_live_group_maps_every_clone_to_its_source(fast_cloud):
    cloud = fast_cloud
    group_id, sources = h.group_with_volumes(cloud, 3)
    for index, volume_id in enumerate(sources):
        h.write_pattern(h.volume_path(cloud, volume_id), b'source-%d' % index * 1000,
                        offset=4096 * index)
        assert cloud.request('POST', '/v3/p1/volumes/%s/metadata' % volume_id,
                             body={'metadata': {'origin': str(index)}}).status == 200
    resp = h.clone(cloud, source_cgid=group_id, cgsnapshot_id=None)
    assert resp.status == 202, resp
    assert set(resp.json['consistencygroup']) == {'id', 'name'}
    new_id = resp.json['consistencygroup']['id']
    group = fixtures.wait_status(cloud, 'consistencygroups', new_id, 'available')
    assert group['source_cgid'] == group_id and group['cgsnapshot_id'] is None
    source_group = cloud.request('GET', '/v3/p1/consistencygroups/%s' % group_id).json
    assert group['volume_types'] == source_group['consistencygroup']['volume_types']
    clones = _clone_volumes(cloud, new_id)
    assert sorted(c['source_volid'] for c in clones) == sorted(sources)
    for clone in clones:
        assert clone['status'] == 'available'
        assert clone['os-vol-host-attr:host'] == cloud.manager.host
        assert clone['metadata'] == {'origin': str(sources.index(clone['source_volid']))}
        assert h.checksum(h.volume_path(cloud, clone['id'])) == h.checksum(
            h.volume_path(cloud, clone['source_volid']))
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_clone_of_cgsnapshot_has_the_snapshot_bytes(fast_cloud):
    cloud = fast_cloud
    group_id, sources = h.group_with_volumes(cloud, 3)
    for volume_id in sources:
        h.write_pattern(h.volume_path(cloud, volume_id), b'before' * 100)
    before = {v: h.checksum(h.volume_path(cloud, v)) for v in sources}
    cgsnapshot_id = h.create_cgsnapshot(cloud, group_id)
    for volume_id in sources:
        h.write_pattern(h.volume_path(cloud, volume_id), b'after!' * 100)
    resp = h.clone(cloud, cgsnapshot_id=cgsnapshot_id, source_cgid=None)
    assert resp.status == 202, resp
    new_id = resp.json['consistencygroup']['id']
    group = fixtures.wait_status(cloud, 'consistencygroups', new_id, 'available')
    assert group['cgsnapshot_id'] == cgsnapshot_id and group['source_cgid'] is None
    snapshots = cloud.request('GET', '/v3/p1/snapshots/detail').json['snapshots']
    snapshot_volume = {s['id']: s['volume_id'] for s in snapshots}
    clones = _clone_volumes(cloud, new_id)
    assert len(clones) == 3
    for clone in clones:
        origin = snapshot_volume[clone['snapshot_id']]
        assert h.checksum(h.volume_path(cloud, clone['id'])) == before[origin]
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_alias_consistencygroup_id_is_accepted(fast_cloud):
    group_id, _ = h.group_with_volumes(fast_cloud, 1)
    resp = h.clone(fast_cloud, consistencygroup_id=group_id)
    assert resp.status == 202, resp
    group = fixtures.wait_status(fast_cloud, 'consistencygroups',
                                 resp.json['consistencygroup']['id'], 'available')
    assert group['source_cgid'] == group_id


@pytest.mark.parametrize('source, message', [
    ({}, "Either 'cgsnapshot_id' or 'source_cgid' must be provided to create consistency "
         "group clone from source."),
    ({'cgsnapshot_id': None, 'source_cgid': ''},
     "Either 'cgsnapshot_id' or 'source_cgid' must be provided"),
    ({'cgsnapshot_id': 'x', 'source_cgid': 'y'},
     "Cannot provide both 'cgsnapshot_id' and 'source_cgid' to create consistency group "
     "clone from source."),
    ({'source_cgid': 'x', 'consistencygroup_id': 'y'},
     "'source_cgid' and 'consistencygroup_id' name different groups."),
])
def test_source_choice_errors_are_400_and_write_nothing(fast_cloud, source, message):
    before = (h.list_groups(fast_cloud), h.list_volumes(fast_cloud))
    resp = h.clone(fast_cloud, **source)
    assert resp.status == 400, resp
    # Cinder's own words, with no "Invalid input received" in front.
    assert resp.json['badRequest']['message'].startswith(message)
    assert (h.list_groups(fast_cloud), h.list_volumes(fast_cloud)) == before


def test_unknown_sources_are_404(fast_cloud):
    resp = h.clone(fast_cloud, source_cgid='00000000-0000-0000-0000-000000000000')
    assert resp.status == 404
    assert resp.json['itemNotFound']['message'] == (
        'ConsistencyGroup 00000000-0000-0000-0000-000000000000 could not be found.')
    resp = h.clone(fast_cloud, cgsnapshot_id='nope')
    assert resp.status == 404
    assert resp.json['itemNotFound']['message'] == 'CgSnapshot nope could not be found.'


def test_another_projects_source_is_404_and_nothing_is_written(fast_cloud):
    cloud = fast_cloud
    group_id, _ = h.group_with_volumes(cloud, 2)
    cgsnapshot_id = h.create_cgsnapshot(cloud, group_id)
    before = (h.list_groups(cloud), h.list_volumes(cloud), h.usage(cloud, 'p2'))
    for source in ({'source_cgid': group_id}, {'cgsnapshot_id': cgsnapshot_id}):
        resp = h.clone(cloud, token='u2:p2', project='p2', **source)
        assert resp.status == 404, resp
        assert 'could not be found' in resp.json['itemNotFound']['message']
    assert (h.list_groups(cloud), h.list_volumes(cloud), h.usage(cloud, 'p2')) == before


def test_empty_source_group_is_400(fast_cloud):
    group_id = h.create_group(fast_cloud)
    resp = h.clone(fast_cloud, source_cgid=group_id)
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid ConsistencyGroup: Source CG is empty. No consistency group will be '
        'created.')
    assert len(h.list_groups(fast_cloud)) == 1


def test_source_with_a_volume_in_error_is_400(make_cloud):
    cloud = make_cloud(backends={'file': {'volume_driver': 'tests.drivers.FailingDriver'}})
    h.create_type(cloud)
    group_id = h.create_group(cloud)
    h.create_volume(cloud, group_id, name='ok-1')
    broken = h.create_volume(cloud, group_id, name='broken', wait='error')
    resp = h.clone(cloud, source_cgid=group_id)
    assert resp.status == 400
    assert broken in resp.json['badRequest']['message']
    assert len(h.list_groups(cloud)) == 1
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_source_on_a_dead_host_is_400_and_writes_nothing(make_cloud):
    cloud = make_cloud(service_down_time=2)
    h.create_type(cloud)
    group_id, _ = h.group_with_volumes(cloud, 2)
    cloud.volume.stop()
    cloud.volume.wait()
    fixtures.wait_for(lambda: h.clone(cloud, source_cgid=group_id).status == 400,
                      timeout=10, what='the volume service to count as down')
    before = (h.list_groups(cloud), h.list_volumes(cloud), h.usage(cloud))
    resp = h.clone(cloud, source_cgid=group_id)
    assert resp.status == 400
    assert 'is down' in resp.json['badRequest']['message']
    assert 'testhost' not in resp.json['badRequest']['message']
    as_admin = h.clone(cloud, token=h.ADMIN, project='admin', source_cgid=group_id)
    assert as_admin.status == 400
    assert 'testhost@file' in as_admin.json['badRequest']['message']
    assert (h.list_groups(cloud), h.list_volumes(cloud), h.usage(cloud)) == before


def test_group_quota_boundary_is_413_and_writes_nothing(fast_cloud):
    cloud = fast_cloud
    group_id, _ = h.group_with_volumes(cloud, 2)
    h.set_quota(cloud, 'p1', groups=1)
    before = (h.list_groups(cloud), h.list_volumes(cloud), h.usage(cloud))
    resp = h.clone(cloud, source_cgid=group_id)
    assert resp.status == 413
    assert resp.headers['Retry-After'] == '0'
    assert resp.json['overLimit']['message'].startswith('ConsistencyGroupLimitExceeded:')
    assert (h.list_groups(cloud), h.list_volumes(cloud), h.usage(cloud)) == before
    h.set_quota(cloud, 'p1', groups=2)
    assert h.clone(cloud, source_cgid=group_id).status == 202
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_volume_quota_boundary_counts_every_clone(fast_cloud):
    cloud = fast_cloud
    group_id, _ = h.group_with_volumes(cloud, 3)
    h.set_quota(cloud, 'p1', volumes=5)
    before = (h.list_groups(cloud), h.list_volumes(cloud), h.usage(cloud))
    resp = h.clone(cloud, source_cgid=group_id)
    assert resp.status == 413
    assert resp.json['overLimit']['message'] == (
        "VolumeLimitExceeded: Maximum number of volumes allowed (5) exceeded for quota "
        "'volumes'.")
    assert (h.list_groups(cloud), h.list_volumes(cloud), h.usage(cloud)) == before
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_clone_of_cgsnapshot_charges_gigabytes(fast_cloud):
    cloud = fast_cloud
    group_id, _ = h.group_with_volumes(cloud, 2, size=2)
    cgsnapshot_id = h.create_cgsnapshot(cloud, group_id)
    used = h.usage(cloud)['gigabytes']
    h.set_quota(cloud, 'p1', gigabytes=used + 3)
    resp = h.clone(cloud, cgsnapshot_id=cgsnapshot_id)
    assert resp.status == 413
    assert resp.json['overLimit']['message'].startswith('VolumeSizeExceedsAvailableQuota:')
    h.set_quota(cloud, 'p1', gigabytes=used + 4)
    resp = h.clone(cloud, cgsnapshot_id=cgsnapshot_id)
    assert resp.status == 202
    assert h.usage(cloud)['gigabytes'] == used + 4
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_failing_driver_makes_group_and_clones_error_with_a_message(make_cloud):
    cloud = make_cloud(backends={'file': {'volume_driver': 'tests.drivers.FailingDriver'}})
    h.create_type(cloud)
    group_id, sources = h.group_with_volumes(cloud, 2, names=['ok-a', 'ok-b'])
    source_sums = {v: h.checksum(h.volume_path(cloud, v)) for v in sources}
    resp = h.clone(cloud, source_cgid=group_id)
    new_id = resp.json['consistencygroup']['id']
    fixtures.wait_status(cloud, 'consistencygroups', new_id, 'error')
    assert {c['status'] for c in _clone_volumes(cloud, new_id)} == {'error'}
    messages = cloud.request('GET', '/v3/p1/messages?resource_uuid=%s' % new_id,
                             headers={'OpenStack-API-Version': 'volume 3.5'}).json
    assert len(messages['messages']) == 1
    assert 'group clone refused by the array' in messages['messages'][0]['user_message']
    # The source is untouched.
    source = cloud.request('GET', '/v3/p1/consistencygroups/%s' % group_id).json
    assert source['consistencygroup']['status'] == 'available'
    assert {v: h.checksum(h.volume_path(cloud, v)) for v in sources} == source_sums
    assert cloud.request('POST', '/v3/p1/consistencygroups/%s/delete' % new_id,
                         body={'consistencygroup': {'force': True}}).status == 202
    fixtures.wait_status(cloud, 'consistencygroups', new_id, 'deleted')
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_driver_without_group_clone_falls_back_volume_by_volume(make_cloud):
    drivers.PerVolumeCloneDriver.calls.clear()
    cloud = make_cloud(backends={'file': {
        'volume_driver': 'tests.drivers.PerVolumeCloneDriver'}})
    h.create_type(cloud)
    group_id, sources = h.group_with_volumes(cloud, 3)
    resp = h.clone(cloud, source_cgid=group_id)
    new_id = resp.json['consistencygroup']['id']
    fixtures.wait_status(cloud, 'consistencygroups', new_id, 'available')
    clones = _clone_volumes(cloud, new_id)
    assert sorted(c['source_volid'] for c in clones) == sorted(sources)
    assert sorted(call[2] for call in drivers.PerVolumeCloneDriver.calls) == sorted(sources)
    for clone in clones:
        assert clone['status'] == 'available'
        assert h.checksum(h.volume_path(cloud, clone['id'])) == h.checksum(
            h.volume_path(cloud, clone['source_volid']))


def test_a_long_fallback_clone_logs_its_progress(make_cloud, caplog, monkeypatch):
    monkeypatch.setattr(drivers.SlowPerVolumeCloneDriver, 'delay', 0.6)
    cloud = make_cloud(backends={'file': {
        'volume_driver': 'tests.drivers.SlowPerVolumeCloneDriver'}},
        clone_workers=1, progress_log_interval=1)
    h.create_type(cloud)
    group_id, _ = h.group_with_volumes(cloud, 4)
    caplog.set_level(logging.INFO, logger='cinderlite.volume.drivers.progress')
    new_id = h.clone(cloud, source_cgid=group_id).json['consistencygroup']['id']
    fixtures.wait_status(cloud, 'consistencygroups', new_id, 'available')
    lines = [r.getMessage() for r in caplog.records
             if r.name == 'cinderlite.volume.drivers.progress']
    assert lines, caplog.text
    for line in lines:
        assert re.fullmatch(r'Cloning into group %s volume by volume: [1-4] of 4 members '
                            r'done' % new_id, line), line


def test_fallback_failure_names_the_failed_volume(make_cloud):
    cloud = make_cloud(backends={'file': {
        'volume_driver': 'tests.drivers.PerVolumeCloneDriver'}})
    h.create_type(cloud)
    group_id, sources = h.group_with_volumes(cloud, 3, names=['good-1', 'bad-2', 'good-3'])
    resp = h.clone(cloud, source_cgid=group_id)
    new_id = resp.json['consistencygroup']['id']
    fixtures.wait_status(cloud, 'consistencygroups', new_id, 'error')
    clones = {c['source_volid']: c for c in _clone_volumes(cloud, new_id)}
    assert clones[sources[1]]['status'] == 'error'
    assert clones[sources[0]]['status'] == clones[sources[2]]['status'] == 'available'
    messages = cloud.request('GET', '/v3/p1/messages?resource_uuid=%s' % new_id,
                             headers={'OpenStack-API-Version': 'volume 3.5'}).json
    assert clones[sources[1]]['id'] in messages['messages'][0]['user_message']
    fixtures.assert_usage_matches_rows(cloud, 'p1')


@pytest.mark.parametrize('status', ['available', 'in-use'])
def test_sources_are_protected_while_a_clone_runs(make_cloud, status):
    """In-use sources are accepted (Cinder refuses them), and guarded all the same."""
    drivers.SlowFileDriver.SLOW_SECONDS = 1.5
    cloud = make_cloud(backends={'file': {'volume_driver': 'tests.drivers.SlowFileDriver'}})
    h.create_type(cloud)
    group_id, sources = h.group_with_volumes(cloud, 2)
    if status == 'in-use':
        for source in sources:
            h.attach(cloud, source)
    snapped_group_id, _ = h.group_with_volumes(cloud, 1)
    cgsnapshot_id = h.create_cgsnapshot(cloud, snapped_group_id)
    drivers.SlowFileDriver.started.clear()
    resp = h.clone(cloud, source_cgid=group_id)
    new_id = resp.json['consistencygroup']['id']
    assert drivers.SlowFileDriver.started.wait(10)
    delete = cloud.request('POST', '/v3/p1/consistencygroups/%s/delete' % group_id,
                           body={'consistencygroup': {'force': True}})
    assert delete.status == 400
    assert 'source of a clone in progress' in delete.json['badRequest']['message']
    remove = cloud.request('PUT', '/v3/p1/consistencygroups/%s' % group_id,
                           body={'consistencygroup': {'remove_volumes': sources[0]}})
    assert remove.status == 400
    assert cloud.request('DELETE', '/v3/p1/volumes/%s' % sources[0]).status == 400
    drivers.SlowFileDriver.started.clear()
    clone2 = h.clone(cloud, cgsnapshot_id=cgsnapshot_id)
    assert clone2.status == 202
    assert drivers.SlowFileDriver.started.wait(10)
    delete_snap = cloud.request('DELETE', '/v3/p1/cgsnapshots/%s' % cgsnapshot_id)
    assert delete_snap.status == 400
    assert 'being created' in delete_snap.json['badRequest']['message']
    fixtures.wait_status(cloud, 'consistencygroups', new_id, 'available')
    fixtures.wait_status(cloud, 'consistencygroups', clone2.json['consistencygroup']['id'],
                         'available')
    assert {v.id: v.status for v in db_volumes.get_volumes_by_ids(
        cl_context.get_admin_context(), sources)} == dict.fromkeys(sources, status)
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_redelivered_cast_is_harmless(fast_cloud):
    cloud = fast_cloud
    group_id, _ = h.group_with_volumes(cloud, 2)
    resp = h.clone(cloud, source_cgid=group_id)
    new_id = resp.json['consistencygroup']['id']
    fixtures.wait_status(cloud, 'consistencygroups', new_id, 'available')
    clone = _clone_volumes(cloud, new_id)[0]
    h.write_pattern(h.volume_path(cloud, clone['id']), b'written after the clone')
    written = h.checksum(h.volume_path(cloud, clone['id']))
    cloud.manager.create_consistencygroup_from_src(
        cl_context.get_admin_context(), new_id, source_cg_id=group_id)
    assert h.checksum(h.volume_path(cloud, clone['id'])) == written
    assert cloud.request('GET', '/v3/p1/consistencygroups/%s' % new_id).json[
        'consistencygroup']['status'] == 'available'


def test_unsendable_cast_undoes_the_rows_and_quota(fast_cloud, monkeypatch):
    cloud = fast_cloud
    group_id, _ = h.group_with_volumes(cloud, 2)
    before = (h.list_groups(cloud), h.list_volumes(cloud), h.usage(cloud))
    fixtures.break_the_bus(cloud, monkeypatch)
    resp = h.clone(cloud, source_cgid=group_id)
    assert resp.status == 503
    assert resp.json['serviceUnavailable']['code'] == 503
    assert (h.list_groups(cloud), h.list_volumes(cloud), h.usage(cloud)) == before


@pytest.mark.parametrize('db_backend', ['postgresql', 'mysql'])
def test_clone_over_rabbitmq_on_a_database_server(make_cloud, db_backend):
    cloud = make_cloud(db_backend, transport_url=fixtures.RABBIT_URL)
    h.create_type(cloud)
    group_id, sources = h.group_with_volumes(cloud, 3)
    cgsnapshot_id = h.create_cgsnapshot(cloud, group_id)
    for source in ({'source_cgid': group_id}, {'cgsnapshot_id': cgsnapshot_id}):
        resp = h.clone(cloud, **source)
        assert resp.status == 202, resp
        fixtures.wait_status(cloud, 'consistencygroups',
                             resp.json['consistencygroup']['id'], 'available')
    fixtures.assert_usage_matches_rows(cloud, 'p1')
