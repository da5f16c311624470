"""The test Keystone's installation: a cached virtualenv and an initialised state template.

Keystone (the PyPI release :data:`KEYSTONE_VERSION`, its dependencies pinned
by ``constraints.txt`` beside this file) is installed in a virtualenv of its
own, so that its pins never meet cinderlite's. The virtualenv is cached under
``$XDG_CACHE_HOME/cinderlite-test-keystone/`` (see ``tests/virtualenvs.py``)
with a key made of the version, the Python and the pins. The same cache entry
keeps a database and key repositories initialised once by ``keystone-manage``
(db_sync, fernet_setup, credential_setup, bootstrap); each server copies them
into its own state directory, so that a warm start costs only the server's
start. A file lock lets several test processes share the cache.

Settings learned the hard way are in ``_CONF``.
"""

import grp
import os
import pwd
import secrets
import shutil

from tests import virtualenvs

REGION = 'RegionOne'
KEYSTONE_VERSION = '30.0.0'
REQUIREMENTS = ['keystone==%s' % KEYSTONE_VERSION, 'waitress',
                # WebOb still imports cgi, which Python 3.13 removed.
                'legacy-cgi; python_version >= "3.13"']
HERE = os.path.dirname(os.path.abspath(__file__))
CONSTRAINTS = os.path.join(HERE, 'constraints.txt')
PROCESS_SCRIPT = os.path.join(HERE, 'keystone_process.py')

_CONF = """\
[DEFAULT]
log_file = {state}/keystone.log

[database]
connection = sqlite:///{state}/keystone.db

[token]
provider = fernet
expiration = 3600

[fernet_tokens]
key_repository = {state}/fernet-keys

[fernet_receipts]
key_repository = {state}/fernet-keys

[credential]
key_repository = {state}/credential-keys

[identity]
# bcrypt's minimum cost: the default (12) costs ~0.25 s per password check.
password_hash_rounds = 4

[resource]
# Without these every project-scoped token says is_admin_project=True.
admin_project_name = admin
admin_project_domain_name = Default

[cache]
# Without a cache Keystone recomputes role assignments ~9 times per request
# (0.4-0.9 s per token validation). In-memory is right for one server process.
enabled = true
backend = dogpile.cache.memory
"""


def cache_key():
    """Names one install: Keystone's version and a hash of what shapes it.

    That is the pins, this module (how Keystone is installed and initialised)
    and the script Keystone runs.
    """
    return 'keystone-%s-%s' % (KEYSTONE_VERSION, virtualenvs.digest_of(
        [CONSTRAINTS, PROCESS_SCRIPT, os.path.abspath(__file__)]))


keystone_env = virtualenvs.without_bytecode_ban
tail = virtualenvs.tail


class Installation:
    """The cached virtualenv and initialised state template of one :func:`cache_key`."""

    def __init__(self, root=None):
        self.venv = virtualenvs.CachedVenv(
            root or virtualenvs.cache_root('cinderlite-test-keystone'), cache_key(),
            REQUIREMENTS, CONSTRAINTS, ['keystone.server.wsgi', 'waitress'])
        self.dir = self.venv.dir
        self.python = self.venv.python
        self.template = os.path.join(self.dir, 'template')
        self.log = self.venv.log

    def ensure(self):
        """Install and initialise when missing; safe to call from several processes."""
        with self.venv.locked():
            self.venv.ensure_locked()
            if not os.path.exists(os.path.join(self.template, '.complete')):
                self._make_template()
        return self

    def admin_password(self):
        with open(os.path.join(self.template, 'admin-password')) as f:
            return f.read().strip()

    def _make_template(self):
        """db_sync, key repositories and bootstrap, once, in one keystone-manage process."""
        building = self.template + '.building'
        shutil.rmtree(building, ignore_errors=True)
        shutil.rmtree(self.template, ignore_errors=True)
        os.makedirs(building)
        password = secrets.token_urlsafe(16)
        conf = write_conf(building)
        user = pwd.getpwuid(os.getuid()).pw_name
        group = grp.getgrgid(os.getgid()).gr_name
        owner = '--keystone-user %s --keystone-group %s' % (user, group)
        # The identity endpoints get the real port at each start (Keystone.start).
        url = 'http://127.0.0.1:9/v3/'
        commands = ['db_sync', 'fernet_setup ' + owner, 'credential_setup ' + owner,
                    'bootstrap --bootstrap-username admin --bootstrap-project-name admin '
                    '--bootstrap-role-name admin --bootstrap-service-name keystone '
                    '--bootstrap-region-id %s --bootstrap-public-url %s '
                    '--bootstrap-internal-url %s --bootstrap-admin-url %s'
                    % (REGION, url, url, url)]
        if not virtualenvs.run_logged([self.python, PROCESS_SCRIPT, 'manage', conf] + commands,
                                      self.log, env=keystone_env(OS_BOOTSTRAP_PASSWORD=password)):
            raise RuntimeError('keystone-manage failed; see %s:\n%s'
                               % (self.log, tail(self.log)))
        with open(os.path.join(building, 'admin-password'), 'w') as f:
            f.write(password)
        open(os.path.join(building, '.complete'), 'w').close()
        os.rename(building, self.template)


def write_conf(state):
    path = os.path.join(state, 'keystone.conf')
    with open(path, 'w') as f:
        f.write(_CONF.format(state=state))
    return path
