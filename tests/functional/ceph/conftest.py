"""Fixtures of the Ceph tests: a real cluster per test process, and clients of it.

Only ``pytest --ceph`` (``tox -e ceph``) collects these tests. Importing this
file installs Ceph's Debian packages when they are missing and makes the
``rados``/``rbd`` modules importable, before any test module imports the
driver. Ceph that cannot run is a failure, never a skip.
"""

import contextlib
import fcntl
import os
import tempfile

import pytest

from cinderlite.testing import ceph_cluster

_SETUP_ERROR = None
rados = rbd = None


def _prepare():
    """Install the packages (one process at a time); return the rados and rbd modules."""
    scratch = os.path.join(tempfile.gettempdir(), 'cinderlite-ceph-%d' % os.getuid())
    os.makedirs(scratch, exist_ok=True)
    with open(os.path.join(scratch, 'install.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ceph_cluster.ensure_packages(os.path.join(scratch, 'apt.log'))
    return ceph_cluster.import_bindings(os.path.join(scratch, 'bindings'))


try:
    rados, rbd = _prepare()
except ceph_cluster.CephUnavailable as e:
    _SETUP_ERROR = str(e)


@pytest.fixture(scope='session')
def ceph(tmp_path_factory):
    """A started :class:`~cinderlite.testing.ceph_cluster.Cluster`, stopped after the session."""
    if _SETUP_ERROR:
        pytest.fail('Ceph cannot run here: %s' % _SETUP_ERROR, pytrace=False)
    cluster = ceph_cluster.Cluster(tmp_path_factory.mktemp('ceph'))
    try:
        cluster.start()
    except ceph_cluster.CephUnavailable as e:
        pytest.fail('Ceph did not start: %s' % e, pytrace=False)
    yield cluster
    cluster.stop()


@contextlib.contextmanager
def admin_ioctx(cluster):
    """An I/O context on the test pool as client.admin (the tests' own view of the data)."""
    client = rados.Rados(conffile=cluster.conf_path, rados_id='admin')
    client.connect(timeout=30)
    try:
        with client.open_ioctx(cluster.pool) as ioctx:
            yield ioctx
    finally:
        client.shutdown()


@contextlib.contextmanager
def image_from_connection(data, keyring):
    """The image that ``rbd`` connection info ``data`` names, opened as a compute host would.

    Only the info and the user's key: the monitors from ``hosts``/``ports``,
    the user ``auth_username``, the image ``name`` (``pool/image``).
    """
    pool, image_name = data['name'].split('/')
    client = rados.Rados(rados_id=data['auth_username'], conf={
        'mon_host': ','.join('%s:%s' % pair for pair in zip(data['hosts'], data['ports'])),
        'keyring': keyring})
    client.connect(timeout=30)
    try:
        with client.open_ioctx(pool) as ioctx, rbd.Image(ioctx, image_name) as image:
            yield image
    finally:
        client.shutdown()


@pytest.fixture(scope='session')
def ceph_io(ceph):
    """An admin I/O context on the pool, for reading and writing images in tests."""
    with admin_ioctx(ceph) as ioctx:
        yield ioctx


def pool_contents(ioctx):
    """What the pool holds: image names, group names and trashed image names."""
    api = rbd.RBD()
    return {'images': sorted(api.list(ioctx)), 'groups': sorted(api.group_list(ioctx)),
            'trash': sorted(t['name'] for t in api.trash_list(ioctx))}


@pytest.fixture
def rbd_backend(ceph):
    """The options of a backend section that serves volumes from the test pool."""
    return {'volume_driver': 'rbd', 'rbd_pool': ceph.pool, 'rbd_ceph_conf': ceph.conf_path,
            'rbd_user': ceph.user, 'rados_connect_timeout': 30}


@pytest.fixture(autouse=True)
def _harness_backend(request):
    """Hand RBDHarness classes the cluster (the harness's hooks take no fixtures)."""
    if request.instance is not None and hasattr(request.instance, 'backend_options'):
        request.instance.backend_options = request.getfixturevalue('rbd_backend')
        request.instance.ioctx = request.getfixturevalue('ceph_io')
        request.instance.keyring = request.getfixturevalue('ceph').user_keyring
