"""A real single-node Ceph cluster to test against: Debian's packages, one mon, OSD, mgr.

:class:`Cluster` bootstraps a brand-new cluster under a directory of its own
(1 mon and 1 mgr on 127.0.0.1, 1 OSD on ``memstore``, a RAM store that needs
no block device, cephx on, pools of size 1), creates an RBD pool and a
``client.cinder`` user limited to it, and stops every daemon it started.
:func:`ensure_packages` installs the Debian packages when they are missing
(apt-get, as root); :func:`import_bindings` makes Debian's ``rados``/``rbd``
extension modules importable from a virtualenv.

Traps this module steps around (each one met on a real cluster):

* ``CEPH_KEYRING`` and ``CEPH_ARGS`` in the environment are read by *every*
  Ceph process, daemons included: an admin keyring there breaks the OSD's
  cephx handshake. They are removed from every child's environment.
* ``paxos propose interval`` defaults to 1 s, so every snapshot id or osdmap
  change waits for it (a snapshot takes ~0.7 s); a single mon can commit at once.
* Without a mgr, ``df`` has no pools and the driver would report no capacity.
* Clone v2 (clones of unprotected snapshots, snapshots removable while clones
  exist) needs ``require-min-compat-client mimic``.
* The default cluster log is ``/var/log/ceph``, and a global admin socket
  makes concurrent clients collide: both are set for the daemons only.
* The mon warns when the disk is 70 % full and stops at 95 %: the tests' disk
  may well be that full, so the thresholds are lowered.
"""

import contextlib
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import uuid

from cinderlite.testing import debian_packages

PACKAGES = ('ceph-mon', 'ceph-osd', 'ceph-mgr', 'ceph-common', 'python3-rados', 'python3-rbd')
DIST_PACKAGES = '/usr/lib/python3/dist-packages'
USER = 'cinder'
START_TIMEOUT = 90

CONF = """\
[global]
fsid = {fsid}
mon host = [v2:127.0.0.1:{v2},v1:127.0.0.1:{v1}]
public addr = 127.0.0.1
ms bind ipv4 = true
ms bind ipv6 = false
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
keyring = {home}/$cluster.$name.keyring
run dir = {home}/run
crash dir = {home}/crash
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon warn on insecure global id reclaim allowed = false
mon data avail warn = 2
mon data avail crit = 1
paxos propose interval = 0.01
paxos min wait = 0.001
mon cluster log file = default={home}/log/$cluster.$channel.log cluster={home}/log/$cluster.log
mgr initial modules =

[client]
rbd default clone format = 2
admin socket =
log file =

[mon]
mon data = {home}/mon/$cluster-$id
keyring = $mon_data/keyring
admin socket = {home}/run/$cluster-$name.asok
log file = {home}/log/$cluster-$name.log

[osd]
osd data = {home}/osd/$cluster-$id
keyring = $osd_data/keyring
osd objectstore = memstore
memstore device bytes = {memstore_bytes}
admin socket = {home}/run/$cluster-$name.asok
log file = {home}/log/$cluster-$name.log

[mgr]
mgr data = {home}/mgr/$cluster-$id
keyring = $mgr_data/keyring
mgr disabled modules = restful,iostat,nfs,dashboard,diskprediction_local,cephadm,rook,\
prometheus,influx,localpool,mirroring,selftest,snap_schedule,stats,telegraf,\
test_orchestrator,zabbix,alerts,insights,k8sevents,mds_autoscaler,osd_perf_query,osd_support
admin socket = {home}/run/$cluster-$name.asok
log file = {home}/log/$cluster-$name.log
"""


class CephUnavailable(Exception):
    """Ceph cannot run here (no packages and no way to install them, or no bindings)."""


def _clean_env():
    env = dict(os.environ)
    for name in ('CEPH_KEYRING', 'CEPH_ARGS', 'CEPH_CONF'):
        env.pop(name, None)
    return env


def missing_packages():
    """The names in PACKAGES that dpkg does not list as installed."""
    return debian_packages.missing(PACKAGES)


def ensure_packages(log_path):
    """Install the Debian packages that are missing (apt-get, as root); log to ``log_path``.

    :raises CephUnavailable: a package is missing and cannot be installed.
    """
    try:
        debian_packages.ensure(PACKAGES, log_path, env=_clean_env())
    except debian_packages.PackagesUnavailable as e:
        raise CephUnavailable('Ceph: %s' % e) from e


def import_bindings(link_dir):
    """Import ``rados`` and ``rbd``, from Debian's python3-rbd/python3-rados if need be.

    Debian builds them for its own CPython 3.11 and puts them in its
    dist-packages, which a virtualenv does not see (a pyenv one not even with
    ``--system-site-packages``). Putting all of dist-packages on the path
    would let Debian's other libraries shadow the virtualenv's, so only the
    two extension modules are linked into ``link_dir``, which goes first on
    ``sys.path``. Returns the two modules.

    :raises CephUnavailable: no module matches this interpreter's ABI.
    """
    try:
        return importlib.import_module('rados'), importlib.import_module('rbd')
    except ImportError:
        pass
    suffix = sysconfig.get_config_var('EXT_SUFFIX')
    os.makedirs(link_dir, exist_ok=True)
    for name in ('rados', 'rbd'):
        source = os.path.join(DIST_PACKAGES, name + suffix)
        if not os.path.exists(source):
            raise CephUnavailable('%s not found: Debian ships the rados/rbd modules for its '
                                  'own Python 3 only, this is Python %s'
                                  % (source, sys.version.split()[0]))
        link = os.path.join(link_dir, name + suffix)
        if not os.path.lexists(link):
            os.symlink(source, link)
    if link_dir not in sys.path:
        sys.path.insert(0, link_dir)
    importlib.invalidate_caches()
    return importlib.import_module('rados'), importlib.import_module('rbd')


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Cluster:
    """One brand-new cluster under ``home``; ``pool`` is an RBD pool ``client.cinder`` may use.

    After :meth:`start`: :attr:`conf_path` (the ceph.conf clients need: it names
    the mon and, through ``keyring``, the keyring of each user),
    :attr:`admin_keyring`, :attr:`user_keyring` and :attr:`timings`.
    """

    def __init__(self, home, pool='volumes', memstore_bytes=2 << 30):
        self.home = os.path.abspath(str(home))
        self.pool = pool
        self.user = USER
        self.memstore_bytes = memstore_bytes
        self.conf_path = os.path.join(self.home, 'ceph.conf')
        self.admin_keyring = os.path.join(self.home, 'ceph.client.admin.keyring')
        self.user_keyring = os.path.join(self.home, 'ceph.client.%s.keyring' % USER)
        self.processes = {}
        self.timings = {}

    # -- life cycle -----------------------------------------------------------------

    def start(self):
        """Bootstrap the cluster and wait until the pool takes I/O and the mgr reports."""
        started = time.monotonic()
        for sub in ('run', 'log', 'crash', 'mon', 'osd/ceph-0', 'mgr/ceph-a'):
            os.makedirs(os.path.join(self.home, sub), exist_ok=True)
        try:
            self._bootstrap()
            self.timings['bootstrap'] = time.monotonic() - started
            self._wait_for_io()
            self._wait_for_mgr()
        except BaseException:
            self.stop()
            raise
        self.timings['start'] = time.monotonic() - started
        return self

    def stop(self):
        """Stop the daemons this cluster started, newest first (SIGKILL after 30 s)."""
        for name in reversed(list(self.processes)):
            process = self.processes.pop(name)
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    # -- commands ---------------------------------------------------------------------

    def ceph(self, *args, stdin=None, timeout=60):
        """Run the ``ceph`` CLI as client.admin; return its stdout.

        :raises subprocess.CalledProcessError: it failed (stderr in the message).
        """
        return self._run(['ceph', '-c', self.conf_path, '--connect-timeout', '20'] + list(args),
                         stdin=stdin, timeout=timeout)

    def _run(self, argv, stdin=None, timeout=60):
        result = subprocess.run(argv, input=stdin, capture_output=True, text=True,
                                env=_clean_env(), timeout=timeout)
        if result.returncode != 0:
            raise subprocess.CalledProcessError(result.returncode, argv,
                                                result.stdout, result.stderr)
        return result.stdout

    def _daemon(self, kind, ident, *extra):
        """Start ``ceph-<kind> -i <ident>`` in the foreground, as a child of this process."""
        name = '%s.%s' % (kind, ident)
        stderr = open(os.path.join(self.home, 'log', name + '.stderr'), 'ab')
        with stderr:
            self.processes[name] = subprocess.Popen(
                # setpriv: the daemon gets SIGTERM when this process dies (killed,
                # cancelled), instead of living on.
                ['setpriv', '--pdeathsig', 'TERM', '--', 'ceph-' + kind, '-f',
                 '-c', self.conf_path, '-i', ident] + list(extra),
                stdin=subprocess.DEVNULL, stdout=stderr, stderr=stderr, env=_clean_env())

    def _bootstrap(self):
        home = self.home
        fsid = str(uuid.uuid4())
        with open(self.conf_path, 'w') as f:
            v2 = free_port()
            v1 = free_port()
            while v1 == v2:
                v1 = free_port()
            f.write(CONF.format(fsid=fsid, home=home, v2=v2, v1=v1,
                                memstore_bytes=self.memstore_bytes))
        mon_keyring = os.path.join(home, 'mon.keyring')
        monmap = os.path.join(home, 'monmap')
        self._run(['ceph-authtool', '--create-keyring', mon_keyring, '--gen-key', '-n', 'mon.',
                   '--cap', 'mon', 'allow *'])
        self._run(['ceph-authtool', '--create-keyring', self.admin_keyring, '--gen-key',
                   '-n', 'client.admin', '--cap', 'mon', 'allow *', '--cap', 'osd', 'allow *',
                   '--cap', 'mgr', 'allow *'])
        self._run(['ceph-authtool', mon_keyring, '--import-keyring', self.admin_keyring])
        self._run(['monmaptool', '--create', '--addv', 'a', self._mon_addrs(), '--fsid', fsid,
                   monmap])
        self._run(['ceph-mon', '-c', self.conf_path, '--mkfs', '-i', 'a', '--monmap', monmap,
                   '--keyring', mon_keyring])
        os.unlink(mon_keyring)
        os.unlink(monmap)
        self._daemon('mon', 'a')

        osd_uuid = str(uuid.uuid4())
        secret = self._run(['ceph-authtool', '--gen-print-key']).strip()
        self.ceph('osd', 'new', osd_uuid, '0', '-i', '-',
                  stdin=json.dumps({'cephx_secret': secret}))
        osd_dir = os.path.join(home, 'osd', 'ceph-0')
        self._run(['ceph-authtool', '--create-keyring', os.path.join(osd_dir, 'keyring'),
                   '--name', 'osd.0', '--add-key', secret])
        # mkfs needs no mon round trip; memstore needs no device.
        self._run(['ceph-osd', '-c', self.conf_path, '-i', '0', '--mkfs', '--no-mon-config',
                   '--osd-uuid', osd_uuid])
        self._daemon('osd', '0')

        self.ceph('osd', 'set-require-min-compat-client', 'mimic')
        self.ceph('auth', 'get-or-create', 'mgr.a', 'mon', 'allow profile mgr', 'osd', 'allow *',
                  '-o', os.path.join(home, 'mgr', 'ceph-a', 'keyring'))
        self._daemon('mgr', 'a')
        self.ceph('osd', 'pool', 'create', self.pool, '8', '8')
        self.ceph('osd', 'pool', 'application', 'enable', self.pool, 'rbd')
        # The capabilities Ceph's documentation gives a Cinder user.
        self.ceph('auth', 'get-or-create', 'client.' + self.user, 'mon', 'profile rbd',
                  'osd', 'profile rbd pool=%s' % self.pool,
                  'mgr', 'profile rbd pool=%s' % self.pool, '-o', self.user_keyring)

    def _mon_addrs(self):
        with open(self.conf_path) as f:
            for line in f:
                if line.startswith('mon host = '):
                    return line.split(' = ', 1)[1].strip()
        raise AssertionError('no mon host in %s' % self.conf_path)

    def _wait_for_io(self):
        """One small write and read through the pool, retried until it works."""
        rados = ['rados', '-c', self.conf_path, '-p', self.pool, '--client-mount-timeout', '5',
                 '--rados-osd-op-timeout', '5', '--rados-mon-op-timeout', '5']
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            self._check_alive()
            try:
                self._run(rados + ['put', 'probe', self.conf_path], timeout=15)
                self._run(rados + ['rm', 'probe'], timeout=15)
                return
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                if time.monotonic() > deadline:
                    raise CephUnavailable('pool %s takes no I/O after %d s; logs in %s'
                                          % (self.pool, START_TIMEOUT, self.home))
            time.sleep(0.2)

    def _wait_for_mgr(self):
        """Pool statistics (``df``, the driver's capacity) come from the mgr."""
        deadline = time.monotonic() + START_TIMEOUT
        while not json.loads(self.ceph('mgr', 'stat', '-f', 'json')).get('available'):
            self._check_alive()
            if time.monotonic() > deadline:
                raise CephUnavailable('no mgr available after %d s; logs in %s'
                                      % (START_TIMEOUT, self.home))
            time.sleep(0.3)

    def _check_alive(self):
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise CephUnavailable('ceph %s exited with %s; see %s/log'
                                      % (name, process.returncode, self.home))


@contextlib.contextmanager
def running(home, **kwargs):
    """A started :class:`Cluster` for the block, stopped after it."""
    cluster = Cluster(home, **kwargs).start()
    try:
        yield cluster
    finally:
        cluster.stop()


if __name__ == '__main__':
    # .ci/run installs the packages before the tests: python3 -m cinderlite.testing.ceph_cluster
    ensure_packages(os.path.join(os.environ.get('TMPDIR', '/tmp'), 'cinderlite-ceph-apt.log'))
