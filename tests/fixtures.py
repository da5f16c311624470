"""Test fixtures: real databases, a live cinderlite served over HTTP, and clients.

Nothing here fakes cinderlite itself: ``Cloud`` runs the real paste app in
the real cheroot server on 127.0.0.1, the real scheduler and volume manager
over real oslo.messaging (``fake://`` in process, or ``rabbit://``), on a real
database (a SQLite file, or a fresh database on the local PostgreSQL or
MariaDB). A backend server that cannot be reached fails the test: it never
skips.
"""

import contextlib
import http.client
import json
import os
import socket
import time
import urllib.error
import urllib.request
import uuid

from cinderclient import api_versions
from cinderclient import client as cinder_client
from cinderclient.contrib import noauth
from keystoneauth1 import session as ks_session
import oslo_messaging
import sqlalchemy as sa

from cinderlite import conf as cl_conf
from cinderlite import context as cl_context
from cinderlite import launcher
from cinderlite import rpc
from cinderlite.api import paste_conf
from cinderlite.conf import volume as volume_conf
from cinderlite.db import engine as db_engine
from cinderlite.db import groups as db_groups
from cinderlite.db import migration
from cinderlite.db import quotas as db_quotas
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes

PG_URL = os.environ.get('CINDERLITE_TEST_PG_URL',
                        'postgresql+psycopg2://postgres@127.0.0.1:5432')
MYSQL_URL = os.environ.get('CINDERLITE_TEST_MYSQL_URL',
                           'mysql+pymysql://root@127.0.0.1:3306')
RABBIT_URL = os.environ.get('CINDERLITE_TEST_RABBIT_URL',
                            'rabbit://guest:guest@127.0.0.1:5672/')
BACKENDS = ('sqlite', 'postgresql', 'mysql')


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def database(backend, tmp_path):
    """A brand-new empty database on ``backend``; yields its URL, drops it after."""
    if backend == 'sqlite':
        yield 'sqlite:///%s' % (tmp_path / 'cinderlite.sqlite')
        return
    server = PG_URL if backend == 'postgresql' else MYSQL_URL
    admin_db = 'test'
    name = 'cl_%s' % uuid.uuid4().hex[:12]
    admin = sa.create_engine('%s/%s' % (server, admin_db), isolation_level='AUTOCOMMIT')
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql('CREATE DATABASE %s' % name)
        url = '%s/%s' % (server, name)
        if backend == 'mysql':
            url += '?charset=utf8mb4'
        yield url
    finally:
        db_engine.dispose()
        try:
            with admin.connect() as conn:
                if backend == 'postgresql':
                    conn.exec_driver_sql('DROP DATABASE IF EXISTS %s WITH (FORCE)' % name)
                else:
                    conn.exec_driver_sql('DROP DATABASE IF EXISTS %s' % name)
        finally:
            admin.dispose()


def make_conf(tmp_path, db_url, **overrides):
    """A parsed ConfigOpts for a test service under ``tmp_path``."""
    conf = cl_conf.new_conf()
    rpc.register_opts(conf)
    cl_conf.parse_args(conf, [], default_config_files=[])
    conf.set_override('state_path', str(tmp_path / 'state'))
    conf.set_override('connection', db_url, group='database')
    conf.set_override('host', 'testhost')
    conf.set_override('report_interval', 1)
    conf.set_override('graceful_shutdown_timeout', 5)
    for key, value in overrides.items():
        group = None
        if '.' in key:
            group, key = key.split('.', 1)
        conf.set_override(key, value, group=group)
    return conf


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def __repr__(self):
        return '<Response %s %s>' % (self.status, self.body[:300])


class Cloud:
    """A live cinderlite (api + scheduler + volume) in this process.

    ``backends``: ``{section: {option: value}}`` of the volume backends to
    run, e.g. ``{'file': {}}`` or a test driver by dotted path.
    """

    def __init__(self, conf, backends=None, transport_url=None):
        self.conf = conf
        backends = backends or {'file': {}}
        conf.set_override('enabled_backends', list(backends))
        self._backend_options = backends
        self.transport_url = transport_url or 'fake://'
        # Tests share one broker, whose queues are named after topics alone, and
        # oslo.messaging's fake:// bus keeps its queues process-wide: private
        # topics (and exchange) keep each cloud's messages its own, so a test's
        # cloud never serves another live cloud's casts.
        rpc.register_opts(conf)
        private = uuid.uuid4().hex
        conf.set_override('control_exchange', 'cinderlite-test-%s' % private)
        conf.set_override('scheduler_topic', 'cinderlite-scheduler-%s' % private)
        conf.set_override('volume_topic', 'cinderlite-volume-%s' % private)
        self.services = []

    def start(self):
        db_engine.configure(self.conf)
        migration.upgrade()
        self.transport = rpc.get_transport(self.conf, default_url=self.transport_url)
        for backend, options in self._backend_options.items():
            volume_conf.register_backend_opts(self.conf, backend)
            for key, value in options.items():
                self.conf.set_override(key, value, group=backend)
        self.scheduler = launcher.build_scheduler(self.conf, self.transport)
        self.volume = launcher.VolumeService(self.conf, self.transport)
        self.api = launcher.build_api(self.conf, self.transport, host='127.0.0.1', port=0)
        self.services = [self.scheduler, self.volume, self.api]
        for svc in self.services:
            svc.start()
        self.url = 'http://127.0.0.1:%d' % self.api.port
        return self

    def stop(self):
        for svc in reversed(self.services):
            svc.stop()
        for svc in reversed(self.services):
            svc.wait()
        self.services = []
        self.transport.cleanup()
        db_engine.dispose()

    def api_services(self):
        """The service-layer objects the API of this cloud calls (to break one in a test)."""
        return paste_conf.services_of(self.conf)

    @property
    def manager(self):
        return self.volume.managers[0]

    def request(self, method, path, token='u1:p1', body=None, headers=None, raw=None):
        """One HTTP request; ``path`` is relative to the server root."""
        data = raw if raw is not None else (json.dumps(body).encode()
                                            if body is not None else None)
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if token:
            req.add_header('X-Auth-Token', token)
        if data is not None:
            req.add_header('Content-Type', 'application/json')
        for key, value in (headers or {}).items():
            req.add_header(key, value)
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return Response(resp.status, resp.headers, resp.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, e.headers, e.read())

    def send_raw(self, data, method='GET'):
        """Send ``data`` (a whole HTTP request, bytes) as it is; the parsed answer.

        For what urllib refuses to send: repeated or conflicting headers,
        broken chunked bodies, bytes outside ASCII in the request line.
        ``method`` tells the parser whether a body follows (not for HEAD).
        """
        with socket.create_connection(('127.0.0.1', self.api.port), timeout=60) as sock:
            sock.sendall(data)
            with contextlib.suppress(OSError):
                # The server may have answered and closed already.
                sock.shutdown(socket.SHUT_WR)
            resp = http.client.HTTPResponse(sock, method=method)
            resp.begin()
            return Response(resp.status, resp.headers, resp.read())

    def cinder(self, user='u1', project='p1', version='3.6'):
        """A python-cinderclient v3 Client with noauth, as a user would build it."""
        auth = noauth.CinderNoAuthPlugin(user_id=user, project_id=project,
                                         roles=None, endpoint=self.url + '/v3')
        sess = ks_session.Session(auth=auth)
        return cinder_client.Client(api_versions.APIVersion(version), session=sess,
                                    endpoint_override=self.url + '/v3/' + project)


def wait_for(predicate, timeout=30, interval=0.05, what='condition'):
    """Poll ``predicate`` until it returns a truthy value; that value is returned."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError('timed out waiting for %s' % what)
        time.sleep(interval)


def wait_status(cloud, collection, resource_id, statuses, token='u1:p1', project='p1'):
    """Wait until GET /v3/<project>/<collection>/<id> shows one of ``statuses``."""
    if isinstance(statuses, str):
        statuses = (statuses,)
    key = {'volumes': 'volume', 'snapshots': 'snapshot',
           'consistencygroups': 'consistencygroup', 'cgsnapshots': 'cgsnapshot',
           'groups': 'group', 'group_snapshots': 'group_snapshot'}[collection]
    # The groups API exists from microversion 3.13 (group snapshots 3.14).
    extra = ({'headers': {'OpenStack-API-Version': 'volume 3.14'}}
             if collection in ('groups', 'group_snapshots') else {})
    last = {}

    def check():
        resp = cloud.request('GET', '/v3/%s/%s/%s' % (project, collection, resource_id),
                             token=token, **extra)
        last['resp'] = resp
        if resp.status == 200 and resp.json[key]['status'] in statuses:
            return resp.json[key]
        if resp.status == 404 and 'deleted' in statuses:
            return {'status': 'deleted'}
        return None
    try:
        return wait_for(check, what='%s %s to be %s' % (collection, resource_id, statuses))
    except AssertionError as e:
        raise AssertionError('%s; last answer: %r' % (e, last.get('resp'))) from None


def assert_usage_matches_rows(cloud, project_id):
    """Assert that the quota usage of ``project_id`` equals a count of its rows.

    Recounts, from the tables, ``volumes`` and ``gigabytes`` (volume sizes plus
    snapshot sizes), ``snapshots``, ``groups`` (consistency groups) and the per-type
    ``<resource>_<type name>`` forms; a resource at zero may have no usage row.
    Rows and usage are read in one transaction, so the comparison holds at any
    moment, even while work is in flight. The database read is the one the
    running ``cloud`` configured (the process has one).
    """
    ctx = cl_context.get_admin_context()
    with db_engine.reader(ctx):
        mine = {'project_id': project_id}
        volumes = db_volumes.list_volumes(ctx, mine, all_projects=True)
        snapshots = db_snapshots.list_snapshots(ctx, mine, all_projects=True)
        groups = db_groups.list_groups(ctx, mine, all_projects=True)
        usages = db_quotas.get_usages(ctx, project_id)
        names = {tid: t.name for tid, t in db_types.get_types_by_ids(
            ctx, {r.volume_type_id for r in volumes + snapshots}).items()}
    counted = {'groups': len(groups)}

    def charge(resource, type_id, amount):
        counted[resource] = counted.get(resource, 0) + amount
        if names.get(type_id):
            key = '%s_%s' % (resource, names[type_id])
            counted[key] = counted.get(key, 0) + amount
    for volume in volumes:
        charge('volumes', volume.volume_type_id, 1)
        charge('gigabytes', volume.volume_type_id, volume.size)
    for snapshot in snapshots:
        charge('snapshots', snapshot.volume_type_id, 1)
        charge('gigabytes', snapshot.volume_type_id, snapshot.size)
    counted = {k: v for k, v in counted.items() if v}
    in_use = {k: v for k, v in usages.items() if v}
    assert in_use == counted, 'quota usage %r != rows %r of %s' % (
        in_use, counted, project_id)


def assert_all_usage_matches_rows():
    """assert_usage_matches_rows for every project with usage or rows in the database."""
    with db_engine.get_engine().connect() as conn:
        projects = set()
        for table in ('quota_usages', 'volumes', 'snapshots', 'groups'):
            projects.update(row[0] for row in conn.execute(
                sa.text('SELECT DISTINCT project_id FROM %s' % table)))
    for project_id in sorted(projects):
        assert_usage_matches_rows(None, project_id)


def break_the_bus(cloud, monkeypatch):
    """Make the message bus refuse every cast the API sends, as a broker that is down.

    Only oslo.messaging's client is replaced: cinderlite's code runs as it is,
    and version negotiation still answers as the real client does.
    """
    class DownBroker:
        def __init__(self, prepared):
            self._prepared = prepared

        def can_send_version(self, *args, **kwargs):
            return self._prepared.can_send_version(*args, **kwargs)

        def cast(self, *args, **kwargs):
            raise oslo_messaging.MessageDeliveryFailure('the broker is down')
    services = cloud.api_services()
    # Every service-layer object shares these two clients (services.Services).
    for rpcapi in (services.groups.scheduler_rpcapi, services.groups.volume_rpcapi):
        real_prepare = rpcapi.client.prepare
        monkeypatch.setattr(rpcapi.client, 'prepare',
                            lambda *a, _real=real_prepare, **kw: DownBroker(_real(*a, **kw)))
