"""``cinderlite-all`` in a process of its own, behind the test Keystone, as an operator runs it.

:class:`CinderliteProcess` writes a config file (``auth_strategy = keystone``,
the file backend, state under the work directory), starts the console script
of this environment, registers the API in Keystone's catalog as ``volumev3``
and then reads what the running service says about itself: the v3
microversion range (``GET /``) and the backends' capabilities
(``scheduler-stats/get_pools?detail=True``, or, where that route is not
served, what the volume service reported with its heartbeat).
"""

import os
import subprocess
import sys
import time

import requests

from cinderlite import conf as cl_conf
from cinderlite import context as cl_context
from cinderlite.db import engine as db_engine
from cinderlite.db import services as db_services
from tests import fixtures
from tests.functional import keystone_fixture

START_TIMEOUT = 60
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _conf_text(state, port, backends, keystone):
    lines = ['[DEFAULT]',
             'state_path = %s' % state,
             'osapi_volume_listen = 127.0.0.1',
             'osapi_volume_listen_port = %d' % port,
             'api_paste_config = %s' % os.path.join(REPO, 'etc', 'cinderlite',
                                                    'api-paste.ini'),
             'auth_strategy = keystone',
             'enabled_backends = %s' % ','.join(backends),
             'report_interval = 2',
             'debug = True',
             'log_file = %s' % os.path.join(state, 'cinderlite.log'),
             '']
    for backend in backends:
        lines += ['[%s]' % backend, 'volume_backend_name = %s' % backend, '']
    # Tokens are checked once and cached: tempest does not test revocation.
    lines.append('[keystone_authtoken]')
    for key, value in keystone.authtoken_options(token_cache_time=300).items():
        lines.append('%s = %s' % (key, value))
    return '\n'.join(lines) + '\n'


class CinderliteProcess:
    """One ``cinderlite-all`` under ``workdir/cinderlite``, validated by ``keystone``."""

    def __init__(self, workdir, keystone, backends=('file',)):
        self.state = os.path.join(workdir, 'cinderlite')
        self.keystone = keystone
        self.backends = list(backends)
        self.config_file = os.path.join(self.state, 'cinderlite.conf')
        self.process = None
        self.url = None

    def start(self):
        os.makedirs(self.state, exist_ok=True)
        port = fixtures.free_port()
        with open(self.config_file, 'w') as f:
            f.write(_conf_text(self.state, port, self.backends, self.keystone))
        script = os.path.join(os.path.dirname(sys.executable), 'cinderlite-all')
        self.url = 'http://127.0.0.1:%d' % port
        with open(os.path.join(self.state, 'stderr.log'), 'ab') as log:
            self.process = subprocess.Popen(
                [script, '--config-file', self.config_file], stdout=log,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self._wait_until_answers()
        self.keystone.register_endpoint('volumev3', 'cinderv3',
                                        self.url + '/v3/%(project_id)s')
        return self

    def _wait_until_answers(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                requests.get(self.url + '/', timeout=5)
                return
            except requests.ConnectionError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError('cinderlite-all did not start; see %s' % self.state)

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    # -- what the service says about itself --------------------------------------------

    def microversions(self):
        """``(min, max)`` of the v3 API, from the versions document."""
        versions = requests.get(self.url + '/', timeout=30).json()['versions']
        v3, = [v for v in versions if v['id'].startswith('v3')]
        return v3['min_version'], v3['version']

    def pools(self):
        """The capabilities of every pool, waiting until each backend has reported."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            pools = self._pools_from_api()
            if pools is None:
                pools = self._pools_from_heartbeats()
            if len(pools) >= len(self.backends):
                return pools
            time.sleep(0.5)
        raise RuntimeError('the volume backends did not report within %d s'
                           % START_TIMEOUT)

    def _pools_from_api(self):
        """Pools from ``GET scheduler-stats/get_pools?detail=True``; None if not served."""
        admin = self.keystone.identities['admin']
        token, _ = self.keystone.issue_token(admin)
        resp = requests.get(
            '%s/v3/%s/scheduler-stats/get_pools?detail=True' % (self.url, admin.project_id),
            headers={'X-Auth-Token': token}, timeout=30)
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return [pool['capabilities'] for pool in resp.json()['pools']]

    def _pools_from_heartbeats(self):
        """What each live volume service reported with its last heartbeat."""
        conf = cl_conf.new_conf()
        cl_conf.parse_args(conf, ['--config-file', self.config_file],
                           default_config_files=[])
        db_engine.configure(conf)
        try:
            services = db_services.list_services(cl_context.get_admin_context(),
                                                 db_services.VOLUME_BINARY)
            return [db_services.capabilities_of(s) for s in services
                    if db_services.is_up(s, conf.service_down_time)
                    and db_services.capabilities_of(s)]
        finally:
            db_engine.dispose()


def start_keystone(workdir):
    """The project's test Keystone, its state under ``workdir/keystone``."""
    state = os.path.join(workdir, 'keystone')
    os.makedirs(state, exist_ok=True)
    return keystone_fixture.Keystone(state).start()
