"""Snapshots, volume types (and their extra specs) and user messages, end to end.

One cloud serves the whole module; every test works in a project of its own
and names its volume types uniquely (types are global).
"""

import uuid

from cinderclient import exceptions as cinder_exc
import pytest

from tests import fixtures

# API.md section 10: a snapshot at microversion 3.0.
SNAPSHOT_FIELDS_3_0 = {
    'status', 'description', 'created_at', 'metadata', 'name', 'volume_id', 'id', 'size',
    'updated_at', 'os-extended-snapshot-attributes:progress',
    'os-extended-snapshot-attributes:project_id'}
SNAPSHOT_SUMMARY_FIELDS = SNAPSHOT_FIELDS_3_0 - {
    'os-extended-snapshot-attributes:progress', 'os-extended-snapshot-attributes:project_id'}
TYPE_FIELDS = {'name', 'is_public', 'id', 'description', 'os-volume-type-access:is_public',
               'extra_specs'}
MESSAGES_VERSION = {'OpenStack-API-Version': 'volume 3.3'}


def call(cloud, method, project, path, user='u1', **kwargs):
    return cloud.request(method, '/v3/%s%s' % (project, path),
                         token='%s:%s' % (user, project), **kwargs)


def create_volume(cloud, project, wait='available', **values):
    values.setdefault('size', 1)
    resp = call(cloud, 'POST', project, '/volumes', body={'volume': values})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'volumes', resp.json['volume']['id'], wait,
                                token='u1:' + project, project=project)


def create_snapshot(cloud, project, volume_id, **values):
    resp = call(cloud, 'POST', project, '/snapshots',
                body={'snapshot': dict(values, volume_id=volume_id)})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'],
                                'available', token='u1:' + project, project=project)


def create_type(cloud, name=None, **values):
    name = name or 'type-%s' % uuid.uuid4().hex[:8]
    resp = cloud.request('POST', '/v3/admin/types', token='admin:admin',
                         body={'volume_type': dict(values, name=name)})
    assert resp.status == 200, resp
    return resp.json['volume_type']


def forbidden(action):
    return {'forbidden': {'code': 403,
                          'message': "Policy doesn't allow %s to be performed." % action}}


# -- snapshots -------------------------------------------------------------------


def test_snapshot_life_cycle_with_cinderclient(shared_cloud, project):
    cs = shared_cloud.cinder('u1', project)
    volume = create_volume(shared_cloud, project)
    snap = cs.volume_snapshots.create(volume['id'], name='s1', description='first')
    assert (snap.status, snap.size, snap.volume_id) == ('creating', 1, volume['id'])
    fixtures.wait_status(shared_cloud, 'snapshots', snap.id, 'available',
                         token='u1:' + project, project=project)
    assert [s.id for s in cs.volume_snapshots.list()] == [snap.id]
    assert cs.volume_snapshots.list(search_opts={'name': 'nope'}) == []
    cs.volume_snapshots.update(snap.id, name='renamed', description=None)
    shown = cs.volume_snapshots.get(snap.id)
    assert (shown.name, shown.description, shown.status) == ('renamed', None, 'available')
    assert getattr(shown, 'os-extended-snapshot-attributes:progress') == '100%'
    cs.volume_snapshots.delete(snap.id)
    fixtures.wait_status(shared_cloud, 'snapshots', snap.id, 'deleted',
                         token='u1:' + project, project=project)
    with pytest.raises(cinder_exc.NotFound):
        cs.volume_snapshots.get(snap.id)
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_snapshot_views_have_the_3_0_fields(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    created = call(shared_cloud, 'POST', project, '/snapshots',
                   body={'snapshot': {'volume_id': volume['id'], 'name': 'v'}})
    assert created.status == 202
    # Like Cinder's, the create answer carries no extended attributes.
    assert set(created.json['snapshot']) == SNAPSHOT_SUMMARY_FIELDS
    snap = fixtures.wait_status(shared_cloud, 'snapshots', created.json['snapshot']['id'],
                                'available', token='u1:' + project, project=project)
    assert set(snap) == SNAPSHOT_FIELDS_3_0
    assert snap['os-extended-snapshot-attributes:project_id'] == project
    assert snap['metadata'] == {} and snap['name'] == 'v' and snap['size'] == 1
    detail = call(shared_cloud, 'GET', project, '/snapshots/detail').json['snapshots']
    assert [set(s) for s in detail] == [SNAPSHOT_FIELDS_3_0]
    summary = call(shared_cloud, 'GET', project, '/snapshots').json['snapshots']
    assert [set(s) for s in summary] == [SNAPSHOT_SUMMARY_FIELDS]
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_snapshot_lists_page_filter_and_stay_in_their_project(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    snaps = [create_snapshot(shared_cloud, project, volume['id'], name='s%d' % i)['id']
             for i in range(3)]
    other = 'x' + project
    theirs = create_snapshot(shared_cloud, other, create_volume(shared_cloud, other)['id'],
                             name='s0')
    page = call(shared_cloud, 'GET', project, '/snapshots?limit=2')
    assert [s['id'] for s in page.json['snapshots']] == snaps[::-1][:2]
    assert 'marker=%s' % snaps[1] in page.json['snapshots_links'][0]['href']
    rest = call(shared_cloud, 'GET', project, '/snapshots?limit=2&marker=' + snaps[1])
    assert [s['id'] for s in rest.json['snapshots']] == [snaps[0]]
    assert call(shared_cloud, 'GET', project,
                '/snapshots?marker=' + theirs['id']).status == 404
    assert call(shared_cloud, 'GET', project, '/snapshots?limit=x').status == 400
    by_name = call(shared_cloud, 'GET', project, '/snapshots/detail?name=s0')
    assert [s['id'] for s in by_name.json['snapshots']] == [snaps[0]]
    everyone = call(shared_cloud, 'GET', project, '/snapshots?all_tenants=1&name=s0')
    assert [s['id'] for s in everyone.json['snapshots']] == [snaps[0]]
    admin = call(shared_cloud, 'GET', project,
                 '/snapshots/detail?all_tenants=1&name=s0&volume_id=' + theirs['volume_id'],
                 user='admin')
    assert [s['id'] for s in admin.json['snapshots']] == [theirs['id']]
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_snapshot_metadata_is_kept_and_shown(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    resp = call(shared_cloud, 'POST', project, '/snapshots', body={'snapshot': {
        'volume_id': volume['id'], 'metadata': {'purpose': 'backup'}}})
    assert resp.status == 202, resp
    assert resp.json['snapshot']['metadata'] == {'purpose': 'backup'}
    snapshot_id = resp.json['snapshot']['id']
    fixtures.wait_status(shared_cloud, 'snapshots', snapshot_id, 'available',
                         token='u1:%s' % project, project=project)
    for path in ('/snapshots/%s' % snapshot_id, '/snapshots/detail', '/snapshots'):
        body = call(shared_cloud, 'GET', project, path).json
        shown = body['snapshot'] if 'snapshot' in body else body['snapshots'][0]
        assert shown['metadata'] == {'purpose': 'backup'}
    assert call(shared_cloud, 'DELETE', project, '/snapshots/%s' % snapshot_id).status == 202
    fixtures.wait_status(shared_cloud, 'snapshots', snapshot_id, 'deleted',
                         token='u1:%s' % project, project=project)
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_bad_snapshot_requests(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    for body, message in [
            ({'snapshot': {}}, "'volume_id' is a required property"),
            ({'snapshot': {'volume_id': volume['id'], 'force': 'maybe'}},
             'Invalid input for field/attribute force'),
            ({'snapshot': {'volume_id': volume['id'], 'name': 'n' * 256}},
             'Invalid input for field/attribute name')]:
        resp = call(shared_cloud, 'POST', project, '/snapshots', body=body)
        assert resp.status == 400, (body, resp)
        assert message in resp.json['badRequest']['message']
    missing = call(shared_cloud, 'POST', project, '/snapshots',
                   body={'snapshot': {'volume_id': 'nope'}})
    assert missing.status == 404
    assert missing.json['itemNotFound']['message'] == 'Volume nope could not be found.'
    # Cinder (and tempest's negative test) want 404, not 400, for a null volume_id.
    null = call(shared_cloud, 'POST', project, '/snapshots',
                body={'snapshot': {'volume_id': None}})
    assert null.status == 404, null
    assert null.json['itemNotFound']['message'] == 'Volume None could not be found.'
    snap = create_snapshot(shared_cloud, project, volume['id'])
    assert call(shared_cloud, 'DELETE', project, '/snapshots/' + snap['id']).status == 202
    again = call(shared_cloud, 'DELETE', project, '/snapshots/' + snap['id'])
    assert again.status in (400, 404)    # 404 once the manager has finished
    fixtures.wait_status(shared_cloud, 'snapshots', snap['id'], 'deleted',
                         token='u1:' + project, project=project)
    assert call(shared_cloud, 'GET', project, '/snapshots').json['snapshots'] == []
    fixtures.assert_usage_matches_rows(shared_cloud, project)


# -- volume types ----------------------------------------------------------------


def test_everyone_lists_and_shows_public_types(shared_cloud, project):
    vtype = create_type(shared_cloud, description='for reading',
                        extra_specs={'volume_backend_name': 'file', 'multiattach': '<is> False'})
    listed = call(shared_cloud, 'GET', project, '/types').json['volume_types']
    assert {'__DEFAULT__', vtype['name']} <= {t['name'] for t in listed}
    assert all(set(t) == TYPE_FIELDS for t in listed)
    for ref in (vtype['id'], vtype['name']):
        shown = call(shared_cloud, 'GET', project, '/types/' + ref).json['volume_type']
        assert shown == dict(vtype, extra_specs={'multiattach': '<is> False'})
    default = call(shared_cloud, 'GET', project, '/types/default').json['volume_type']
    assert default['name'] == '__DEFAULT__'
    admin = call(shared_cloud, 'GET', project, '/types/' + vtype['id'], user='admin')
    assert admin.json['volume_type']['extra_specs'] == {
        'volume_backend_name': 'file', 'multiattach': '<is> False'}
    missing = call(shared_cloud, 'GET', project, '/types/%s' % uuid.uuid4())
    assert missing.status == 404 and 'could not be found' in \
        missing.json['itemNotFound']['message']


def test_type_management_is_for_admins_only(shared_cloud, project):
    vtype = create_type(shared_cloud)
    path = '/types/' + vtype['id']
    for method, sub, body, action in [
            ('POST', '/types', {'volume_type': {'name': 'mine'}},
             'volume_extension:types_manage'),
            ('PUT', path, {'volume_type': {'name': 'mine'}}, 'volume_extension:types_manage'),
            ('DELETE', path, None, 'volume_extension:types_manage'),
            ('POST', path + '/extra_specs', {'extra_specs': {'k': 'v'}},
             'volume_extension:types_extra_specs:manage'),
            ('PUT', path + '/extra_specs/k', {'k': 'v'},
             'volume_extension:types_extra_specs:manage'),
            ('DELETE', path + '/extra_specs/k', None,
             'volume_extension:types_extra_specs:manage')]:
        resp = call(shared_cloud, method, project, sub, body=body)
        assert resp.status == 403, (method, sub, resp)
        assert resp.json == forbidden(action)
    cs = shared_cloud.cinder('u1', project)
    with pytest.raises(cinder_exc.Forbidden):
        cs.volume_types.create('mine')
    assert call(shared_cloud, 'GET', project, path).json['volume_type'] == vtype


def test_admin_creates_updates_and_deletes_types_and_extra_specs(shared_cloud, project):
    admin = shared_cloud.cinder('admin', project)
    name = 'managed-%s' % project
    vtype = admin.volume_types.create(name, description='d')
    assert (vtype.name, vtype.description, vtype.is_public) == (name, 'd', True)
    assert set(vtype._info) == TYPE_FIELDS
    vtype.set_keys({'volume_backend_name': 'file', 'answer': 42})
    assert admin.volume_types.get(vtype.id).get_keys() == {
        'volume_backend_name': 'file', 'answer': '42'}
    resp = call(shared_cloud, 'PUT', project, '/types/%s/extra_specs/answer' % vtype.id,
                user='admin', body={'answer': '43'})
    assert resp.status == 200 and resp.json == {'answer': '43'}
    resp = call(shared_cloud, 'GET', project, '/types/%s/extra_specs/answer' % vtype.id,
                user='admin')
    assert resp.json == {'answer': '43'}
    vtype.unset_keys(['answer'])
    assert admin.volume_types.get(vtype.id).get_keys() == {'volume_backend_name': 'file'}
    assert call(shared_cloud, 'DELETE', project, '/types/%s/extra_specs/answer' % vtype.id,
                user='admin').status == 404
    updated = admin.volume_types.update(vtype.id, name=name + '-new', description='e')
    assert (updated.name, updated.description) == (name + '-new', 'e')
    # Cinder's update answer has no os-volume-type-access:is_public.
    assert set(updated._info) == TYPE_FIELDS - {'os-volume-type-access:is_public'}
    private = admin.volume_types.update(vtype.id, is_public=False)
    assert private.is_public is False and private.name == name + '-new'
    admin.volume_types.delete(vtype.id)
    with pytest.raises(cinder_exc.NotFound):
        admin.volume_types.get(vtype.id)


def test_duplicate_type_names_are_409(shared_cloud, project):
    first = create_type(shared_cloud)
    second = create_type(shared_cloud)
    resp = call(shared_cloud, 'POST', project, '/types', user='admin',
                body={'volume_type': {'name': first['name']}})
    assert resp.status == 409
    assert resp.json == {'conflictingRequest': {
        'code': 409, 'message': 'Volume Type %s already exists.' % first['name']}}
    resp = call(shared_cloud, 'PUT', project, '/types/' + second['id'], user='admin',
                body={'volume_type': {'name': first['name']}})
    assert resp.status == 409
    assert call(shared_cloud, 'GET', project, '/types/' + second['id']).json[
        'volume_type']['name'] == second['name']


@pytest.mark.parametrize('name', ['', '   '])
def test_type_needs_a_name(shared_cloud, project, name):
    resp = call(shared_cloud, 'POST', project, '/types', user='admin',
                body={'volume_type': {'name': name}})
    assert resp.status == 400, resp
    names = [t['name'] for t in call(shared_cloud, 'GET', project, '/types').json[
        'volume_types']]
    assert name.strip() not in names


def test_type_in_use_cannot_be_deleted(shared_cloud, project):
    vtype = create_type(shared_cloud)
    volume = create_volume(shared_cloud, project, volume_type=vtype['name'])
    resp = call(shared_cloud, 'DELETE', project, '/types/' + vtype['id'], user='admin')
    assert resp.status == 400
    assert resp.json == {'badRequest': {'code': 400,
                                        'message': 'Target volume type is still in use.'}}
    default = call(shared_cloud, 'GET', project, '/types/default').json['volume_type']
    resp = call(shared_cloud, 'DELETE', project, '/types/' + default['id'], user='admin')
    assert resp.status == 400
    assert call(shared_cloud, 'DELETE', project, '/volumes/' + volume['id']).status == 202
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token='u1:' + project, project=project)
    assert call(shared_cloud, 'DELETE', project, '/types/' + vtype['id'],
                user='admin').status == 202
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_private_types_are_invisible_and_unusable_for_members(shared_cloud, project):
    private = create_type(shared_cloud, **{'os-volume-type-access:is_public': False})
    assert private['is_public'] is False
    names = {t['name'] for t in call(shared_cloud, 'GET', project, '/types').json[
        'volume_types']}
    assert private['name'] not in names
    admin_names = {t['name'] for t in call(shared_cloud, 'GET', project,
                                           '/types?is_public=none',
                                           user='admin').json['volume_types']}
    assert private['name'] in admin_names
    for ref in (private['id'], private['name']):
        resp = call(shared_cloud, 'GET', project, '/types/' + ref)
        assert resp.status == 404
        assert resp.json['itemNotFound']['message'] == \
            'Volume type with name %s could not be found.' % ref
        resp = call(shared_cloud, 'POST', project, '/volumes',
                    body={'volume': {'size': 1, 'volume_type': ref}})
        assert resp.status == 404, resp
        assert resp.json['itemNotFound']['message'] == \
            'Volume type with name %s could not be found.' % ref
    assert call(shared_cloud, 'GET', project, '/volumes').json['volumes'] == []
    fixtures.assert_usage_matches_rows(shared_cloud, project)
    admins = call(shared_cloud, 'POST', project, '/volumes', user='admin',
                  body={'volume': {'size': 1, 'volume_type': private['name']}})
    assert admins.status == 202


def test_renaming_keeps_the_default_type_and_per_type_quota_usage(shared_cloud, project):
    vtype = create_type(shared_cloud)
    volume = create_volume(shared_cloud, project, volume_type=vtype['name'])
    resp = call(shared_cloud, 'PUT', project, '/types/' + vtype['id'], user='admin',
                body={'volume_type': {'name': vtype['name'] + '-renamed'}})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid volume type: Volume type %s is in use and cannot be renamed.'
        % vtype['name'])
    resp = call(shared_cloud, 'PUT', project, '/types/' + vtype['id'], user='admin',
                body={'volume_type': {'name': vtype['name'], 'description': 'same name'}})
    assert resp.status == 200 and resp.json['volume_type']['description'] == 'same name'
    fixtures.assert_usage_matches_rows(shared_cloud, project)
    default = call(shared_cloud, 'GET', project, '/types/default').json['volume_type']
    resp = call(shared_cloud, 'PUT', project, '/types/' + default['id'], user='admin',
                body={'volume_type': {'name': 'not-default'}})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == \
        'Invalid volume type: The default type cannot be renamed.'
    create_volume(shared_cloud, project)

    assert call(shared_cloud, 'DELETE', project, '/volumes/' + volume['id']).status == 202
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token='u1:' + project, project=project)
    resp = call(shared_cloud, 'PUT', project, '/types/' + vtype['id'], user='admin',
                body={'volume_type': {'name': vtype['name'] + '-renamed'}})
    assert resp.status == 200 and resp.json['volume_type']['name'] == \
        vtype['name'] + '-renamed'
    fixtures.assert_usage_matches_rows(shared_cloud, project)


# -- a type no backend serves: error and a user message ----------------------------


def test_type_matching_no_backend_gives_error_and_a_message(shared_cloud, project):
    vtype = create_type(shared_cloud, extra_specs={'volume_backend_name': 'nowhere'})
    volume = create_volume(shared_cloud, project, wait='error', volume_type=vtype['name'])
    shown = call(shared_cloud, 'GET', project, '/volumes/' + volume['id'], user='admin')
    assert shown.json['volume']['os-vol-host-attr:host'] is None
    messages = call(shared_cloud, 'GET', project, '/messages', headers=MESSAGES_VERSION)
    assert messages.status == 200
    message, = messages.json['messages']
    assert message['resource_uuid'] == volume['id']
    assert message['resource_type'] == 'VOLUME'
    assert message['message_level'] == 'ERROR'
    assert message['event_id'] == 'VOLUME_000001'
    assert message['user_message'] == (
        'schedule allocate volume: no backend can hold this volume: volume type %s asks '
        'for the backend nowhere (its volume_backend_name), and no running backend has '
        'that name; choose another volume type.' % vtype['name'])
    shown = call(shared_cloud, 'GET', project, '/messages/' + message['id'],
                 headers=MESSAGES_VERSION)
    assert shown.json['message'] == message
    other = call(shared_cloud, 'GET', 'x' + project, '/messages/' + message['id'],
                 headers=MESSAGES_VERSION)
    assert other.status == 404
    assert call(shared_cloud, 'GET', 'x' + project, '/messages',
                headers=MESSAGES_VERSION).json == {'messages': []}

    assert call(shared_cloud, 'DELETE', project, '/volumes/' + volume['id']).status == 202
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token='u1:' + project, project=project)
    fixtures.assert_usage_matches_rows(shared_cloud, project)
    usage = call(shared_cloud, 'GET', project,
                 '/os-quota-sets/%s?usage=True' % project).json['quota_set']
    assert usage['volumes']['in_use'] == 0 and usage['gigabytes']['in_use'] == 0
    assert call(shared_cloud, 'DELETE', project, '/messages/' + message['id'],
                headers=MESSAGES_VERSION).status == 204
    assert call(shared_cloud, 'GET', project, '/messages/' + message['id'],
                headers=MESSAGES_VERSION).status == 404


def test_type_asking_for_capabilities_no_backend_has_gives_error_and_a_message(
        shared_cloud, project):
    """As tempest's UserMessagesTest: Cinder's CapabilitiesFilter on the type's specs."""
    vtype = create_type(shared_cloud, extra_specs={'storage_protocol': 'iSCSI',
                                                   'vendor_name': 'Acme'})
    volume = create_volume(shared_cloud, project, wait='error', volume_type=vtype['name'])
    messages = call(shared_cloud, 'GET', project, '/messages',
                    headers=MESSAGES_VERSION).json['messages']
    message, = [m for m in messages if m['resource_uuid'] == volume['id']]
    assert message['event_id'] == 'VOLUME_000001'
    assert message['user_message'] == (
        'schedule allocate volume: no backend can hold this volume: volume type %s asks '
        'for capabilities (its extra specs) that no running backend has; choose another '
        'volume type.' % vtype['name'])
    # The same backend, asked for what it reports (any case, Cinder's operators): placed.
    ok = create_type(shared_cloud, extra_specs={
        'storage_protocol': 'FILE', 'capabilities:vendor_name': '<or> acme <or> cinderlite',
        'capabilities:consistencygroup_support': '<is> True'})
    create_volume(shared_cloud, project, volume_type=ok['name'])
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_group_of_a_type_matching_no_backend_gives_error_and_a_message(shared_cloud,
                                                                       project):
    vtype = create_type(shared_cloud, extra_specs={'volume_backend_name': 'nowhere'})
    resp = call(shared_cloud, 'POST', project, '/consistencygroups',
                body={'consistencygroup': {'volume_types': vtype['name']}})
    assert resp.status == 202, resp
    group_id = resp.json['consistencygroup']['id']
    fixtures.wait_status(shared_cloud, 'consistencygroups', group_id, 'error',
                         token='u1:' + project, project=project)
    message, = call(shared_cloud, 'GET', project, '/messages',
                    headers=MESSAGES_VERSION).json['messages']
    assert message['resource_uuid'] == group_id
    assert message['event_id'] == 'GROUP_000001'
    assert 'volume type %s asks for the backend nowhere' % vtype['name'] in \
        message['user_message']
    fixtures.assert_usage_matches_rows(shared_cloud, project)
