"""Consistency groups on a live cinderlite: python-cinderclient, the cinder CLI and HTTP.

Covers the client flows (create, list, show, add and remove volumes, force
delete), every guard of API.md section 2 with Cinder's messages, tenant
isolation (another project's group or volume is a 404, and nothing changes),
the ``consistencygroups`` quota, and where groups and their volumes land.
"""

import os
import subprocess
import sys
import uuid

from cinderclient import exceptions as cinder_exc
import pytest

from cinderlite import exception
from cinderlite.volume.drivers import file as file_driver
from tests import fixtures

ADMIN = 'admin:admin'
TWO_BACKENDS = {'a': {'volume_backend_name': 'A'}, 'b': {'volume_backend_name': 'B'}}


# -- test drivers ---------------------------------------------------------------

class FailOnceDeleteDriver(file_driver.FileDriver):
    """A file driver whose first group delete fails, as a flaky array's would."""

    failures_left = 0

    def delete_consistencygroup(self, context, group, volumes):
        if type(self).failures_left:
            type(self).failures_left -= 1
            raise exception.VolumeBackendAPIException(data='array busy, try again')
        return super().delete_consistencygroup(context, group, volumes)


class ReportsFailureDriver(file_driver.FileDriver):
    """A file driver that reports failure in its model update, without raising.

    Once for each method named in ``refuse``; the driver contract says such a
    status counts as a failure.
    """

    refuse = set()

    def _refuses(self, method):
        refused = method in type(self).refuse
        type(self).refuse.discard(method)
        return refused

    def create_consistencygroup(self, context, group):
        if self._refuses('create_consistencygroup'):
            return {'status': 'error'}
        return super().create_consistencygroup(context, group)

    def update_consistencygroup(self, context, group, add_volumes=None,
                                remove_volumes=None):
        if self._refuses('update_consistencygroup'):
            return {'status': 'error'}, None, None
        return super().update_consistencygroup(context, group, add_volumes, remove_volumes)

    def delete_consistencygroup(self, context, group, volumes):
        if self._refuses('delete_consistencygroup'):
            return {'status': 'error_deleting'}, None
        return super().delete_consistencygroup(context, group, volumes)


@pytest.fixture
def reporting_cloud(make_cloud):
    ReportsFailureDriver.refuse.clear()
    return make_cloud(backends={'file': {
        'volume_driver': '%s.%s' % (__name__, ReportsFailureDriver.__name__)}})


# -- helpers ------------------------------------------------------------------

def create_type(cloud, name, backend_name=None):
    specs = {'volume_backend_name': backend_name} if backend_name else {}
    resp = cloud.request('POST', '/v3/admin/types', token=ADMIN,
                         body={'volume_type': {'name': name, 'extra_specs': specs}})
    assert resp.status == 200, resp
    return resp.json['volume_type']['id']


def create_group(cs, types='fast', name='cg', status='available'):
    group = cs.consistencygroups.create(types, name=name)
    return group.id, wait(cs, 'consistencygroups', group.id, status)


def create_volume(cs, vtype='fast', group_id=None, size=1, status='available'):
    volume = cs.volumes.create(size, volume_type=vtype, consistencygroup_id=group_id)
    wait(cs, 'volumes', volume.id, status)
    return volume.id


def wait(cs, manager, resource_id, status):
    """Poll ``cs.<manager>.get(id)`` until it shows ``status`` (or is gone: 'deleted')."""
    def check():
        try:
            resource = getattr(cs, manager).get(resource_id)
        except cinder_exc.NotFound:
            return status == 'deleted' and 'deleted'
        return resource.status == status and resource
    return fixtures.wait_for(check, what='%s %s to be %s' % (manager, resource_id, status))


def error_of(resp, name='badRequest'):
    assert resp.json and name in resp.json, resp
    return resp.json[name]['message']


def put_group(cloud, group_id, body, token='u1:p1', project='p1', headers=None):
    return cloud.request('PUT', '/v3/%s/consistencygroups/%s' % (project, group_id),
                         token=token, body={'consistencygroup': body}, headers=headers)


def delete_group(cloud, group_id, force=False, token='u1:p1', project='p1'):
    return cloud.request('POST', '/v3/%s/consistencygroups/%s/delete' % (project, group_id),
                         token=token, body={'consistencygroup': {'force': force}})


def admin_host(cloud, volume_id):
    resp = cloud.request('GET', '/v3/admin/volumes/%s' % volume_id, token=ADMIN)
    assert resp.status == 200, resp
    return resp.json['volume']['os-vol-host-attr:host']


def members(cs, group_id):
    return sorted(v.id for v in cs.volumes.list(search_opts={'consistencygroup_id': group_id}))


def set_quota(cloud, project_id, **limits):
    # The URL's project must be the token's: an admin of project "admin".
    resp = cloud.request('PUT', '/v3/admin/os-quota-sets/%s' % project_id, token=ADMIN,
                         body={'quota_set': limits})
    assert resp.status == 200, resp


def group_state(cloud, group_id):
    """Everything of a group a failed request must leave as it was."""
    group = cloud.request('GET', '/v3/p1/consistencygroups/%s' % group_id).json
    volumes = cloud.request('GET', '/v3/p1/volumes/detail').json['volumes']
    return group, sorted((v['id'], v['status'], v['consistencygroup_id']) for v in volumes)


def user_messages(cloud, resource_id):
    """The user messages about ``resource_id``, once there is one.

    The status changes first and the message follows, so a test waits for it.
    """
    def fetch():
        resp = cloud.request('GET', '/v3/p1/messages',
                             headers={'OpenStack-API-Version': 'volume 3.3'})
        return [m for m in resp.json['messages'] if m['resource_uuid'] == resource_id]
    return fixtures.wait_for(fetch, what='a user message about %s' % resource_id)


# -- python-cinderclient and the cinder CLI -------------------------------------

def test_cinderclient_group_lifecycle(cloud):
    type_id = create_type(cloud, 'fast')
    cs = cloud.cinder()
    group_id, group = create_group(cs, name='cg1')
    assert group.name == 'cg1' and group.volume_types == [type_id]
    assert [g.id for g in cs.consistencygroups.list()] == [group_id]
    assert cs.consistencygroups.get(group_id).availability_zone == 'nova'

    volumes = sorted(create_volume(cs) for _ in range(3))
    cs.consistencygroups.update(group_id, add_volumes=','.join(volumes))
    wait(cs, 'consistencygroups', group_id, 'available')
    assert members(cs, group_id) == volumes

    cs.consistencygroups.update(group_id, remove_volumes=volumes[0] + ',')
    wait(cs, 'consistencygroups', group_id, 'available')
    assert members(cs, group_id) == volumes[1:]
    assert cs.volumes.get(volumes[0]).consistencygroup_id is None
    fixtures.assert_usage_matches_rows(cloud, 'p1')

    cs.consistencygroups.delete(group_id, force=True)
    wait(cs, 'consistencygroups', group_id, 'deleted')
    assert [v.id for v in cs.volumes.list()] == [volumes[0]]
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def cinder_cli(cloud, *args):
    """Run the ``cinder`` command as a user would; returns its stdout."""
    env = dict(os.environ, OS_AUTH_TYPE='noauth', OS_USER_ID='admin', OS_PROJECT_ID='p1',
               CINDER_ENDPOINT=cloud.url + '/v3')
    command = [os.path.join(os.path.dirname(sys.executable), 'cinder')] + list(args)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


def table_value(output, field):
    """The value of ``field`` in the property table the CLI prints."""
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cells) == 2 and cells[0] == field:
            return cells[1]
    raise AssertionError('no %s in:\n%s' % (field, output))


def test_cinder_cli_group_with_three_volumes(cloud):
    create_type(cloud, 'fast')
    cs = cloud.cinder('admin', 'p1')
    group_id = table_value(cinder_cli(cloud, 'consisgroup-create', '--name', 'clicg', 'fast'),
                           'id')
    wait(cs, 'consistencygroups', group_id, 'available')
    volumes = [table_value(cinder_cli(cloud, 'create', '--volume-type', 'fast',
                                      '--consisgroup-id', group_id, '--name', 'v%d' % i,
                                      '1'), 'id')
               for i in range(3)]
    for volume_id in volumes:
        wait(cs, 'volumes', volume_id, 'available')
    assert members(cs, group_id) == sorted(volumes)

    # Without --name the client sends "name": null, which Cinder 2024.2+ refuses.
    cinder_cli(cloud, 'cgsnapshot-create', group_id)
    cgsnapshot = fixtures.wait_for(lambda: cs.cgsnapshots.list(), what='the cgsnapshot')[0]
    wait(cs, 'cgsnapshots', cgsnapshot.id, 'available')
    assert cgsnapshot.name is None
    assert len(cs.volume_snapshots.list()) == 3

    cinder_cli(cloud, 'cgsnapshot-delete', cgsnapshot.id)
    wait(cs, 'cgsnapshots', cgsnapshot.id, 'deleted')
    cinder_cli(cloud, 'consisgroup-delete', '--force', group_id)
    wait(cs, 'consistencygroups', group_id, 'deleted')
    assert cs.volumes.list() == [] and cs.volume_snapshots.list() == []
    fixtures.assert_usage_matches_rows(cloud, 'p1')


# -- create guards ----------------------------------------------------------------

def test_create_needs_volume_types(cloud):
    for body in ({'name': 'cg1'}, {'name': 'cg1', 'volume_types': ''},
                 {'name': 'cg1', 'volume_types': None}):
        resp = cloud.request('POST', '/v3/p1/consistencygroups',
                             body={'consistencygroup': body})
        assert resp.status == 400, resp
        assert error_of(resp) == ('volume_types must be provided '
                                  'to create consistency group cg1.')
    assert cloud.cinder().consistencygroups.list() == []


def test_create_with_an_unknown_type_is_404(cloud):
    create_type(cloud, 'fast')
    resp = cloud.request('POST', '/v3/p1/consistencygroups',
                         body={'consistencygroup': {'volume_types': 'fast,nope'}})
    assert resp.status == 404, resp
    assert 'nope' in error_of(resp, 'itemNotFound')
    assert cloud.cinder().consistencygroups.list() == []
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_create_in_an_unknown_availability_zone_is_400(cloud):
    create_type(cloud, 'fast')
    cs = cloud.cinder()
    with pytest.raises(cinder_exc.BadRequest) as e:
        cs.consistencygroups.create('fast', name='cg1', availability_zone='mars')
    assert e.value.message == "Invalid input received: Availability zone 'mars' is invalid."
    assert cs.consistencygroups.list() == []
    group_id, _ = create_group(cs)
    assert cs.consistencygroups.get(group_id).availability_zone == 'nova'


# -- update guards ----------------------------------------------------------------

def test_update_with_every_field_empty_is_400(cloud):
    create_type(cloud, 'fast')
    group_id, _ = create_group(cloud.cinder())
    old = put_group(cloud, group_id, {'name': '', 'description': None, 'add_volumes': '',
                                      'remove_volumes': None})
    assert old.status == 400
    assert error_of(old) == ('Name, description, add_volumes, '
                             'and remove_volumes can not be all empty in the request '
                             'body.')
    new = put_group(cloud, group_id, {}, headers={'OpenStack-API-Version': 'volume 3.6'})
    assert new.status == 400
    assert error_of(new).startswith('Must specify one or more of '
                                    'the following keys to update')


def test_update_same_volume_in_add_and_remove_is_400(cloud):
    create_type(cloud, 'fast')
    cs = cloud.cinder()
    group_id, _ = create_group(cs)
    inside = create_volume(cs, group_id=group_id)
    resp = put_group(cloud, group_id, {'add_volumes': inside, 'remove_volumes': inside})
    assert resp.status == 400
    assert error_of(resp) == ('Invalid volume: UUIDs %s are in both add and remove '
                              'volume list.' % inside)
    assert members(cs, group_id) == [inside]


@pytest.mark.parametrize('case', ['other type', 'other group', 'not available'])
def test_update_refuses_a_volume_that_cannot_join(cloud, case):
    create_type(cloud, 'fast')
    slow_id = create_type(cloud, 'slow')
    cs = cloud.cinder()
    group_id, _ = create_group(cs)
    if case == 'other type':
        volume_id = create_volume(cs, 'slow')
        reason = 'volume type %s is not supported by the group' % slow_id
    elif case == 'other group':
        other_id, _ = create_group(cs, name='other')
        volume_id = create_volume(cs, group_id=other_id)
        reason = 'it is already in consistency group %s' % other_id
    else:
        # No backend has room for it: the scheduler leaves it in error.
        set_quota(cloud, 'p1', gigabytes=-1, gigabytes_fast=-1)
        volume_id = create_volume(cs, size=10 ** 9, status='error')
        reason = ('volume is in an invalid state: error. Valid states are: available, '
                  'in-use')
    resp = put_group(cloud, group_id, {'add_volumes': volume_id})
    assert resp.status == 400, resp
    assert error_of(resp) == ('Invalid volume: Cannot add volume %s to consistency group '
                              '%s because %s.' % (volume_id, group_id, reason))
    assert members(cs, group_id) == []
    assert cs.consistencygroups.get(group_id).status == 'available'


def test_update_refuses_a_volume_on_another_host(make_cloud):
    cloud = make_cloud(backends=TWO_BACKENDS)
    type_id = create_type(cloud, 'moved', 'B')
    cs = cloud.cinder()
    volume_id = create_volume(cs, 'moved')
    assert admin_host(cloud, volume_id) == 'testhost@b#B'
    # The type now asks for A: a new group of it lands on a, away from the volume.
    resp = cloud.request('POST', '/v3/admin/types/%s/extra_specs' % type_id, token=ADMIN,
                         body={'extra_specs': {'volume_backend_name': 'A'}})
    assert resp.status == 200, resp
    group_id, _ = create_group(cs, 'moved')
    resp = put_group(cloud, group_id, {'add_volumes': volume_id})
    assert resp.status == 400, resp
    assert "because it is not on the group's host." in error_of(resp)
    assert members(cs, group_id) == []


def test_update_refuses_to_remove_a_volume_not_in_the_group(cloud):
    create_type(cloud, 'fast')
    cs = cloud.cinder()
    group_id, _ = create_group(cs)
    outside = create_volume(cs)
    resp = put_group(cloud, group_id, {'remove_volumes': outside})
    assert resp.status == 400
    assert error_of(resp) == ('Invalid volume: Cannot remove volume %s from consistency '
                              'group %s because it is not in the group.'
                              % (outside, group_id))
    missing = str(uuid.uuid4())
    gone = put_group(cloud, group_id, {'remove_volumes': missing})
    assert gone.status == 404
    assert error_of(gone, 'itemNotFound') == 'Volume %s could not be found.' % missing


def test_update_of_a_group_that_is_not_available_is_400(cloud):
    create_type(cloud, 'fast')
    create_type(cloud, 'nowhere', 'no-such-backend')
    cs = cloud.cinder()
    group_id, _ = create_group(cs, 'nowhere', status='error')
    volume_id = create_volume(cs)
    resp = put_group(cloud, group_id, {'add_volumes': volume_id})
    assert resp.status == 400, resp
    assert error_of(resp) == ('Invalid ConsistencyGroup: Consistency group status must be '
                              'available, but current status is: error.')
    assert cs.volumes.get(volume_id).consistencygroup_id is None


# -- delete guards ----------------------------------------------------------------

def test_delete_without_force_keeps_a_group_with_volumes(cloud):
    create_type(cloud, 'fast')
    cs = cloud.cinder()
    group_id, _ = create_group(cs)
    volume_id = create_volume(cs, group_id=group_id)
    with pytest.raises(cinder_exc.BadRequest) as e:
        cs.consistencygroups.delete(group_id)
    assert e.value.message == ('Invalid ConsistencyGroup: Consistency group %s still '
                               'contains volumes. The force flag is required to delete it.'
                               % group_id)
    assert cs.consistencygroups.get(group_id).status == 'available'
    assert members(cs, group_id) == [volume_id]


def test_delete_refused_while_it_has_cgsnapshots(cloud):
    create_type(cloud, 'fast')
    cs = cloud.cinder()
    group_id, _ = create_group(cs)
    create_volume(cs, group_id=group_id)
    cgsnapshot = cs.cgsnapshots.create(group_id, name='s')
    wait(cs, 'cgsnapshots', cgsnapshot.id, 'available')
    resp = delete_group(cloud, group_id, force=True)
    assert resp.status == 400
    assert error_of(resp) == ('Invalid ConsistencyGroup: Consistency group %s still has '
                              'dependent cgsnapshots.' % group_id)
    assert cs.consistencygroups.get(group_id).status == 'available'


def test_delete_refused_while_a_member_has_snapshots(cloud):
    create_type(cloud, 'fast')
    cs = cloud.cinder()
    group_id, _ = create_group(cs)
    volume_id = create_volume(cs, group_id=group_id)
    snapshot = cs.volume_snapshots.create(volume_id)
    wait(cs, 'volume_snapshots', snapshot.id, 'available')
    resp = delete_group(cloud, group_id, force=True)
    assert resp.status == 400
    assert error_of(resp) == ('Invalid ConsistencyGroup: Consistency group %s contains '
                              'volumes that have snapshots.' % group_id)
    assert cs.volumes.get(volume_id).status == 'available'
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_force_delete_retries_a_delete_that_failed(make_cloud):
    """A delete the backend refused leaves error_deleting, which force may retry (as Cinder)."""
    FailOnceDeleteDriver.failures_left = 1
    cloud = make_cloud(backends={'file': {
        'volume_driver': '%s.%s' % (__name__, FailOnceDeleteDriver.__name__)}})
    create_type(cloud, 'fast')
    cs = cloud.cinder()
    group_id, _ = create_group(cs)
    volume_id = create_volume(cs, group_id=group_id)
    cs.consistencygroups.delete(group_id, force=True)
    wait(cs, 'consistencygroups', group_id, 'error_deleting')
    assert cs.volumes.get(volume_id).status == 'error_deleting'
    # Without force the group's state still says no.
    assert delete_group(cloud, group_id).status == 400

    cs.consistencygroups.delete(group_id, force=True)
    wait(cs, 'consistencygroups', group_id, 'deleted')
    assert cs.volumes.list() == []
    assert not os.path.exists(os.path.join(cloud.conf.state_path, 'volumes', 'file',
                                           'volume-%s' % volume_id))
    fixtures.assert_usage_matches_rows(cloud, 'p1')


def test_a_failure_the_driver_reports_is_a_failure(reporting_cloud):
    """A driver may answer a status of error instead of raising: never record success."""
    cloud = reporting_cloud
    create_type(cloud, 'fast')
    cs = cloud.cinder()
    ReportsFailureDriver.refuse.add('create_consistencygroup')
    broken_id, _ = create_group(cs, name='broken', status='error')
    assert [m['event_id'] for m in user_messages(cloud, broken_id)] == ['GROUP_000002']

    group_id, _ = create_group(cs)
    inside = create_volume(cs, group_id=group_id)
    outside = create_volume(cs)
    ReportsFailureDriver.refuse.add('update_consistencygroup')
    cs.consistencygroups.update(group_id, add_volumes=outside, remove_volumes=inside)
    user_messages(cloud, group_id)
    # The membership the API recorded is undone.
    wait(cs, 'consistencygroups', group_id, 'available')
    assert members(cs, group_id) == [inside]

    ReportsFailureDriver.refuse.add('delete_consistencygroup')
    cs.consistencygroups.delete(group_id, force=True)
    wait(cs, 'consistencygroups', group_id, 'error_deleting')
    assert cs.volumes.get(inside).status == 'error_deleting'
    fixtures.assert_usage_matches_rows(cloud, 'p1')
    cs.consistencygroups.delete(group_id, force=True)
    wait(cs, 'consistencygroups', group_id, 'deleted')
    cs.consistencygroups.delete(broken_id)
    wait(cs, 'consistencygroups', broken_id, 'deleted')
    assert [v.id for v in cs.volumes.list()] == [outside]
    fixtures.assert_usage_matches_rows(cloud, 'p1')


@pytest.mark.parametrize('operation', ['create', 'update', 'delete'])
def test_a_cast_the_bus_refuses_changes_nothing(cloud, monkeypatch, operation):
    """503, and the request leaves no row, no quota and no status behind."""
    create_type(cloud, 'fast')
    cs = cloud.cinder()
    group_id, _ = create_group(cs, name='before')
    inside = create_volume(cs, group_id=group_id)
    outside = create_volume(cs)
    before = group_state(cloud, group_id)
    fixtures.break_the_bus(cloud, monkeypatch)
    if operation == 'create':
        resp = cloud.request('POST', '/v3/p1/consistencygroups',
                             body={'consistencygroup': {'volume_types': 'fast'}})
    elif operation == 'update':
        resp = put_group(cloud, group_id, {'name': 'after', 'add_volumes': outside,
                                           'remove_volumes': inside})
    else:
        resp = delete_group(cloud, group_id, force=True)
    assert resp.status == 503, resp
    assert error_of(resp, 'serviceUnavailable').startswith('The service is unavailable')
    assert group_state(cloud, group_id) == before
    assert [g.id for g in cs.consistencygroups.list()] == [group_id]
    monkeypatch.undo()
    # Nothing is left half done: the same request now goes through.
    cs.consistencygroups.update(group_id, add_volumes=outside)
    wait(cs, 'consistencygroups', group_id, 'available')
    assert members(cs, group_id) == sorted([inside, outside])


# -- volumes created in a group -----------------------------------------------------

def test_volume_in_a_group_needs_a_type_the_group_accepts(cloud):
    create_type(cloud, 'fast')
    create_type(cloud, 'slow')
    cs = cloud.cinder()
    group_id, _ = create_group(cs)
    untyped = cloud.request('POST', '/v3/p1/volumes', body={'volume': {
        'size': 1, 'consistencygroup_id': group_id}})
    assert untyped.status == 400
    assert error_of(untyped) == ('Invalid input received: volume_type must be provided '
                                 'when creating a volume in a consistency group.')
    with pytest.raises(cinder_exc.BadRequest) as e:
        cs.volumes.create(1, volume_type='slow', consistencygroup_id=group_id)
    assert e.value.message == ('Invalid input received: Invalid volume_type provided: '
                               'slow (requested type must be supported by this '
                               'consistency group).')
    assert cs.volumes.list() == []
    fixtures.assert_usage_matches_rows(cloud, 'p1')


# -- tenant isolation ---------------------------------------------------------------

def test_another_projects_group_is_404_like_a_missing_one(cloud):
    create_type(cloud, 'fast')
    group_id, _ = create_group(cloud.cinder(), name='mine')
    missing = str(uuid.uuid4())
    p2 = {'token': 'u2:p2', 'project': 'p2'}

    def attempts(target):
        return [
            cloud.request('GET', '/v3/p2/consistencygroups/%s' % target, token='u2:p2'),
            put_group(cloud, target, {'name': 'stolen'}, **p2),
            delete_group(cloud, target, force=True, **p2),
            cloud.request('POST', '/v3/p2/cgsnapshots', token='u2:p2', body={
                'cgsnapshot': {'consistencygroup_id': target}}),
            cloud.request('POST', '/v3/p2/volumes', token='u2:p2', body={'volume': {
                'size': 1, 'volume_type': 'fast', 'consistencygroup_id': target}}),
        ]
    for theirs, absent in zip(attempts(group_id), attempts(missing)):
        assert theirs.status == absent.status == 404, (theirs, absent)
        assert (error_of(theirs, 'itemNotFound').replace(group_id, 'X')
                == error_of(absent, 'itemNotFound').replace(missing, 'X'))
    group = cloud.cinder().consistencygroups.get(group_id)
    assert (group.name, group.status) == ('mine', 'available')
    assert cloud.cinder('u2', 'p2').consistencygroups.list() == []
    # all_tenants is for admins only; anyone else still sees just their own.
    listed = cloud.request('GET', '/v3/p2/consistencygroups/detail?all_tenants=1',
                           token='u2:p2')
    assert listed.json == {'consistencygroups': []}
    fixtures.assert_usage_matches_rows(cloud, 'p2')


def test_a_project_cannot_add_another_projects_volume(cloud):
    """LP #1712588: nothing of another project may enter a group, not even by an admin."""
    create_type(cloud, 'fast')
    cs, theirs = cloud.cinder(), cloud.cinder('u2', 'p2')
    group_id, _ = create_group(cs)
    stranger = create_volume(theirs)
    resp = put_group(cloud, group_id, {'add_volumes': stranger})
    assert resp.status == 404
    assert error_of(resp, 'itemNotFound') == 'Volume %s could not be found.' % stranger

    by_admin = put_group(cloud, group_id, {'add_volumes': stranger}, token=ADMIN,
                         project='admin')
    assert by_admin.status == 400, by_admin
    assert error_of(by_admin) == ('Invalid volume: Cannot add volume %s to consistency '
                                  'group %s because it belongs to another project.'
                                  % (stranger, group_id))
    assert theirs.volumes.get(stranger).consistencygroup_id is None
    assert cs.consistencygroups.get(group_id).status == 'available'
    assert members(cs, group_id) == []


# -- quota ----------------------------------------------------------------------------

def test_group_quota_is_413_and_writes_nothing(cloud):
    create_type(cloud, 'fast')
    set_quota(cloud, 'p1', groups=1)
    cs = cloud.cinder()
    first, _ = create_group(cs, name='first')
    with pytest.raises(cinder_exc.OverLimit):
        cs.consistencygroups.create('fast', name='second')
    resp = cloud.request('POST', '/v3/p1/consistencygroups',
                         body={'consistencygroup': {'volume_types': 'fast'}})
    assert resp.status == 413
    assert resp.headers['Retry-After'] == '0'
    assert resp.json['overLimit']['message'] == (
        "ConsistencyGroupLimitExceeded: Maximum number of consistency groups allowed (1) "
        "exceeded for quota 'groups'.")
    assert [g.id for g in cs.consistencygroups.list()] == [first]
    fixtures.assert_usage_matches_rows(cloud, 'p1')

    cs.consistencygroups.delete(first)
    wait(cs, 'consistencygroups', first, 'deleted')
    fixtures.assert_usage_matches_rows(cloud, 'p1')
    create_group(cs, name='again')


def test_force_delete_refunds_the_group_and_its_volumes(cloud):
    create_type(cloud, 'fast')
    cs = cloud.cinder()
    group_id, _ = create_group(cs)
    for size in (1, 2):
        create_volume(cs, group_id=group_id, size=size)
    usage = cloud.request('GET', '/v3/p1/os-quota-sets/p1?usage=True').json['quota_set']
    assert [usage[k]['in_use'] for k in ('groups', 'volumes', 'gigabytes')] == [
        1, 2, 3]
    cs.consistencygroups.delete(group_id, force=True)
    wait(cs, 'consistencygroups', group_id, 'deleted')
    usage = cloud.request('GET', '/v3/p1/os-quota-sets/p1?usage=True').json['quota_set']
    assert [usage[k]['in_use'] for k in ('groups', 'volumes', 'gigabytes')] == [
        0, 0, 0]
    fixtures.assert_usage_matches_rows(cloud, 'p1')


# -- placement ------------------------------------------------------------------------

def test_groups_land_where_their_types_can_live(make_cloud):
    cloud = make_cloud(backends=TWO_BACKENDS)
    create_type(cloud, 'ta', 'A')
    create_type(cloud, 'tb', 'B')
    create_type(cloud, 'any')
    cs = cloud.cinder()
    group_id, _ = create_group(cs, 'ta,any')
    # The group's members follow it to backend a, whatever their type allows.
    inside = [create_volume(cs, vtype, group_id=group_id) for vtype in ('ta', 'any', 'any')]
    for volume_id in inside:
        assert admin_host(cloud, volume_id) == 'testhost@a#A'
        assert os.path.exists(os.path.join(cloud.conf.state_path, 'volumes', 'a',
                                           'volume-%s' % volume_id))

    stuck_id, _ = create_group(cs, 'ta,tb', name='split', status='error')
    [message] = user_messages(cloud, stuck_id)
    assert message['event_id'] == 'GROUP_000001'
    assert 'no backend serves all its volume types' in message['user_message']
    # Never placed: deleting it needs no backend and refunds its quota.
    cs.consistencygroups.delete(stuck_id)
    wait(cs, 'consistencygroups', stuck_id, 'deleted')
    fixtures.assert_usage_matches_rows(cloud, 'p1')
