"""Cached virtualenvs for the servers and tools the tests run beside cinderlite.

Keystone and Tempest each pin their own dependencies; installed into
cinderlite's environment those pins would decide what cinderlite is tested
with. Each gets a virtualenv of its own, cached under
``$XDG_CACHE_HOME/<name>/`` (``~/.cache`` by default) with a key made of the
Python and a hash of what shapes the install (its pins and the scripts it
runs): the first run installs it (with uv from PyPI when uv can be had, ~5 s,
else with pip, ~25 s), later runs reuse it. A file lock lets several processes
share the cache.
"""

import fcntl
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import time

LOG = logging.getLogger(__name__)

INSTALL_TIMEOUT = 600


def cache_root(name):
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(base, name)


def digest_of(paths):
    """A short hash of the contents of ``paths``."""
    digest = hashlib.sha256()
    for path in paths:
        with open(path, 'rb') as f:
            digest.update(f.read())
    return digest.hexdigest()[:12]


def without_bytecode_ban(**extra):
    """The environment for a cached venv's processes, plus ``extra``.

    Lets their first processes write the venv's .pyc files once: with
    PYTHONDONTWRITEBYTECODE every start recompiles every module (Keystone:
    ~1000 modules, +2.5 s).
    """
    env = dict(os.environ, **extra)
    env.pop('PYTHONDONTWRITEBYTECODE', None)
    return env


def run_logged(args, log_path, env=None, timeout=INSTALL_TIMEOUT):
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


class CachedVenv:
    """One virtualenv with ``requirements`` installed under ``constraints``.

    ``key``: what names this install besides the Python (a version and a
    digest of the files that shape it); ``imports``: modules that must import
    for the install to count as done.
    """

    def __init__(self, root, key, requirements, constraints, imports):
        self.root = root
        self.dir = os.path.join(root, '%s-py%d%d' % (key, *sys.version_info[:2]))
        self.venv = os.path.join(self.dir, 'venv')
        self.python = os.path.join(self.venv, 'bin', 'python')
        self.log = os.path.join(self.dir, 'install.log')
        self.requirements = list(requirements)
        self.constraints = constraints
        self.imports = imports

    def bin(self, name):
        return os.path.join(self.venv, 'bin', name)

    def locked(self):
        """A lock on this install, held while the returned file is open."""
        os.makedirs(self.dir, exist_ok=True)
        lock = open(os.path.join(self.dir, 'lock'), 'w')
        fcntl.flock(lock, fcntl.LOCK_EX)
        return lock

    def ensure(self):
        """Install when missing; safe to call from several processes."""
        with self.locked():
            self.ensure_locked()
        return self

    def ensure_locked(self):
        """Install when missing; the caller holds :meth:`locked`."""
        if os.path.exists(os.path.join(self.venv, '.complete')):
            return
        shutil.rmtree(self.venv, ignore_errors=True)
        LOG.info('Installing %s into %s', ' '.join(self.requirements), self.venv)
        if not (self._install_with_uv() and self._imports()):
            shutil.rmtree(self.venv, ignore_errors=True)
            self._install_with_pip()
            if not self._imports():
                raise RuntimeError('%s installed but does not import; see %s:\n%s'
                                   % (self.requirements[0], self.log, tail(self.log)))
        open(os.path.join(self.venv, '.complete'), 'w').close()

    def _install_with_uv(self):
        """uv from PyPI, then the venv with it: ~5 s, against ~25 s with pip."""
        target = os.path.join(self.root, 'uv')
        uv = os.path.join(target, 'bin', 'uv')
        if not os.path.exists(uv) and not run_logged(
                [sys.executable, '-m', 'pip', 'install', '--quiet', '--target', target, 'uv'],
                self.log):
            return False
        env = dict(os.environ, UV_CACHE_DIR=os.path.join(self.root, 'uv-cache'))
        return (run_logged([uv, 'venv', '--quiet', '--python', sys.executable, self.venv],
                           self.log, env=env)
                and run_logged([uv, 'pip', 'install', '--quiet', '--python', self.python,
                                '-c', self.constraints] + self.requirements,
                               self.log, env=env))

    def _install_with_pip(self):
        # --without-pip: some Pythons (Debian's) have no ensurepip; our own
        # pip installs into the new venv through --python instead.
        ok = (run_logged([sys.executable, '-m', 'venv', '--without-pip', self.venv], self.log)
              and run_logged([sys.executable, '-m', 'pip', '--python', self.python,
                              'install', '--quiet', '-c', self.constraints]
                             + self.requirements, self.log))
        if not ok:
            raise RuntimeError('Installing %s failed; see %s:\n%s'
                               % (self.requirements[0], self.log, tail(self.log)))

    def _imports(self):
        return os.path.exists(self.python) and run_logged(
            [self.python, '-c', 'import ' + ', '.join(self.imports)], self.log,
            env=without_bytecode_ban())
