"""What microversions 3.26 to 3.71 change on fields, actions and answers (issue 13 part 5).

Every test runs against one shared cloud in a project of its own. Bodies
are checked against copies of tempest's schemas for the version.
"""

import uuid

import pytest

from tests import fixtures
from tests.functional import groups_helpers as h
from tests.unit import cinder_schemas as schemas

ADMIN = h.ADMIN
USER = '9b6a4a5e-3f1c-4c55-8a36-0c3c6b1f2d11'  # tempest's schemas want uuids


def call(cloud, method, path, version, project, body=None, admin=False):
    token = ADMIN if admin else '%s:%s' % (USER, project)
    prefix = '/v3/admin' if admin else '/v3/%s' % project
    return cloud.request(method, prefix + path, token=token, body=body,
                         headers={'OpenStack-API-Version': 'volume ' + version})


def token(project):
    return '%s:%s' % (USER, project)


def check(schema, volume):
    """tempest's ``schema`` on ``volume``, whose project (not a uuid here) is replaced."""
    if 'os-vol-tenant-attr:tenant_id' in volume:
        volume = dict(volume, **{'os-vol-tenant-attr:tenant_id': str(uuid.uuid4())})
    schemas.check(schema, volume)


def new_type(cloud, **extra_specs):
    name = 'mv-%s' % uuid.uuid4().hex[:8]
    resp = cloud.request('POST', '/v3/admin/types', token=ADMIN, body={
        'volume_type': {'name': name, 'extra_specs': extra_specs}})
    assert resp.status == 200, resp
    return resp.json['volume_type']


def new_volume(cloud, project, vtype, metadata=None, wait='available'):
    resp = call(cloud, 'POST', '/volumes', '3.0', project, body={'volume': {
        'size': 1, 'volume_type': vtype['name'], 'metadata': metadata or {}}})
    assert resp.status == 202, resp
    volume = resp.json['volume']
    if wait:
        fixtures.wait_status(cloud, 'volumes', volume['id'], wait, token(project),
                             project)
    return volume


def test_volume_fields_from_3_48_to_3_69(shared_cloud, project):
    vtype = new_type(shared_cloud)
    created = call(shared_cloud, 'POST', '/volumes', '3.71', project, body={
        'volume': {'size': 1, 'volume_type': vtype['name']}})
    assert created.status == 202, created
    check(schemas.VOLUME_CREATE_V369, created.json['volume'])
    volume = created.json['volume']
    assert (volume['shared_targets'], volume['service_uuid']) == (True, None)
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'available',
                         token(project), project)
    path = '/volumes/%s' % volume['id']
    shown = call(shared_cloud, 'GET', path, '3.71', project).json['volume']
    check(schemas.VOLUME_SHOW_V369, shown)
    assert shown['shared_targets'] is False  # neither driver shares iSCSI targets
    assert str(uuid.UUID(shown['service_uuid'])) == shown['service_uuid']
    assert (shown['volume_type_id'], shown['consumes_quota']) == (vtype['id'], True)
    assert 'encryption_key_id' not in shown and 'cluster_name' not in shown
    admin = call(shared_cloud, 'GET', path, '3.61', project, admin=True).json['volume']
    assert admin['cluster_name'] is None and 'volume_type_id' not in admin
    by_version = {v: set(call(shared_cloud, 'GET', path, v, project).json['volume'])
                  for v in ('3.47', '3.48', '3.62', '3.63', '3.64', '3.65')}
    assert by_version['3.48'] - by_version['3.47'] == {'shared_targets', 'service_uuid'}
    assert by_version['3.63'] - by_version['3.62'] == {'volume_type_id'}
    assert by_version['3.64'] == by_version['3.63']
    assert by_version['3.65'] - by_version['3.64'] == {'consumes_quota'}
    detail = call(shared_cloud, 'GET', '/volumes/detail', '3.69', project).json
    check(schemas.VOLUME_SHOW_V369, detail['volumes'][0])
    updated = call(shared_cloud, 'PUT', path, '3.69', project,
                   body={'volume': {'name': 'n'}}).json['volume']
    check(schemas.VOLUME_CREATE_V369, updated)
    assert call(shared_cloud, 'DELETE', path, '3.0', project).status == 202
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token(project), project)


def test_volume_summary_metadata_from_3_36(shared_cloud, project):
    vtype = new_type(shared_cloud)
    ids = [new_volume(shared_cloud, project, vtype, metadata)['id']
           for metadata in ({'k': 'v', 'a': '1'}, {'k': 'w'}, {'k': 'v'})]
    summary = call(shared_cloud, 'GET', '/volumes/summary', '3.35', project).json
    assert summary == {'volume-summary': {'total_count': 3, 'total_size': 3}}
    summary = call(shared_cloud, 'GET', '/volumes/summary', '3.36', project).json
    assert summary == {'volume-summary': {'total_count': 3, 'total_size': 3,
                                          'metadata': {'a': ['1'], 'k': ['v', 'w']}}}
    other = call(shared_cloud, 'GET', '/volumes/summary', '3.36', project + 'x').json
    assert other == {'volume-summary': {'total_count': 0, 'total_size': 0, 'metadata': {}}}
    for volume_id in ids:
        assert call(shared_cloud, 'DELETE', '/volumes/' + volume_id, '3.0',
                    project).status == 202
        fixtures.wait_status(shared_cloud, 'volumes', volume_id, 'deleted',
                             token(project), project)


def test_snapshot_user_id_from_3_41_and_in_use_from_3_66(shared_cloud, project):
    vtype = new_type(shared_cloud)
    volume = new_volume(shared_cloud, project, vtype)
    refused = call(shared_cloud, 'POST', '/snapshots', '3.66', project, body={
        'snapshot': {'volume_id': volume['id'], 'force': False}})
    assert refused.status == 400
    assert "the 'force' flag is invalid" in refused.json['badRequest']['message']
    missing = call(shared_cloud, 'POST', '/snapshots', '3.66', project, body={
        'snapshot': {'volume_id': str(uuid.uuid4()), 'force': False}})
    assert missing.status == 404
    created = call(shared_cloud, 'POST', '/snapshots', '3.66', project, body={
        'snapshot': {'volume_id': volume['id'], 'name': 's'}})
    assert created.status == 202, created
    snapshot = created.json['snapshot']
    assert (snapshot['user_id'], snapshot['consumes_quota']) == (USER, True)
    assert 'os-extended-snapshot-attributes:project_id' not in snapshot
    fixtures.wait_status(shared_cloud, 'snapshots', snapshot['id'], 'available',
                         token(project), project)
    path = '/snapshots/%s' % snapshot['id']
    assert 'user_id' not in call(shared_cloud, 'GET', path, '3.40', project).json['snapshot']
    shown = call(shared_cloud, 'GET', path, '3.41', project).json['snapshot']
    assert shown['user_id'] == USER and 'consumes_quota' not in shown
    listed = call(shared_cloud, 'GET', '/snapshots', '3.65', project).json['snapshots']
    assert 'user_id' not in listed[0] and 'consumes_quota' not in listed[0]
    assert call(shared_cloud, 'DELETE', path, '3.0', project).status == 202
    fixtures.wait_status(shared_cloud, 'snapshots', snapshot['id'], 'deleted',
                         token(project), project)
    assert call(shared_cloud, 'DELETE', '/volumes/' + volume['id'], '3.0',
                project).status == 202
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token(project), project)


def test_limits_of_another_project_for_admins_from_3_39(shared_cloud, project):
    put = shared_cloud.request('PUT', '/v3/admin/os-quota-sets/%s' % project, token=ADMIN,
                               body={'quota_set': {'volumes': 7}})
    assert put.status == 200, put

    def max_volumes(version, admin, query='?project_id=%s' % project):
        resp = call(shared_cloud, 'GET', '/limits' + query, version, 'other', admin=admin)
        return resp.json['limits']['absolute']['maxTotalVolumes']
    default = max_volumes('3.39', admin=True, query='')
    assert default != 7
    assert max_volumes('3.39', admin=True) == 7
    assert max_volumes('3.39', admin=True, query='?tenant_id=%s' % project) == 7
    assert max_volumes('3.38', admin=True) == default
    assert max_volumes('3.39', admin=False) == default


def test_services_show_backend_state_from_3_49(shared_cloud):
    def listed(version):
        resp = shared_cloud.request('GET', '/v3/admin/os-services', token=ADMIN,
                                    headers={'OpenStack-API-Version': 'volume ' + version})
        schemas.check(schemas.SERVICES_V37, resp.json)
        return resp.json['services']
    assert all('backend_state' not in s for s in listed('3.48'))
    states = {s['binary']: s.get('backend_state', 'absent') for s in listed('3.49')}
    assert states == {'cinder-scheduler': 'absent', 'cinder-volume': 'up'}


def new_group(cloud, project, group_specs=None, wait='available', **extra_specs):
    vtype = new_type(cloud, **extra_specs)
    resp = cloud.request('POST', '/v3/admin/group_types', token=ADMIN, body={
        'group_type': {'name': 'gt-%s' % uuid.uuid4().hex[:8],
                       'group_specs': group_specs or {}}},
        headers={'OpenStack-API-Version': 'volume 3.11'})
    assert resp.status == 202, resp
    resp = call(cloud, 'POST', '/groups', '3.13', project, body={'group': {
        'group_type': resp.json['group_type']['id'], 'volume_types': [vtype['id']]}})
    assert resp.status == 202, resp
    group_id = resp.json['group']['id']
    fixtures.wait_status(cloud, 'groups', group_id, wait, token(project), project)
    return group_id


def test_group_fields_from_3_38_and_3_58(shared_cloud, project):
    group_id = new_group(shared_cloud, project)
    vtype_id = call(shared_cloud, 'GET', '/groups/' + group_id, '3.13', project).json[
        'group']['volume_types'][0]
    member = call(shared_cloud, 'POST', '/volumes', '3.13', project, body={'volume': {
        'size': 1, 'volume_type': vtype_id, 'group_id': group_id}})
    assert member.status == 202, member
    fixtures.wait_status(shared_cloud, 'volumes', member.json['volume']['id'], 'available',
                         token(project), project)
    path = '/groups/%s' % group_id
    assert 'replication_status' not in call(shared_cloud, 'GET', path, '3.37',
                                            project).json['group']
    shown = call(shared_cloud, 'GET', path, '3.71', project).json['group']
    assert shown['replication_status'] == 'disabled' and 'project_id' not in shown
    admin = shared_cloud.request('GET', '/v3/admin/groups/detail?all_tenants=1',
                                 token=ADMIN,
                                 headers={'OpenStack-API-Version': 'volume 3.58'})
    mine = [g for g in admin.json['groups'] if g['id'] == group_id]
    assert mine[0]['project_id'] == project
    snap = call(shared_cloud, 'POST', '/group_snapshots', '3.14', project,
                body={'group_snapshot': {'group_id': group_id}})
    assert snap.status == 202, snap
    snap_id = snap.json['group_snapshot']['id']
    fixtures.wait_status(shared_cloud, 'group_snapshots', snap_id, 'available',
                         token(project), project)
    snap_path = '/group_snapshots/%s' % snap_id
    assert 'project_id' not in call(shared_cloud, 'GET', snap_path, '3.58',
                                    project).json['group_snapshot']
    for version, fields in (('3.57', set()), ('3.58', {'project_id'})):
        resp = shared_cloud.request(
            'GET', '/v3/admin/group_snapshots/detail?all_tenants=1', token=ADMIN,
            headers={'OpenStack-API-Version': 'volume ' + version})
        mine = [g for g in resp.json['group_snapshots'] if g['id'] == snap_id][0]
        assert fields <= set(mine) and not ({'project_id'} - fields) & set(mine)
    assert call(shared_cloud, 'DELETE', snap_path, '3.14', project).status == 202
    fixtures.wait_status(shared_cloud, 'group_snapshots', snap_id, 'deleted',
                         token(project), project)
    assert call(shared_cloud, 'POST', path + '/action', '3.13', project,
                body={'delete': {'delete-volumes': True}}).status == 202
    fixtures.wait_status(shared_cloud, 'groups', group_id, 'deleted', token(project),
                         project)


@pytest.mark.parametrize('action', ['enable_replication', 'disable_replication',
                                    'failover_replication', 'list_replication_targets'])
def test_group_replication_actions_are_cinders_400(shared_cloud, project, action):
    plain = new_group(shared_cloud, project)
    replicated = new_group(shared_cloud, project,
                           group_specs={'group_replication_enabled': '<is> True'},
                           replication_enabled='<is> True',
                           # no backend reports replication: the scheduler finds none
                           wait='error')
    half = new_group(shared_cloud, project,
                     group_specs={'group_replication_enabled': '<is> True'})

    def act(group_id, version='3.38'):
        return call(shared_cloud, 'POST', '/groups/%s/action' % group_id, version, project,
                    body={action: {}})
    assert act(plain, '3.37').status == 400  # "There is no such action"
    assert 'no such action' in act(plain, '3.37').json['badRequest']['message']
    resp = act(plain)
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid group type: Group %s is not a replication group type.' % plain)
    resp = act(half)
    assert resp.status == 400
    assert "does not have 'replication_enabled' spec key" in resp.json['badRequest'][
        'message']
    resp = act(replicated)
    assert resp.status == 400
    assert resp.json['badRequest']['message'].startswith('Invalid Group: Group %s'
                                                         % replicated)
    assert act(str(uuid.uuid4())).status == 404
    for group_id in (plain, replicated, half):
        assert call(shared_cloud, 'POST', '/groups/%s/action' % group_id, '3.13', project,
                    body={'delete': {}}).status == 202


def test_freeze_thaw_and_failover_answer_cinders_400s(shared_cloud):
    def put(action, body, version='3.26'):
        resp = shared_cloud.request('PUT', '/v3/admin/os-services/' + action, token=ADMIN,
                                    body=body,
                                    headers={'OpenStack-API-Version': 'volume ' + version})
        assert resp.status == 400, resp
        return resp.json['badRequest']['message']
    volume_host = [s['host'] for s in shared_cloud.request(
        'GET', '/v3/admin/os-services?binary=cinder-volume', token=ADMIN).json['services']][0]
    for action in ('freeze', 'thaw', 'failover_host'):
        assert put(action, {'cluster': 'c1'}) == 'No service found with cluster=c1'
        assert put(action, {'cluster': 'c1'}, '3.25') == (
            'Invalid input received: Host field is missing.')
        assert put(action, {'cluster': 'c1', 'host': volume_host}) == (
            'Invalid input received: One and only one of cluster and host must be set.')
        assert put(action, {}) == (
            'Invalid input received: One and only one of cluster and host must be set.')
        assert put(action, {'host': 'nowhere'}) == 'No service found with host=nowhere'
        assert 'Additional properties are not allowed' in put(
            action, {'host': volume_host, 'extra': 1})
    assert put('failover_host', {'host': volume_host}) == (
        "Invalid input received: No service could be changed: replication_status in "
        "['%s'] must be ['enabled', 'failed-over'] and must be up to failover."
        % volume_host)
    assert 'cannot be frozen' in put('freeze', {'host': volume_host})
    assert put('freeze', {'host': volume_host}, '3.0').startswith('Invalid input received')


def test_backups_answer_as_cinder_without_a_backup_service(shared_cloud, project):
    vtype = new_type(shared_cloud)
    volume = new_volume(shared_cloud, project, vtype)
    unknown = str(uuid.uuid4())
    assert call(shared_cloud, 'GET', '/backups', '3.0', project).json == {'backups': []}
    assert call(shared_cloud, 'GET', '/backups/detail?with_count=true', '3.45',
                project).json == {'backups': [], 'count': 0}
    for method, path, body in (('GET', '', None), ('DELETE', '', None),
                               ('POST', '/restore', {'restore': {}}),
                               ('POST', '/action', {'os-force_delete': {}})):
        resp = call(shared_cloud, method, '/backups/' + unknown + path, '3.0', project,
                    body=body)
        assert (resp.status, resp.json['itemNotFound']['message']) == (
            404, 'Backup %s could not be found.' % unknown), (method, path)
    assert call(shared_cloud, 'PUT', '/backups/' + unknown, '3.8', project,
                body={'backup': {'name': 'n'}}).status == 404
    assert call(shared_cloud, 'PUT', '/backups/' + unknown, '3.42', project,
                body={'backup': {'metadata': {}}}).status == 400
    assert call(shared_cloud, 'PUT', '/backups/' + unknown, '3.43', project,
                body={'backup': {'metadata': {}}}).status == 404
    assert call(shared_cloud, 'GET', '/backups/%s/export_record' % unknown, '3.0',
                project).status == 403

    def create(version, **extra):
        return call(shared_cloud, 'POST', '/backups', version, project,
                    body={'backup': dict({'volume_id': volume['id']}, **extra)})
    assert create('3.42', metadata={'k': 'v'}).status == 400
    assert create('3.50', availability_zone='nova').status == 400
    assert create('3.0', volume_id='not-a-uuid').status == 400
    assert create('3.0', volume_id=unknown).status == 404
    refused = create('3.51', metadata={'k': 'v'}, availability_zone='nova')
    assert refused.status == 503
    assert refused.json == {'serviceUnavailable': {
        'code': 503, 'message': 'Service cinder-backup could not be found.'}}
    imported = shared_cloud.request('POST', '/v3/admin/backups/import_record', token=ADMIN,
                                    body={'backup-record': {'backup_service': 'swift',
                                                            'backup_url': 'x'}})
    assert imported.status == 503
    # 3.47: a volume from a backup; Cinder reads backup_id at every version.
    for version in ('3.0', '3.47'):
        resp = call(shared_cloud, 'POST', '/volumes', version, project, body={
            'volume': {'size': 1, 'volume_type': vtype['name'], 'backup_id': unknown}})
        assert (resp.status, resp.json['itemNotFound']['message']) == (
            404, 'Backup %s could not be found.' % unknown)
    assert call(shared_cloud, 'GET', '/volumes', '3.0', project).json['volumes'] == [
        {'id': volume['id'], 'name': None, 'links': volume['links']}]
    assert call(shared_cloud, 'DELETE', '/volumes/' + volume['id'], '3.0',
                project).status == 202
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted', token(project),
                         project)


def test_volume_create_and_update_bodies_from_3_46_to_3_53(shared_cloud, project):
    vtype = new_type(shared_cloud)
    for key in ('imageRef', 'image_id'):
        for version in ('3.45', '3.46'):
            resp = call(shared_cloud, 'POST', '/volumes', version, project, body={
                'volume': {'size': 1, 'volume_type': vtype['name'], key: 'cirros'}})
            assert (resp.status, resp.json['badRequest']['message']) == (
                400, 'Invalid image identifier or unable to access requested image.')
    extra = {'volume': {'size': 1, 'volume_type': vtype['name'], 'color': 'red'}}
    assert call(shared_cloud, 'POST', '/volumes', '3.53', project, body=extra).status == 400
    accepted = call(shared_cloud, 'POST', '/volumes', '3.52', project, body=extra)
    assert accepted.status == 202, accepted
    volume_id = accepted.json['volume']['id']
    fixtures.wait_status(shared_cloud, 'volumes', volume_id, 'available', token(project),
                         project)
    path = '/volumes/' + volume_id
    assert call(shared_cloud, 'PUT', path, '3.52', project, body={'volume': {}}).status == 200
    assert call(shared_cloud, 'PUT', path, '3.53', project, body={'volume': {}}).status == 400
    assert call(shared_cloud, 'PUT', path, '3.53', project,
                body={'volume': {'metadata': {'a': 'b'}}}).status == 200
    assert call(shared_cloud, 'DELETE', path, '3.0', project).status == 202
    fixtures.wait_status(shared_cloud, 'volumes', volume_id, 'deleted', token(project),
                         project)


def test_default_types_per_project_from_3_62(shared_cloud, project):
    vtype = new_type(shared_cloud)

    def admin(method, path, version='3.62', body=None):
        return shared_cloud.request(method, '/v3/admin' + path, token=ADMIN, body=body,
                                    headers={'OpenStack-API-Version': 'volume ' + version})
    path = '/default-types/' + project
    assert admin('GET', '/default-types', '3.61').status == 404
    assert admin('GET', path).json == {'itemNotFound': {
        'code': 404, 'message': 'Default type for project %s not found.' % project}}
    resp = admin('PUT', path, body={'default_type': {'volume_type': 'no-such-type'}})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Volume type with name no-such-type could not be found.')
    assert admin('PUT', path, body={'default_type': {}}).status == 400
    resp = admin('PUT', path, body={'default_type': {'volume_type': vtype['name']}})
    expected = {'project_id': project, 'volume_type_id': vtype['id']}
    assert (resp.status, resp.json) == (200, {'default_type': expected})
    assert admin('GET', path).json == {'default_type': expected}
    assert expected in admin('GET', '/default-types').json['default_types']
    denied = call(shared_cloud, 'GET', '/default-types', '3.62', project)
    assert denied.json == {'forbidden': {
        'code': 403, 'message': 'You are not authorized to perform this operation.'}}
    assert call(shared_cloud, 'PUT', path, '3.62', project, body={
        'default_type': {'volume_type': vtype['id']}}).status == 403
    # The project's volumes without a type get its default; GET /types/default says so.
    assert call(shared_cloud, 'GET', '/types/default', '3.0', project).json[
        'volume_type']['id'] == vtype['id']
    created = call(shared_cloud, 'POST', '/volumes', '3.63', project,
                   body={'volume': {'size': 1}})
    assert created.status == 202, created
    assert created.json['volume']['volume_type_id'] == vtype['id']
    other = call(shared_cloud, 'GET', '/types/default', '3.0', project + 'x').json
    assert other['volume_type']['name'] == '__DEFAULT__'
    refused = admin('DELETE', '/types/' + vtype['id'], '3.0')
    assert (refused.status, refused.json['badRequest']['message']) == (
        400, 'The volume type %s is a default volume type and cannot be deleted.'
        % vtype['id'])
    volume_id = created.json['volume']['id']
    fixtures.wait_status(shared_cloud, 'volumes', volume_id, 'available', token(project),
                         project)
    assert call(shared_cloud, 'DELETE', '/volumes/' + volume_id, '3.0', project).status == 202
    fixtures.wait_status(shared_cloud, 'volumes', volume_id, 'deleted', token(project),
                         project)
    assert admin('DELETE', path).status == 204
    assert admin('DELETE', path).status == 204
    assert admin('GET', path).status == 404
    assert admin('DELETE', '/types/' + vtype['id'], '3.0').status == 202


def test_reimage_is_cinders_404_for_an_image_from_3_68(shared_cloud, project):
    vtype = new_type(shared_cloud)
    volume = new_volume(shared_cloud, project, vtype)
    image_id = str(uuid.uuid4())

    def reimage(version, args, volume_id=volume['id']):
        return call(shared_cloud, 'POST', '/volumes/%s/action' % volume_id, version, project,
                    body={'os-reimage': args})
    assert reimage('3.67', {'image_id': image_id}).status == 404
    assert reimage('3.68', {'image_id': 'cirros'}).status == 400
    assert reimage('3.68', {'image_id': image_id, 'extra': 1}).status == 400
    missing = reimage('3.68', {'image_id': image_id}, volume_id=str(uuid.uuid4()))
    assert 'Volume' in missing.json['itemNotFound']['message']
    resp = reimage('3.68', {'image_id': image_id, 'reimage_reserved': False})
    assert resp.json == {'itemNotFound': {
        'code': 404, 'message': 'Image %s could not be found.' % image_id}}
    shown = call(shared_cloud, 'GET', '/volumes/' + volume['id'], '3.0', project)
    assert shown.json['volume']['status'] == 'available'
    assert call(shared_cloud, 'DELETE', '/volumes/' + volume['id'], '3.0',
                project).status == 202
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted', token(project),
                         project)


def test_encrypted_volumes_transfer_from_3_70_with_their_snapshots(shared_cloud, project):
    vtype = new_type(shared_cloud)
    resp = shared_cloud.request('POST', '/v3/admin/types/%s/encryption' % vtype['id'],
                                token=ADMIN, body={'encryption': {
                                    'provider': 'luks', 'control_location': 'front-end',
                                    'cipher': 'aes-xts-plain64', 'key_size': 256}})
    assert resp.status == 200, resp
    volume = new_volume(shared_cloud, project, vtype)

    def offer(path, version, **extra):
        return call(shared_cloud, 'POST', path, version, project, body={
            'transfer': dict({'volume_id': volume['id']}, **extra)})
    for path, version in (('/os-volume-transfer', '3.0'), ('/os-volume-transfer', '3.70'),
                          ('/volume-transfers', '3.69')):
        refused = offer(path, version)
        assert (refused.status, refused.json['badRequest']['message']) == (
            400, 'Invalid volume: transferring encrypted volume is not supported')
    refused = offer('/volume-transfers', '3.70', no_snapshots=True)
    assert refused.json['badRequest']['message'] == (
        'Invalid volume: transferring an encrypted volume without its snapshots is not '
        'supported')
    offered = offer('/volume-transfers', '3.70')
    assert offered.status == 202, offered
    transfer = offered.json['transfer']
    other = project + 'x'
    accepted = call(shared_cloud, 'POST', '/volume-transfers/%s/accept' % transfer['id'],
                    '3.70', other, body={'accept': {'auth_key': transfer['auth_key']}})
    assert accepted.status == 202, accepted
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'available', token(other),
                         other)
    assert call(shared_cloud, 'DELETE', '/volumes/' + volume['id'], '3.0',
                other).status == 202
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted', token(other),
                         other)
    fixtures.assert_usage_matches_rows(shared_cloud, other)


def test_set_log_and_get_log_change_the_levels_over_rpc_from_3_32(shared_cloud):
    import logging

    def put(action, body, version='3.32'):
        return shared_cloud.request('PUT', '/v3/admin/os-services/' + action, token=ADMIN,
                                    body=body,
                                    headers={'OpenStack-API-Version': 'volume ' + version})
    prefix = 'cinderlite.rpc_service'  # a module with an oslo.log logger
    assert put('get-log', {}, '3.31').status == 404
    assert put('set-log', {'level': 'DEBUG'}, '3.31').status == 404
    resp = put('set-log', {'level': 'LOUD', 'prefix': prefix})
    assert (resp.status, resp.json['badRequest']['message']) == (
        400, 'Invalid input received: LOUD is not a valid log level.')
    assert put('set-log', {'binary': 'nova-compute', 'level': 'DEBUG'}).status == 400
    assert shared_cloud.request('PUT', '/v3/u1/os-services/get-log', token='u1:u1', body={},
                                headers={'OpenStack-API-Version': 'volume 3.32'}
                                ).status == 403
    logger = logging.getLogger(prefix)
    before = logger.level
    try:
        resp = put('set-log', {'binary': 'cinder-volume', 'prefix': prefix, 'level': 'debug'})
        assert (resp.status, resp.body) == (202, b'')
        fixtures.wait_for(lambda: logger.level == logging.DEBUG, what='the cast')
        resp = put('get-log', {'binary': 'cinder-volume', 'prefix': prefix})
        assert resp.status == 200
        entries = resp.json['log_levels']
        assert [(e['binary'], e['levels']) for e in entries] == [
            ('cinder-volume', {prefix: 'DEBUG'})]
        assert entries[0]['host'].endswith('@file')
        everyone = put('get-log', {'prefix': prefix}).json['log_levels']
        assert sorted(e['binary'] for e in everyone) == [
            'cinder-api', 'cinder-scheduler', 'cinder-volume']
        assert put('get-log', {'binary': 'cinder-api', 'server': 'elsewhere'}).json == {
            'log_levels': []}
        assert put('set-log', {'binary': 'cinder-api', 'prefix': prefix,
                               'level': 'ERROR'}).status == 202
        assert logger.level == logging.ERROR  # the API process: at once
    finally:
        logger.setLevel(before)
