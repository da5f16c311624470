"""Shared pytest fixtures: ``cloud`` is a live cinderlite on SQLite."""

import contextlib
import fcntl
import os
import pathlib
import tempfile
import uuid

from hypothesis import HealthCheck
from hypothesis import settings
import pytest

from cinderlite.testing import loop_filesystems
from tests import drivers
from tests import fixtures

CEPH_TESTS = pathlib.Path(__file__).parent / 'functional' / 'ceph'
README_TESTS = pathlib.Path(__file__).parent / 'functional' / 'test_readme.py'
SYSTEM_TESTS = pathlib.Path(__file__).parent / 'system'


def pytest_addoption(parser):
    parser.addoption('--ceph', action='store_true',
                     help='Run the tests on a real Ceph cluster (tests/functional/ceph), '
                          'which they install and start: tox -e ceph.')
    parser.addoption('--readme', action='store_true',
                     help="Run README.rst's commands as a new user would, installing "
                          'into fresh virtualenvs (tests/functional/test_readme.py): '
                          'tox -e readme.')
    parser.addoption('--system', action='store_true',
                     help='Run the system tests (tests/system): whole deployments as OS '
                          'processes over RabbitMQ and PostgreSQL or MariaDB: tox -e system.')


def pytest_ignore_collect(collection_path, config):
    """Only ``--ceph``, ``--readme`` and ``--system`` run their tests, so py3 stays fast.

    All run in CI, each in its own tox environment: a real Ceph cluster;
    installs from PyPI into new virtualenvs for two interpreters (minutes);
    deployments of several processes, each start costing seconds.
    """
    if not config.getoption('--ceph') and collection_path == CEPH_TESTS:
        return True
    if not config.getoption('--readme') and collection_path == README_TESTS:
        return True
    if not config.getoption('--system') and collection_path == SYSTEM_TESTS:
        return True
    return None


# Property tests (hypothesis) share a module's live cloud and draw the same
# examples on every run, so CI is repeatable; ``--hypothesis-profile=explore``
# draws new ones, and more.
settings.register_profile(
    'cinderlite', derandomize=True, max_examples=12, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much])
settings.register_profile('explore', settings.get_profile('cinderlite'),
                          derandomize=False, max_examples=200)
settings.load_profile('cinderlite')


@pytest.fixture(autouse=True)
def reset_test_drivers():
    """No test driver's class-level state (delays, gates, call logs) outlives a test."""
    drivers.reset()
    yield
    drivers.reset()


@pytest.fixture
def make_cloud(tmp_path):
    """Factory: ``make_cloud(backend='sqlite', backends=None, **conf_overrides)``."""
    clouds = []
    stack = []

    def factory(db_backend='sqlite', backends=None, transport_url=None, **overrides):
        ctx = fixtures.database(db_backend, tmp_path)
        url = ctx.__enter__()
        stack.append(ctx)
        conf = fixtures.make_conf(tmp_path, url, **overrides)
        cloud = fixtures.Cloud(conf, backends, transport_url).start()
        clouds.append(cloud)
        return cloud

    yield factory
    try:
        if len(clouds) == 1:
            # Every test ends with quota usage equal to a count of rows, whatever it did.
            fixtures.assert_all_usage_matches_rows()
    finally:
        for cloud in clouds:
            cloud.stop()
        for ctx in reversed(stack):
            ctx.__exit__(None, None, None)


@pytest.fixture
def cloud(make_cloud):
    return make_cloud()


@pytest.fixture(scope='module')
def shared_cloud(request, tmp_path_factory):
    """One live cinderlite (SQLite, one file backend) for every test of a module.

    Tests sharing it keep apart by using a project of their own (``project``).
    """
    tmp = tmp_path_factory.mktemp(request.module.__name__.rsplit('.', 1)[-1])
    with fixtures.database('sqlite', tmp) as url:
        cloud = fixtures.Cloud(fixtures.make_conf(tmp, url)).start()
        yield cloud
        cloud.stop()


@pytest.fixture
def project(shared_cloud):
    """A project no other test uses; its usage is recounted when the test ends."""
    name = 'p%s' % uuid.uuid4().hex[:12]
    yield name
    fixtures.assert_usage_matches_rows(shared_cloud, name)


@pytest.fixture
def loop_filesystem(tmp_path):
    """Factory: ``loop_filesystem('btrfs' | 'xfs')`` mounts a new one under ``tmp_path``.

    Each is unmounted and its loop device detached when the test ends. The
    tools are installed when missing (root). A machine that cannot make one
    skips the test, but under CI (which runs as root with loop devices) that
    is a failure.
    """
    reason = loop_filesystems.why_unavailable()
    if reason and os.geteuid() == 0:
        lock_path = os.path.join(tempfile.gettempdir(), 'cinderlite-loop-apt.lock')
        with open(lock_path, 'w') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                loop_filesystems.ensure_packages(lock_path + '.log')
            except loop_filesystems.LoopFilesystemUnavailable as e:
                reason = str(e)
            else:
                reason = loop_filesystems.why_unavailable()
    if reason:
        if os.environ.get('CI'):
            pytest.fail('cannot make loop filesystems: %s' % reason, pytrace=False)
        pytest.skip('cannot make loop filesystems: %s' % reason)
    with contextlib.ExitStack() as stack:
        yield lambda kind: stack.enter_context(loop_filesystems.mounted(kind, str(tmp_path)))
