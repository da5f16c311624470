#!/usr/bin/env python3
"""Benchmark cloning a group on the embedded default, through both group APIs.

For each N it builds a group of N volumes of 1 GiB, then clones it and
prints: the POST's latency, the SQL statements the API sent for it, the
statements the volume manager sent to finish it, the seconds until the new
group is ``available``, and the seconds a group snapshot takes to become
``available``. It does so through the consistency group API
(``create_from_src``, cgsnapshots) and the groups API (``POST /groups/action``
``create-from-src``, group snapshots; microversion 3.14), one table each.
The embedded default is what ``cinderlite-all`` runs: SQLite under a state
directory, the in-process ``fake://`` bus and the file driver.

    python tools/bench_clone.py [--backend file|rbd] [--sizes 1,10,100,1000]
                                [--repeat 3] [--fill-mib 1] [--apis cg,groups]

``--fill-mib`` writes that much data into every source volume first, so the
clone copies real extents (empty sparse volumes copy in no time).

``--backend rbd`` serves the volumes from a throw-away single-node Ceph
cluster (:mod:`cinderlite.testing.ceph_cluster`, as the Ceph tests: Debian's
packages, installed when missing, a memstore OSD) started under the state
directory, and writes the data through librbd.
"""

import argparse
import json
import os
import socket
import statistics
import tempfile
import threading
import time
import urllib.request

import sqlalchemy as sa

from cinderlite import conf as cl_conf
from cinderlite import launcher
from cinderlite import rpc
from cinderlite.conf import volume as volume_conf
from cinderlite.db import engine as db_engine
from cinderlite.db import migration
from cinderlite.testing import ceph_cluster
from cinderlite.volume.drivers import file as file_driver

DEFAULT_SIZES = {'file': '1,10,100,1000', 'rbd': '1,10,50,100'}


class Statements:
    """SQL statements per sending thread kind (API workers vs. service threads)."""

    def __init__(self, engine):
        self.api = 0
        self.services = 0
        self._lock = threading.Lock()
        sa.event.listen(engine, 'before_cursor_execute', self._count)

    def _count(self, *args):
        name = threading.current_thread().name
        with self._lock:
            if name.startswith('CP Server'):
                self.api += 1
            elif not name.startswith(('heartbeat', 'MainThread')):
                self.services += 1

    def reset(self):
        with self._lock:
            self.api = self.services = 0


class Client:
    def __init__(self, url):
        self.url = url

    def call(self, method, path, body=None, token='bench:bench'):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={'X-Auth-Token': token,
                                              'Content-Type': 'application/json',
                                              'OpenStack-API-Version': 'volume 3.14'})
        with urllib.request.urlopen(req, timeout=120) as resp:
            raw = resp.read()
            return json.loads(raw) if raw else None

    def wait(self, path, key, status):
        while True:
            body = self.call('GET', path)[key]
            if body['status'] == status:
                return
            if body['status'] == 'error':
                raise RuntimeError('%s went to error' % path)
            time.sleep(0.005)


def start_embedded(state_path, backends):
    conf = cl_conf.new_conf()
    rpc.register_opts(conf)
    cl_conf.parse_args(conf, [], default_config_files=[])
    conf.set_override('state_path', state_path)
    conf.set_override('connection', 'sqlite:///%s/cinderlite.sqlite' % state_path,
                      group='database')
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    conf.set_override('enabled_backends', list(backends))
    for backend, options in backends.items():
        volume_conf.register_backend_opts(conf, backend)
        for key, value in options.items():
            conf.set_override(key, value, group=backend)
    db_engine.configure(conf)
    migration.upgrade()
    transport = rpc.get_transport(conf, default_url='fake://')
    services = [launcher.build_scheduler(conf, transport),
                launcher.VolumeService(conf, transport),
                launcher.build_api(conf, transport, host='127.0.0.1', port=port)]
    runner = launcher.Launcher(conf, services)
    runner.start()
    return runner, 'http://127.0.0.1:%d' % port


def fill_files(state, volume_ids, mib):
    """Write ``mib`` MiB of data into each source volume through the fenced data path."""
    block = os.urandom(1024 * 1024)
    for volume_id in volume_ids:
        path = os.path.join(state, 'volumes', 'file', 'volume-%s' % volume_id)
        with file_driver.volume_io(path) as f:
            for _ in range(mib):
                f.write(block)


class CephBackend:
    """A throw-away Ceph cluster serving the backend ``rbd``; data written through librbd."""

    def __init__(self, state):
        ceph_cluster.ensure_packages(os.path.join(state, 'apt.log'))
        self.rados, self.rbd = ceph_cluster.import_bindings(os.path.join(state, 'bindings'))
        # Sources and every clone's copies live in the OSD's RAM.
        self.cluster = ceph_cluster.Cluster(os.path.join(state, 'ceph'),
                                            memstore_bytes=6 << 30).start()
        self.client = self.rados.Rados(conffile=self.cluster.conf_path, rados_id='admin')
        self.client.connect(timeout=30)
        self.ioctx = self.client.open_ioctx(self.cluster.pool)

    def options(self):
        return {'volume_driver': 'rbd', 'rbd_pool': self.cluster.pool,
                'rbd_ceph_conf': self.cluster.conf_path, 'rbd_user': self.cluster.user}

    def fill(self, volume_ids, mib):
        block = os.urandom(1024 * 1024)
        for volume_id in volume_ids:
            with self.rbd.Image(self.ioctx, 'volume-%s' % volume_id) as image:
                for index in range(mib):
                    image.write(block, index * len(block))

    def stop(self):
        self.ioctx.close()
        self.client.shutdown()
        self.cluster.stop()


class Api:
    """How one group API names a group, its members, its snapshots and its clone."""

    def __init__(self, collection, key, create, member_key, snapshots, snapshot_key,
                 group_key, clone_path, clone_body):
        self.collection, self.key, self.create = collection, key, create
        self.member_key, self.snapshots, self.snapshot_key = member_key, snapshots, snapshot_key
        self.group_key, self.clone_path, self.clone_body = group_key, clone_path, clone_body


APIS = {
    'cg': Api('consistencygroups', 'consistencygroup',
              {'consistencygroup': {'volume_types': 'bench'}}, 'consistencygroup_id',
              'cgsnapshots', 'cgsnapshot', 'consistencygroup_id',
              'consistencygroups/create_from_src',
              lambda source: {'consistencygroup-from-src': {'source_cgid': source}}),
    'groups': Api('groups', 'group',
                  {'group': {'group_type': 'bench', 'volume_types': ['bench']}}, 'group_id',
                  'group_snapshots', 'group_snapshot', 'group_id', 'groups/action',
                  lambda source: {'create-from-src': {'source_group_id': source}}),
}


def build_group(client, api, size):
    group = client.call('POST', '/v3/bench/%s' % api.collection, api.create)[api.key]
    client.wait('/v3/bench/%s/%s' % (api.collection, group['id']), api.key, 'available')
    ids = [client.call('POST', '/v3/bench/volumes', {'volume': {
        'size': 1, 'volume_type': 'bench', api.member_key: group['id']}})['volume']['id']
        for _ in range(size)]
    for volume_id in ids:
        client.wait('/v3/bench/volumes/%s' % volume_id, 'volume', 'available')
    return group['id'], ids


def snapshot_once(client, api, group_id):
    start = time.perf_counter()
    snapshot = client.call('POST', '/v3/bench/%s' % api.snapshots,
                           {api.snapshot_key: {api.group_key: group_id}})[api.snapshot_key]
    path = '/v3/bench/%s/%s' % (api.snapshots, snapshot['id'])
    client.wait(path, api.snapshot_key, 'available')
    seconds = time.perf_counter() - start
    client.call('DELETE', path)
    return seconds


def clone_once(client, statements, api, group_id):
    statements.reset()
    start = time.perf_counter()
    group = client.call('POST', '/v3/bench/%s' % api.clone_path,
                        api.clone_body(group_id))[api.key]
    posted = time.perf_counter()
    # The polling GETs below add API statements, so the POST's are read now; the
    # manager's come from other threads and are read once the group is available.
    api_statements = statements.api
    client.wait('/v3/bench/%s/%s' % (api.collection, group['id']), api.key, 'available')
    done = time.perf_counter()
    return posted - start, api_statements, statements.services, done - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--backend', choices=('file', 'rbd'), default='file')
    parser.add_argument('--sizes', help='default: 1,10,100,1000 (file), 1,10,50,100 (rbd)')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--fill-mib', type=int, default=1)
    parser.add_argument('--apis', default='cg,groups',
                        help='cg (consistency group API), groups (groups API) or both')
    args = parser.parse_args()
    sizes = [int(s) for s in (args.sizes or DEFAULT_SIZES[args.backend]).split(',')]
    with tempfile.TemporaryDirectory() as state:
        ceph = CephBackend(state) if args.backend == 'rbd' else None
        try:
            runner, url = start_embedded(state, {args.backend: ceph.options() if ceph else {}})
            client = Client(url)
            client.call('POST', '/v3/admin/types', {'volume_type': {'name': 'bench'}},
                        token='admin:admin')
            client.call('POST', '/v3/admin/group_types', {'group_type': {
                'name': 'bench', 'group_specs': {
                    'consistent_group_snapshot_enabled': '<is> True'}}}, token='admin:admin')
            client.call('PUT', '/v3/admin/os-quota-sets/bench', {'quota_set': {
                'volumes': -1, 'gigabytes': -1, 'groups': -1, 'snapshots': -1}},
                token='admin:admin')
            statements = Statements(db_engine.get_engine())
            tables = {}
            for name in args.apis.split(','):
                api, rows = APIS[name], tables.setdefault(name, [])
                for size in sizes:
                    group_id, volume_ids = build_group(client, api, size)
                    if ceph:
                        ceph.fill(volume_ids, args.fill_mib)
                    else:
                        fill_files(state, volume_ids, args.fill_mib)
                    runs = [clone_once(client, statements, api, group_id)
                            for _ in range(args.repeat)]
                    snaps = [snapshot_once(client, api, group_id)
                             for _ in range(args.repeat)]
                    rows.append((size, statistics.median(r[0] for r in runs) * 1000,
                                 runs[-1][1], runs[-1][2],
                                 statistics.median(r[3] for r in runs),
                                 statistics.median(snaps)))
            runner.stop()
        finally:
            if ceph:
                ceph.stop()
    for name, rows in tables.items():
        print('%s API: clone of a group of N volumes of 1 GiB on the %s backend, %d MiB '
              'written in each, %d runs per N'
              % (name, args.backend, args.fill_mib, args.repeat))
        print('%5s | %14s | %14s | %18s | %17s | %13s' % (
            'N', 'POST ms (p50)', 'API statements', 'manager statements',
            's until available', 'snapshot s'))
        print('-' * 97)
        for size, post_ms, api_count, manager, seconds, snap in rows:
            print('%5d | %14.1f | %14d | %18d | %17.3f | %13.3f'
                  % (size, post_ms, api_count, manager, seconds, snap))
        print()


if __name__ == '__main__':
    main()
