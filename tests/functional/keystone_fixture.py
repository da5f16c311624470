"""A real OpenStack Keystone for functional tests: its own virtualenv, SQLite, fernet tokens.

:class:`Keystone` serves Keystone with waitress on 127.0.0.1 from a state
directory of its own, made from the cached installation
(``keystone/installation.py``), and creates the projects, users and roles the
tests need through Keystone's API. :func:`configure_authtoken` gives a
cinderlite config the ``[keystone_authtoken]`` section to use it.

Keystone's needs (each learned the hard way): without ``[cache] enabled`` it
runs ~450 queries per token validation; without ``[resource]
admin_project_name`` every token says ``is_admin_project``; the auth_token
service user needs the ``service`` role, or every request through the
middleware is a 503.
"""

import dataclasses
import datetime
import logging
import os
import secrets
import shutil
import subprocess
import time

from keystoneauth1 import loading
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from keystonemiddleware import auth_token
import requests

from tests import fixtures
from tests.functional.keystone import installation

LOG = logging.getLogger(__name__)

REGION = installation.REGION
DOMAIN = 'default'
START_TIMEOUT = 60
PROJECT_SCOPE = object()


@dataclasses.dataclass
class Identity:
    """A Keystone user and the project its tokens are scoped to."""

    name: str
    password: str
    project_name: str
    user_id: str = None
    project_id: str = None


class Keystone:
    """One Keystone server on 127.0.0.1 with its state under ``state_dir``.

    :meth:`start` leaves it with: the bootstrap ``admin`` (role admin on
    project ``admin``); projects ``project-a`` and ``project-b``, each with a
    member and a reader (``member-a``, ``reader-a``, ``member-b``,
    ``reader-b``); and the service user ``cinderlite`` (role service on
    project ``service``) for auth_token. :attr:`identities` has them all by
    name, with a password made for this server; :attr:`timings` says how long
    the steps of :meth:`start` took.
    """

    def __init__(self, state_dir, install=None):
        self.state = str(state_dir)
        self.installation = install or installation.Installation()
        self.process = None
        self.url = None
        self.identities = {}
        self.timings = {}

    # -- life cycle -------------------------------------------------------------------

    def start(self):
        started = time.monotonic()
        self.installation.ensure()
        self.timings['install'] = time.monotonic() - started
        template = self.installation.template
        shutil.copy2(os.path.join(template, 'keystone.db'), self.state)
        for keys in ('fernet-keys', 'credential-keys'):
            shutil.copytree(os.path.join(template, keys), os.path.join(self.state, keys))
        installation.write_conf(self.state)
        serving = time.monotonic()
        self._serve()
        self.timings['serve'] = time.monotonic() - serving
        setting_up = time.monotonic()
        self.identities['admin'] = Identity('admin', self.installation.admin_password(),
                                            'admin')
        self._admin = self.session(self.identities['admin'])
        self._set_identity_endpoints()
        self._create_identities()
        self.timings['identities'] = time.monotonic() - setting_up
        self.timings['total'] = time.monotonic() - started
        LOG.info('Keystone ready at %s: %s', self.url, self.timings)
        return self

    def _serve(self):
        log_path = os.path.join(self.state, 'server.log')
        for _ in range(3):
            port = fixtures.free_port()
            with open(log_path, 'ab') as log:
                self.process = subprocess.Popen(
                    [self.installation.python, installation.PROCESS_SCRIPT, 'serve', str(port)],
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                    env=installation.keystone_env(OS_KEYSTONE_CONFIG_DIR=self.state))
            self.url = 'http://127.0.0.1:%d/v3' % port
            if self._wait_until_answers():
                return
            if 'Address already in use' not in installation.tail(log_path):
                break
        self.stop()
        raise RuntimeError('Keystone did not start; see %s:\n%s'
                           % (log_path, installation.tail(log_path)))

    def _wait_until_answers(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if requests.get(self.url, timeout=5).status_code == 200:
                    return True
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        return False

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    # -- tokens -----------------------------------------------------------------------

    def session(self, identity):
        """A keystoneauth session that logs ``identity`` in with its password."""
        auth = v3.Password(auth_url=self.url, username=identity.name,
                           password=identity.password, user_domain_id=DOMAIN,
                           project_name=identity.project_name, project_domain_id=DOMAIN)
        return ks_session.Session(auth=auth)

    def issue_token(self, identity, scope=PROJECT_SCOPE):
        """A new token of ``identity``: ``(token, token body)``.

        ``scope``: Keystone's ``scope`` object; by default the identity's
        project; ``None`` for an unscoped token.
        """
        auth = {'identity': {'methods': ['password'], 'password': {'user': {
            'name': identity.name, 'domain': {'id': DOMAIN}, 'password': identity.password}}}}
        if scope is PROJECT_SCOPE:
            scope = {'project': {'name': identity.project_name, 'domain': {'id': DOMAIN}}}
        if scope is not None:
            auth['scope'] = scope
        return self._post_token(auth)

    def issue_short_lived_token(self, identity, seconds):
        """A project-scoped token of ``identity`` that expires in ``seconds``.

        Keystone caps a token's life at the expiry of the application
        credential it was issued for (CVE-2022-2447): the one way to get an
        expired token without waiting ``[token] expiration``.
        """
        token, _ = self.issue_token(identity)
        expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(
            seconds=seconds)
        resp = requests.post(
            '%s/users/%s/application_credentials' % (self.url, identity.user_id),
            headers={'X-Auth-Token': token}, timeout=30,
            json={'application_credential': {
                'name': 'short-%s' % secrets.token_hex(4),
                'expires_at': expires.strftime('%Y-%m-%dT%H:%M:%S.%f')}})
        resp.raise_for_status()
        credential = resp.json()['application_credential']
        return self._post_token({'identity': {
            'methods': ['application_credential'],
            'application_credential': {'id': credential['id'],
                                       'secret': credential['secret']}}})

    def _post_token(self, auth):
        resp = requests.post(self.url + '/auth/tokens', json={'auth': auth}, timeout=30)
        resp.raise_for_status()
        return resp.headers['X-Subject-Token'], resp.json()['token']

    def revoke_token(self, token):
        """``DELETE /v3/auth/tokens``: Keystone refuses ``token`` from now on."""
        self.api('DELETE', '/auth/tokens', headers={'X-Subject-Token': token})

    def authtoken_options(self, **overrides):
        """cinderlite's ``[keystone_authtoken]`` for this server, as an operator writes it.

        ``token_cache_time = -1`` makes every request ask Keystone, so that a
        revoked token is refused at once (by default for up to 300 s it is not).
        """
        service_user = self.identities['cinderlite']
        options = {
            'www_authenticate_uri': self.url,
            'auth_url': self.url,
            'auth_type': 'password',
            'username': service_user.name,
            'password': service_user.password,
            'project_name': service_user.project_name,
            'user_domain_name': 'Default',
            'project_domain_name': 'Default',
            'region_name': REGION,
            'service_token_roles_required': True,
            'token_cache_time': -1,
        }
        options.update(overrides)
        return options

    # -- the admin API ----------------------------------------------------------------

    def api(self, method, path, **kwargs):
        """A call to Keystone's API as the admin; the JSON answer (None when empty)."""
        resp = self._admin.request(self.url + path, method, **kwargs)
        return resp.json() if resp.content else None

    def _set_identity_endpoints(self):
        service, = self.api('GET', '/services?type=identity')['services']
        for endpoint in self.api('GET', '/endpoints?service_id=%s'
                                 % service['id'])['endpoints']:
            self.api('PATCH', '/endpoints/' + endpoint['id'],
                     json={'endpoint': {'url': self.url + '/'}})

    def _create_identities(self):
        roles = {r['name']: r['id'] for r in self.api('GET', '/roles')['roles']}
        password = secrets.token_urlsafe(16)
        grants = [('cinderlite', 'service', 'service')]
        for suffix in ('a', 'b'):
            grants += [('member-' + suffix, 'project-' + suffix, 'member'),
                       ('reader-' + suffix, 'project-' + suffix, 'reader')]
        projects = {}
        for name, project, role in grants:
            if project not in projects:
                projects[project] = self.api('POST', '/projects', json={'project': {
                    'name': project, 'domain_id': DOMAIN}})['project']['id']
            user = self.api('POST', '/users', json={'user': {
                'name': name, 'domain_id': DOMAIN, 'password': password}})['user']
            self.api('PUT', '/projects/%s/users/%s/roles/%s'
                     % (projects[project], user['id'], roles[role]))
            self.identities[name] = Identity(name, password, project, user['id'],
                                             projects[project])
        admin = self.identities['admin']
        admin.user_id = self.api('GET', '/users?name=admin')['users'][0]['id']
        admin.project_id = self.api('GET', '/projects?name=admin')['projects'][0]['id']

    def register_endpoint(self, service_type, service_name, url):
        """Point the catalog's ``service_type`` entry (all interfaces) at ``url``."""
        services = self.api('GET', '/services?type=' + service_type)['services']
        if services:
            service_id = services[0]['id']
        else:
            service_id = self.api('POST', '/services', json={'service': {
                'type': service_type, 'name': service_name}})['service']['id']
        existing = {e['interface']: e['id'] for e in self.api(
            'GET', '/endpoints?service_id=' + service_id)['endpoints']}
        for interface in ('public', 'internal', 'admin'):
            endpoint = {'url': url, 'interface': interface, 'region_id': REGION,
                        'service_id': service_id}
            if interface in existing:
                self.api('PATCH', '/endpoints/' + existing[interface],
                         json={'endpoint': endpoint})
            else:
                self.api('POST', '/endpoints', json={'endpoint': endpoint})


def configure_authtoken(conf, options):
    """Set ``[keystone_authtoken]`` ``options`` on a parsed cinderlite ``conf``.

    keystonemiddleware registers these options itself when the pipeline is
    built, and an option must be registered before it can be overridden.
    """
    for group, opts in auth_token.list_opts():
        conf.register_opts(opts, group=group)
    conf.register_opts(loading.get_auth_plugin_conf_options(options['auth_type']),
                       group='keystone_authtoken')
    for key, value in options.items():
        conf.set_override(key, value, group='keystone_authtoken')
