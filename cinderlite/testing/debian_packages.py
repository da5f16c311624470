"""Install the Debian packages a test environment needs, when they are missing.

Shared by the fixtures that run real system software (a Ceph cluster, btrfs
and XFS on loop devices): apt-get as root, waiting for another apt-get that
holds dpkg's lock, and refreshing a stale package list once. ``.ci/run``
calls these before the tests, so that CI has everything and a test never
needs to skip.
"""

import os
import shutil
import subprocess


class PackagesUnavailable(Exception):
    """Packages are missing and cannot be installed here."""


def missing(packages):
    """The names in ``packages`` that dpkg does not list as installed."""
    absent = []
    for package in packages:
        status = subprocess.run(['dpkg-query', '-W', '-f=${Status}', package],
                                capture_output=True, text=True)
        if status.stdout.strip() != 'install ok installed':
            absent.append(package)
    return absent


def ensure(packages, log_path, env=None):
    """Install those of ``packages`` that are missing (apt-get, as root); log to ``log_path``.

    :raises PackagesUnavailable: a package is missing and cannot be installed.
    """
    if not shutil.which('dpkg-query'):
        raise PackagesUnavailable('not a Debian system: install %s by hand'
                                  % ' '.join(packages))
    absent = missing(packages)
    if not absent:
        return
    if os.geteuid() != 0 or not shutil.which('apt-get'):
        raise PackagesUnavailable('packages %s are missing and only root can install them'
                                  % ' '.join(absent))
    env = dict(env if env is not None else os.environ, DEBIAN_FRONTEND='noninteractive')
    # Another apt-get (or a second test process) may hold dpkg's lock: wait for it.
    install = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends',
               '-o', 'DPkg::Lock::Timeout=600'] + absent
    with open(log_path, 'ab') as log:
        if subprocess.run(install, stdout=log, stderr=log, env=env).returncode != 0:
            # A stale package list names versions the mirror no longer has.
            subprocess.run(['apt-get', 'update', '-qq'], stdout=log, stderr=log, env=env)
            if subprocess.run(install, stdout=log, stderr=log, env=env).returncode != 0:
                raise PackagesUnavailable('apt-get install %s failed; see %s'
                                          % (' '.join(absent), log_path))
