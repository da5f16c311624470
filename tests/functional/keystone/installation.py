"""The test Keystone's installation: a cached virtualenv and an initialised state template.

Keystone (the PyPI release :data:`KEYSTONE_VERSION`, its dependencies pinned
by ``constraints.txt`` beside this file) is installed in a virtualenv of its
own, so that its pins never meet cinderlite's. The virtualenv is cached under
``$XDG_CACHE_HOME/cinderlite-test-keystone/`` (``~/.cache`` by default) with a
key made of the version, the Python and the pins: the first run installs it
(with uv from PyPI when uv can be had, else with pip), later runs reuse it. The
same cache entry keeps a database and key repositories initialised once by
``keystone-manage`` (db_sync, fernet_setup, credential_setup, bootstrap); each
server copies them into its own state directory, so that a warm start costs
only the server's start. A file lock lets several test processes share the
cache.

Settings learned the hard way are in ``_CONF``.
"""

import fcntl
import grp
import hashlib
import logging
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import time

LOG = logging.getLogger(__name__)

REGION = 'RegionOne'
KEYSTONE_VERSION = '30.0.0'
REQUIREMENTS = ['keystone==%s' % KEYSTONE_VERSION, 'waitress',
                # WebOb still imports cgi, which Python 3.13 removed.
                'legacy-cgi; python_version >= "3.13"']
HERE = os.path.dirname(os.path.abspath(__file__))
CONSTRAINTS = os.path.join(HERE, 'constraints.txt')
PROCESS_SCRIPT = os.path.join(HERE, 'keystone_process.py')
INSTALL_TIMEOUT = 600

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


def cache_root():
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'cinderlite-test-keystone')


def cache_key():
    """Names one install: Keystone's version, our Python and a hash of what shapes it.

    That is the pins, this module (how Keystone is installed and initialised)
    and the script Keystone runs.
    """
    digest = hashlib.sha256()
    for path in (CONSTRAINTS, PROCESS_SCRIPT, os.path.abspath(__file__)):
        with open(path, 'rb') as f:
            digest.update(f.read())
    return 'keystone-%s-py%d%d-%s' % (KEYSTONE_VERSION, sys.version_info[0],
                                      sys.version_info[1], digest.hexdigest()[:12])


def keystone_env(**extra):
    env = dict(os.environ, **extra)
    # Let Keystone's first processes write the .pyc files of its venv once:
    # with PYTHONDONTWRITEBYTECODE every start recompiles ~1000 modules (+2.5 s).
    env.pop('PYTHONDONTWRITEBYTECODE', None)
    return env


def _run(args, log_path, env=None, timeout=INSTALL_TIMEOUT):
    """Run ``args`` with its output appended to ``log_path``; True when it exits 0."""
    started = time.monotonic()
    with open(log_path, 'ab') as log:
        log.write(('\n$ %s\n' % ' '.join(args)).encode())
        log.flush()
        code = subprocess.call(args, stdout=log, stderr=subprocess.STDOUT, env=env,
                               timeout=timeout)
    LOG.info('%s took %.1f s (exit %s)', os.path.basename(args[0]),
             time.monotonic() - started, code)
    return code == 0


def tail(path, lines=30):
    with open(path, errors='replace') as f:
        return ''.join(f.readlines()[-lines:])


class Installation:
    """The cached virtualenv and initialised state template of one :func:`cache_key`."""

    def __init__(self, root=None):
        self.root = root or cache_root()
        self.dir = os.path.join(self.root, cache_key())
        self.venv = os.path.join(self.dir, 'venv')
        self.python = os.path.join(self.venv, 'bin', 'python')
        self.template = os.path.join(self.dir, 'template')
        self.log = os.path.join(self.dir, 'install.log')

    def ensure(self):
        """Install and initialise when missing; safe to call from several processes."""
        os.makedirs(self.dir, exist_ok=True)
        with open(os.path.join(self.dir, 'lock'), 'w') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not os.path.exists(os.path.join(self.venv, '.complete')):
                self._install()
            if not os.path.exists(os.path.join(self.template, '.complete')):
                self._make_template()
        return self

    def admin_password(self):
        with open(os.path.join(self.template, 'admin-password')) as f:
            return f.read().strip()

    def _install(self):
        shutil.rmtree(self.venv, ignore_errors=True)
        LOG.info('Installing keystone %s into %s', KEYSTONE_VERSION, self.venv)
        if not (self._install_with_uv() and self._imports()):
            shutil.rmtree(self.venv, ignore_errors=True)
            self._install_with_pip()
            if not self._imports():
                    raise RuntimeError('Keystone installed but does not import; see %s:\n%s'
                                   % (self.log, tail(self.log)))
        open(os.path.join(self.venv, '.complete'), 'w').close()

    def _install_with_uv(self):
        """uv from PyPI, then the venv with it: ~5 s, against ~25 s with pip."""
        target = os.path.join(self.root, 'uv')
        uv = os.path.join(target, 'bin', 'uv')
        if not os.path.exists(uv) and not _run(
                [sys.executable, '-m', 'pip', 'install', '--quiet', '--target', target, 'uv'],
                self.log):
            return False
        env = dict(os.environ, UV_CACHE_DIR=os.path.join(self.root, 'uv-cache'))
        return (_run([uv, 'venv', '--quiet', '--python', sys.executable, self.venv],
                     self.log, env=env)
                and _run([uv, 'pip', 'install', '--quiet', '--python', self.python,
                          '-c', CONSTRAINTS] + REQUIREMENTS, self.log, env=env))

    def _install_with_pip(self):
        # --without-pip: some Pythons (Debian's) have no ensurepip; our own
        # pip installs into the new venv through --python instead.
        ok = (_run([sys.executable, '-m', 'venv', '--without-pip', self.venv], self.log)
              and _run([sys.executable, '-m', 'pip', '--python', self.python, 'install',
                        '--quiet', '-c', CONSTRAINTS] + REQUIREMENTS, self.log))
        if not ok:
            raise RuntimeError('Installing keystone failed; see %s:\n%s'
                               % (self.log, tail(self.log)))

    def _imports(self):
        return os.path.exists(self.python) and _run(
            [self.python, '-c', 'import keystone.server.wsgi, waitress'], self.log,
            env=keystone_env())

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
        if not _run([self.python, PROCESS_SCRIPT, 'manage', conf] + commands, self.log,
                    env=keystone_env(OS_BOOTSTRAP_PASSWORD=password)):
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
