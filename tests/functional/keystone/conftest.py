"""Fixtures of the auth tests: one real Keystone per session, a cinderlite per auth mode.

``auth_cloud`` is module-scoped and parametrised (indirectly) by auth mode:
``noauth`` or ``keystone``. Only one cinderlite runs in a process at a time
(its database engine and policy enforcer are per process), so pytest's
grouping of tests by this parameter matters: the ``noauth`` cases run, that
cloud stops, then the ``keystone`` ones. ``actors`` gives, for the cloud's
mode, the same cast: ``owner`` (a member of project A), ``reader`` (a reader of
project A; keystone only: noauth has no roles to give), ``other`` (a member of
project B) and ``admin``.
"""

import dataclasses

import pytest

from tests import fixtures
from tests.functional import keystone_fixture


@pytest.fixture(scope='session')
def keystone(tmp_path_factory):
    server = keystone_fixture.Keystone(tmp_path_factory.mktemp('keystone'))
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope='module')
def auth_cloud(request, tmp_path_factory):
    """A live cinderlite in the auth mode ``request.param``."""
    mode = request.param
    tmp = tmp_path_factory.mktemp('cloud-' + mode)
    with fixtures.database('sqlite', tmp) as url:
        # Room for every resource the module makes in one project.
        conf = fixtures.make_conf(tmp, url, auth_strategy=mode, quota_volumes=100,
                                  quota_snapshots=100, quota_groups=100)
        if mode == 'keystone':
            keystone = request.getfixturevalue('keystone')
            keystone_fixture.configure_authtoken(conf, keystone.authtoken_options())
        live = fixtures.Cloud(conf).start()
        live.auth_mode = mode
        try:
            if mode == 'keystone':
                keystone.register_endpoint('volumev3', 'cinderv3',
                                           live.url + '/v3/%(project_id)s')
            yield live
        finally:
            live.stop()


@dataclasses.dataclass
class Actor:
    """Who calls: the token to send and the project it is scoped to."""

    name: str
    token: str
    project_id: str
    user_id: str

    def call(self, cloud, method, path, **kwargs):
        """``method /v3/<own project><path>`` with this actor's token."""
        return cloud.request(method, '/v3/%s%s' % (self.project_id, path),
                             token=self.token, **kwargs)


@pytest.fixture(scope='module')
def actors(auth_cloud, request):
    """``{'owner', 'reader' (keystone only), 'other', 'admin'}`` for ``auth_cloud``'s mode."""
    if auth_cloud.auth_mode == 'noauth':
        return {name: Actor(name, '%s:%s' % (user, project), project, user)
                for name, user, project in [('owner', 'member-a', 'project-a'),
                                            ('other', 'member-b', 'project-b'),
                                            ('admin', 'admin', 'admin')]}
    keystone = request.getfixturevalue('keystone')
    cast = {'owner': 'member-a', 'reader': 'reader-a', 'other': 'member-b', 'admin': 'admin'}
    found = {}
    for name, identity_name in cast.items():
        identity = keystone.identities[identity_name]
        token, _ = keystone.issue_token(identity)
        found[name] = Actor(name, token, identity.project_id, identity.user_id)
    return found
