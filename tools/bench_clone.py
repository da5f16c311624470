#!/usr/bin/env python3
"""Benchmark create_consistencygroup_from_src on the embedded default.

For each N it builds a group of N volumes of 1 GiB, then clones it and
prints: the POST's latency, the SQL statements the API sent for it, the
statements the volume manager sent to finish it, the seconds until the new
group is ``available``, and the seconds a cgsnapshot of the group takes to
become ``available``. The embedded default is what ``cinderlite-all`` runs:
SQLite under a state directory, the in-process ``fake://`` bus and the file
driver.

    python tools/bench_clone.py [--backend file|rbd] [--sizes 1,10,100] [--repeat 3]
                                [--fill-mib 1]

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

DEFAULT_SIZES = {'file': '1,10,100', 'rbd': '1,10,50,100'}


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
                                              'Content-Type': 'application/json'})
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


def build_group(client, size):
    group = client.call('POST', '/v3/bench/consistencygroups',
                        {'consistencygroup': {'volume_types': 'bench'}})['consistencygroup']
    client.wait('/v3/bench/consistencygroups/%s' % group['id'], 'consistencygroup',
                'available')
    ids = [client.call('POST', '/v3/bench/volumes', {'volume': {
        'size': 1, 'volume_type': 'bench', 'consistencygroup_id': group['id']}})['volume']['id']
        for _ in range(size)]
    for volume_id in ids:
        client.wait('/v3/bench/volumes/%s' % volume_id, 'volume', 'available')
    return group['id'], ids


def cgsnapshot_once(client, group_id):
    start = time.perf_counter()
    cgsnapshot = client.call('POST', '/v3/bench/cgsnapshots',
                             {'cgsnapshot': {'consistencygroup_id': group_id}})['cgsnapshot']
    client.wait('/v3/bench/cgsnapshots/%s' % cgsnapshot['id'], 'cgsnapshot', 'available')
    seconds = time.perf_counter() - start
    client.call('DELETE', '/v3/bench/cgsnapshots/%s' % cgsnapshot['id'])
    return seconds


def clone_once(client, statements, group_id):
    statements.reset()
    start = time.perf_counter()
    group = client.call('POST', '/v3/bench/consistencygroups/create_from_src',
                        {'consistencygroup-from-src': {'source_cgid': group_id}})
    posted = time.perf_counter()
    # The polling GETs below add API statements, so the POST's are read now; the
    # manager's come from other threads and are read once the group is available.
    api_statements = statements.api
    client.wait('/v3/bench/consistencygroups/%s' % group['consistencygroup']['id'],
                'consistencygroup', 'available')
    done = time.perf_counter()
    return posted - start, api_statements, statements.services, done - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--backend', choices=('file', 'rbd'), default='file')
    parser.add_argument('--sizes', help='default: 1,10,100 (file), 1,10,50,100 (rbd)')
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--fill-mib', type=int, default=1)
    args = parser.parse_args()
    sizes = [int(s) for s in (args.sizes or DEFAULT_SIZES[args.backend]).split(',')]
    with tempfile.TemporaryDirectory() as state:
        ceph = CephBackend(state) if args.backend == 'rbd' else None
        try:
            runner, url = start_embedded(state, {args.backend: ceph.options() if ceph else {}})
            client = Client(url)
            client.call('POST', '/v3/admin/types', {'volume_type': {'name': 'bench'}},
                        token='admin:admin')
            client.call('PUT', '/v3/admin/os-quota-sets/bench', {'quota_set': {
                'volumes': -1, 'gigabytes': -1, 'consistencygroups': -1, 'snapshots': -1}},
                token='admin:admin')
            statements = Statements(db_engine.get_engine())
            rows = []
            for size in sizes:
                group_id, volume_ids = build_group(client, size)
                if ceph:
                    ceph.fill(volume_ids, args.fill_mib)
                else:
                    fill_files(state, volume_ids, args.fill_mib)
                runs = [clone_once(client, statements, group_id) for _ in range(args.repeat)]
                snaps = [cgsnapshot_once(client, group_id) for _ in range(args.repeat)]
                rows.append((size, statistics.median(r[0] for r in runs) * 1000,
                             runs[-1][1], runs[-1][2], statistics.median(r[3] for r in runs),
                             statistics.median(snaps)))
            runner.stop()
        finally:
            if ceph:
                ceph.stop()
    print('clone of a group of N volumes of 1 GiB on the %s backend, %d MiB written in '
          'each, %d runs per N' % (args.backend, args.fill_mib, args.repeat))
    print('%5s | %14s | %14s | %18s | %17s | %13s' % (
        'N', 'POST ms (p50)', 'API statements', 'manager statements', 's until available',
        'cgsnapshot s'))
    print('-' * 97)
    for size, post_ms, api, manager, seconds, snap in rows:
        print('%5d | %14.1f | %14d | %18d | %17.3f | %13.3f'
              % (size, post_ms, api, manager, seconds, snap))


if __name__ == '__main__':
    main()
