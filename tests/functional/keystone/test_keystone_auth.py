"""Auth, policy and tenant isolation, against a real Keystone and in noauth mode.

One Keystone (a real ``keystone`` from PyPI in its own virtualenv, see
``tests/functional/keystone_fixture.py``) serves the whole session;
cinderlite runs with ``auth_strategy = keystone`` behind the real
keystonemiddleware ``auth_token``, and is registered in Keystone's catalog as
the ``volumev3`` endpoint. Tests that do not depend on tokens also run in
noauth mode (``auth_cloud`` parameter).
"""

import datetime
import time

from cinderclient import client as cinder_client
from cinderclient import exceptions as cinder_exc
from keystonemiddleware import auth_token
from oslo_middleware import request_id
import pytest
import webob
import webob.dec

from cinderlite.api import wsgi
from cinderlite.api.middleware import auth
from tests import fixtures
from tests.functional import keystone_fixture
from tests.functional import server_process
from tests.functional.keystone import resources
from tests.functional.keystone import routes

BOTH_MODES = pytest.mark.parametrize('auth_cloud', ['noauth', 'keystone'], indirect=True)
KEYSTONE_ONLY = pytest.mark.parametrize('auth_cloud', ['keystone'], indirect=True)


@pytest.fixture(scope='module')
def project_a(auth_cloud, actors):
    return resources.ProjectResources(auth_cloud, actors)


# -- the matrix: every route that takes an id, every caller ------------------------------


@BOTH_MODES
@pytest.mark.parametrize('route', routes.ROUTES, ids=str)
def test_each_caller_gets_what_policy_and_project_scoping_allow(auth_cloud, actors,
                                                                project_a, route):
    ids = project_a.ids_for(route)
    path = route.path.format(**ids)
    before = project_a.seen_by_admin(route, ids)
    for name in ('owner', 'other', 'reader'):
        expected = getattr(route, name)
        if expected is None or name not in actors:
            continue
        resp = actors[name].call(auth_cloud, route.method, path, body=route.body,
                                 headers=route.headers)
        assert resp.status == expected, (name, resp)
        if expected == 403:
            assert resp.json == routes.forbidden(route.rule), (name, resp)
        if expected == 404:
            assert set(resp.json) == {'itemNotFound'}, (name, resp)
    assert project_a.seen_by_admin(route, ids) == before, 'a refused call changed something'
    resp = actors['admin'].call(auth_cloud, route.method, path, body=route.body,
                                headers=route.headers)
    assert resp.status == route.admin, resp
    project_a.wait_until_settled(ids)


# -- another project's volumes, groups and cgsnapshots are out of reach -------------------


def _everything(cloud, admin):
    """Every project's groups, volumes, snapshots and cgsnapshots, as the admin sees them."""
    found = {}
    for collection in ('consistencygroups', 'volumes', 'snapshots', 'cgsnapshots'):
        resp = admin.call(cloud, 'GET', '/%s/detail?all_tenants=1' % collection)
        assert resp.status == 200, resp
        found[collection] = resp.json[collection]
    return found


@pytest.fixture(scope='module')
def project_b_group(auth_cloud, actors, project_a):
    """An empty group of project B, of the type project A's volumes have."""
    body = {'consistencygroup': {'name': 'b-group', 'volume_types': project_a.type}}
    resp = actors['other'].call(auth_cloud, 'POST', '/consistencygroups', body=body)
    assert resp.status == 202, resp
    group_id = resp.json['consistencygroup']['id']
    fixtures.wait_status(auth_cloud, 'consistencygroups', group_id, 'available',
                         actors['other'].token, actors['other'].project_id)
    return group_id


@BOTH_MODES
def test_a_project_cannot_put_another_projects_volume_in_its_group(auth_cloud, actors,
                                                                    project_a,
                                                                    project_b_group):
    volume_id = project_a.make_volume()
    before = _everything(auth_cloud, actors['admin'])
    update = {'consistencygroup': {'add_volumes': volume_id}}
    path = '/consistencygroups/%s/update' % project_b_group
    resp = actors['other'].call(auth_cloud, 'PUT', path, body=update)
    assert resp.status == 404, resp
    assert resp.json == {'itemNotFound': {
        'code': 404, 'message': 'Volume %s could not be found.' % volume_id}}
    # Even the admin may not mix projects in one group (LP #1712588).
    resp = actors['admin'].call(auth_cloud, 'PUT', path, body=update)
    assert resp.status == 400, resp
    assert 'it belongs to another project' in resp.json['badRequest']['message']
    assert _everything(auth_cloud, actors['admin']) == before


@BOTH_MODES
@pytest.mark.parametrize('source', ['source_cgid', 'cgsnapshot_id'])
def test_a_project_cannot_clone_another_projects_group_or_cgsnapshot(auth_cloud, actors,
                                                                     project_a, source):
    source_id = project_a.shared['group' if source == 'source_cgid' else 'cgsnapshot']
    before = _everything(auth_cloud, actors['admin'])
    usage = actors['admin'].call(auth_cloud, 'GET', '/os-quota-sets/%s?usage=True'
                                 % actors['other'].project_id).json
    body = {'consistencygroup-from-src': {'name': 'stolen', source: source_id}}
    resp = actors['other'].call(auth_cloud, 'POST', '/consistencygroups/create_from_src',
                                body=body)
    assert resp.status == 404, resp
    assert set(resp.json) == {'itemNotFound'}
    assert source_id in resp.json['itemNotFound']['message']
    if 'reader' in actors:
        resp = actors['reader'].call(auth_cloud, 'POST',
                                     '/consistencygroups/create_from_src', body=body)
        assert resp.status == 403, resp
        assert resp.json == routes.forbidden('consistencygroup:create')
    assert _everything(auth_cloud, actors['admin']) == before
    assert actors['admin'].call(auth_cloud, 'GET', '/os-quota-sets/%s?usage=True'
                                % actors['other'].project_id).json == usage


@BOTH_MODES
def test_a_token_works_only_under_its_own_project_in_the_url(auth_cloud, actors, project_a):
    resp = auth_cloud.request('GET', '/v3/%s/volumes/%s' % (
        actors['owner'].project_id, project_a.shared['volume']), token=actors['other'].token)
    assert resp.status == 400, resp
    assert resp.json == {'badRequest': {'code': 400, 'message': 'Malformed request url'}}
    # The project-less form (3.67) takes the project from the token.
    resp = auth_cloud.request('GET', '/v3/volumes/%s' % project_a.shared['volume'],
                              token=actors['owner'].token)
    assert resp.status == 200, resp


# -- Keystone only: the context comes from the token ------------------------------------


@pytest.mark.parametrize('name, roles, is_admin', [
    ('member-a', ['member', 'reader'], False),
    ('reader-a', ['reader'], False),
    ('admin', ['admin', 'manager', 'member', 'reader'], True)])
def test_keystone_context_is_what_the_token_says(keystone, tmp_path, name, roles, is_admin):
    """The real auth_token, then our KeystoneContext, in front of an app that keeps it."""
    seen = {}

    @webob.dec.wsgify
    def keep_context(req):
        seen['context'] = req.environ[wsgi.CONTEXT_KEY]
        return webob.Response()
    conf = fixtures.make_conf(tmp_path, 'sqlite://', auth_strategy='keystone')
    keystone_fixture.configure_authtoken(conf, keystone.authtoken_options())
    stack = request_id.RequestId(auth_token.AuthProtocol(
        auth.KeystoneContext(keep_context), {'oslo_config_config': conf}))
    identity = keystone.identities[name]
    token, _ = keystone.issue_token(identity)
    resp = webob.Request.blank('/volumes', headers={'X-Auth-Token': token}).get_response(stack)
    assert resp.status_int == 200, resp
    context = seen['context']
    assert (context.user_id, context.user_name) == (identity.user_id, name)
    assert (context.project_id, context.project_name) == (identity.project_id,
                                                          identity.project_name)
    assert (context.user_domain_id, context.project_domain_id) == ('default', 'default')
    assert sorted(context.roles) == roles
    assert context.is_admin is is_admin
    assert context.request_id == resp.headers['x-openstack-request-id']
    assert context.auth_token == token


@KEYSTONE_ONLY
def test_the_context_carries_the_tokens_user_project_and_request_id(auth_cloud, actors,
                                                                     project_a):
    owner = actors['owner']
    body = {'volume': {'size': 1, 'volume_type': project_a.nowhere_type}}
    created = owner.call(auth_cloud, 'POST', '/volumes', body=body)
    assert created.status == 202, created
    volume = created.json['volume']
    assert volume['user_id'] == owner.user_id
    project_a.wait('volumes', volume['id'], 'error')
    shown = owner.call(auth_cloud, 'GET', '/volumes/' + volume['id']).json['volume']
    assert shown['os-vol-tenant-attr:tenant_id'] == owner.project_id

    def message():
        messages = owner.call(auth_cloud, 'GET', '/messages',
                              headers=routes.MESSAGES_VERSION).json['messages']
        return next((m for m in messages if m['resource_uuid'] == volume['id']), None)
    assert fixtures.wait_for(message)['request_id'] == \
        created.headers['x-openstack-request-id']


@KEYSTONE_ONLY
def test_roles_come_from_keystone_not_from_the_client(auth_cloud, actors, project_a):
    # auth_token removes identity headers a client sends; only the admin role
    # that Keystone put in the token makes an admin.
    forged = {'X-Roles': 'admin,member,reader', 'X-Project-Id': actors['owner'].project_id,
              'X-Identity-Status': 'Confirmed'}
    resp = actors['reader'].call(auth_cloud, 'PUT', '/volumes/' + project_a.shared['volume'],
                                 body={'volume': {'name': 'forged'}}, headers=forged)
    assert resp.status == 403, resp
    assert resp.json == routes.forbidden('volume:update')
    resp = actors['other'].call(auth_cloud, 'GET', '/volumes/detail?all_tenants=1',
                                headers=forged)
    assert resp.status == 200 and resp.json == {'volumes': []}, resp
    listed = actors['admin'].call(auth_cloud, 'GET', '/volumes/detail?all_tenants=1').json
    assert project_a.shared['volume'] in [v['id'] for v in listed['volumes']]


@KEYSTONE_ONLY
def test_a_reader_cannot_create_anything(auth_cloud, actors, project_a):
    before = _everything(auth_cloud, actors['admin'])
    reader = actors['reader']
    for path, body, rule in [
            ('/volumes', {'volume': {'size': 1}}, 'volume:create'),
            ('/snapshots', {'snapshot': {'volume_id': project_a.shared['volume']}},
             'volume:create_snapshot'),
            ('/consistencygroups', {'consistencygroup': {'volume_types': project_a.type}},
             'consistencygroup:create'),
            ('/cgsnapshots', {'cgsnapshot': {'consistencygroup_id': project_a.shared['group']}},
             'consistencygroup:create_cgsnapshot'),
            ('/types', {'volume_type': {'name': 'by-reader'}}, routes.TYPES_MANAGE)]:
        resp = reader.call(auth_cloud, 'POST', path, body=body)
        assert resp.status == 403, (path, resp)
        assert resp.json == routes.forbidden(rule)
    assert _everything(auth_cloud, actors['admin']) == before


@KEYSTONE_ONLY
@pytest.mark.parametrize('scope', [{'system': {'all': True}}, None], ids=['system', 'unscoped'])
def test_a_token_without_a_project_is_refused(auth_cloud, actors, keystone, scope):
    token = keystone.issue_token(keystone.identities['admin'], scope=scope)[0]
    before = _everything(auth_cloud, actors['admin'])
    for method, body in [('GET', None), ('POST', {'volume': {'size': 1}})]:
        resp = auth_cloud.request(method, '/v3/volumes', token=token, body=body)
        assert resp.status == 403, resp
        assert resp.json == {'forbidden': {
            'code': 403, 'message': 'cinderlite accepts only project-scoped tokens.'}}
    assert _everything(auth_cloud, actors['admin']) == before


def test_cinderlite_all_takes_keystone_authtoken_from_its_config_file(keystone, tmp_path):
    """The operator's way (doc/source/keystone.rst): options in cinderlite.conf."""
    server = server_process.ServerProcess(tmp_path)
    lines = ['[DEFAULT]', 'auth_strategy = keystone', '[keystone_authtoken]']
    lines += ['%s = %s' % option for option in keystone.authtoken_options().items()]
    with open(server.config, 'a') as f:
        f.write('\n'.join(lines) + '\n')
    member = keystone.identities['member-a']
    path = '/v3/%s/volumes' % member.project_id
    try:
        server.start()
        assert server.request('GET', path, token=keystone.issue_token(member)[0]).status == 200
        resp = server.request('GET', path, token='member-a:%s' % member.project_id)
        assert resp.status == 401, resp
    finally:
        server.stop_quietly()


# -- Keystone only: tokens that are not (or no longer) valid ----------------------------


def _assert_unauthenticated(cloud, keystone, token, path):
    resp = cloud.request('GET', path, token=token)
    assert resp.status == 401, resp
    assert resp.headers['WWW-Authenticate'] == 'Keystone uri="%s"' % keystone.url


@KEYSTONE_ONLY
def test_a_missing_or_bogus_token_is_401_with_where_to_get_one(auth_cloud, actors,
                                                                keystone):
    path = '/v3/%s/volumes' % actors['owner'].project_id
    _assert_unauthenticated(auth_cloud, keystone, None, path)
    _assert_unauthenticated(auth_cloud, keystone, 'gAAAAABnot-a-token', path)


@KEYSTONE_ONLY
def test_a_revoked_token_is_401(auth_cloud, keystone):
    member = keystone.identities['member-a']
    token, _ = keystone.issue_token(member)
    path = '/v3/%s/volumes' % member.project_id
    assert auth_cloud.request('GET', path, token=token).status == 200
    keystone.revoke_token(token)
    _assert_unauthenticated(auth_cloud, keystone, token, path)


@KEYSTONE_ONLY
def test_an_expired_token_is_401(auth_cloud, keystone):
    member = keystone.identities['member-a']
    token, body = keystone.issue_short_lived_token(member, seconds=4)
    path = '/v3/%s/volumes' % member.project_id
    assert auth_cloud.request('GET', path, token=token).status == 200
    expires = datetime.datetime.fromisoformat(body['expires_at'].replace('Z', '+00:00'))
    time.sleep(max(0.0, (expires - datetime.datetime.now(datetime.timezone.utc))
                   .total_seconds()) + 0.5)
    _assert_unauthenticated(auth_cloud, keystone, token, path)


# -- Keystone only: python-cinderclient finds cinderlite in the catalog -------------------


def _cinder(keystone, identity_name):
    return cinder_client.Client('3.6', session=keystone.session(
        keystone.identities[identity_name]))


def _wait(manager, resource_id, status='available'):
    return fixtures.wait_for(lambda: manager.get(resource_id).status == status,
                             what='%s to be %s' % (resource_id, status))


@KEYSTONE_ONLY
def test_cinderclient_with_password_auth_clones_a_group(auth_cloud, keystone):
    member = keystone.identities['member-b']
    admin = _cinder(keystone, 'admin')
    vtype = admin.volume_types.create(resources.unique('client-type'))
    cs = _cinder(keystone, 'member-b')
    assert cs.client.get_endpoint() == '%s/v3/%s' % (auth_cloud.url, member.project_id)
    group = cs.consistencygroups.create(vtype.id, name='client-src')
    _wait(cs.consistencygroups, group.id)
    volumes = [cs.volumes.create(1, consistencygroup_id=group.id, volume_type=vtype.id,
                                 name='m%d' % i) for i in range(2)]
    for volume in volumes:
        _wait(cs.volumes, volume.id)
    cgsnapshot = cs.cgsnapshots.create(group.id, name='client-snap')
    _wait(cs.cgsnapshots, cgsnapshot.id)
    from_snapshot = cs.consistencygroups.create_from_src(cgsnapshot.id, None, name='from-snap')
    from_group = cs.consistencygroups.create_from_src(None, group.id, name='from-group')
    for clone in (from_snapshot, from_group):
        _wait(cs.consistencygroups, clone['id'])
    members = {clone['id']: cs.volumes.list(search_opts={'consistencygroup_id': clone['id']})
               for clone in (from_snapshot, from_group)}
    snapshots = {s.id for s in cs.volume_snapshots.list()
                 if s.volume_id in {v.id for v in volumes}}
    assert {v.snapshot_id for v in members[from_snapshot['id']]} == snapshots
    assert {v.source_volid for v in members[from_group['id']]} == {v.id for v in volumes}
    assert all(v.status == 'available' for vs in members.values() for v in vs)
    with pytest.raises(cinder_exc.NotFound):
        _cinder(keystone, 'member-a').consistencygroups.get(group.id)
    with pytest.raises(cinder_exc.Forbidden):
        _cinder(keystone, 'reader-b').consistencygroups.create_from_src(None, group.id)

