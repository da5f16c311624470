#!/usr/bin/env python3
"""Benchmark the fixed cost of API requests and how lists grow with the table.

It seeds a project with N volumes straight into the database through the
data layer (fast: bulk inserts), starts ``cinderlite-all`` on that database
as a separate process, and sends each request kind sequentially over one
keep-alive connection. It prints, per request kind and N: requests per
second (wall clock, one client) and the server process's CPU milliseconds
per request (user + system time from /proc over the run: what the request
costs the server, whatever else the machine does), as the median of several
repetitions with their spread (max - min), and, for the lists, how much
slower they are at the largest N than at the smallest.

    python tools/bench_api.py [--sizes 1000,100000] [--requests 300] [--repeat 5]
    python tools/bench_api.py --scale-out   # api, scheduler, volume on PostgreSQL

``--scale-out`` runs ``cinderlite-api``, ``cinderlite-scheduler`` and
``cinderlite-volume`` as three processes over RabbitMQ on a new PostgreSQL
database (``CINDERLITE_TEST_PG_URL``, ``CINDERLITE_TEST_RABBIT_URL``) and
measures the API process.
"""

import argparse
import contextlib
import datetime
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import sqlalchemy as sa

from cinderlite import conf as cl_conf
from cinderlite import context as cl_context
from cinderlite.db import engine as db_engine
from cinderlite.db import group_types as db_group_types
from cinderlite.db import groups as db_groups
from cinderlite.db import migration
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes

PROJECT = 'bench'
TOKEN = 'bench:%s' % PROJECT
PG_URL = os.environ.get('CINDERLITE_TEST_PG_URL',
                        'postgresql+psycopg2://postgres@127.0.0.1:5432')
RABBIT_URL = os.environ.get('CINDERLITE_TEST_RABBIT_URL',
                            'rabbit://guest:guest@127.0.0.1:5672/')
TICKS = os.sysconf('SC_CLK_TCK')
SEED_BATCH = 5000
HOST = 'bench@file#file'


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """User + system CPU seconds of process ``pid`` and its threads, from /proc."""
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rpartition(')')[2].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


@contextlib.contextmanager
def database(scale_out):
    """A new empty database: SQLite in a temporary folder, or one on PostgreSQL."""
    if not scale_out:
        with tempfile.TemporaryDirectory() as folder:
            yield folder, 'sqlite:///%s/cinderlite.sqlite' % folder
        return
    name = 'bench_%s' % uuid.uuid4().hex[:10]
    admin = sa.create_engine('%s/test' % PG_URL, isolation_level='AUTOCOMMIT')
    with admin.connect() as conn:
        conn.exec_driver_sql('CREATE DATABASE %s' % name)
    try:
        with tempfile.TemporaryDirectory() as folder:
            yield folder, '%s/%s' % (PG_URL, name)
    finally:
        db_engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql('DROP DATABASE IF EXISTS %s WITH (FORCE)' % name)
        admin.dispose()


def seed(url, state_path, count):
    """``count`` volumes and one group in PROJECT; returns ``(volume ids, group id)``.

    Rows go in through the data layer in bulk, with distinct ``created_at``
    values, as a project that created them one by one would have them.
    """
    conf = cl_conf.new_conf()
    cl_conf.parse_args(conf, [], default_config_files=[])
    conf.set_override('state_path', state_path)
    conf.set_override('connection', url, group='database')
    db_engine.configure(conf)
    migration.upgrade()
    ctx = cl_context.get_admin_context()
    type_id = db_types.get_default_type(ctx).id
    group_id = str(uuid.uuid4())
    db_groups.create_group(ctx, {'id': group_id, 'project_id': PROJECT, 'user_id': 'bench',
                                 'host': HOST, 'status': 'available', 'name': 'g',
                                 'availability_zone': 'nova',
                                 'group_type_id': db_group_types.get_cg_type(ctx).id},
                           [type_id])
    ids = [str(uuid.uuid4()) for _ in range(count)]
    start = time.time() - count
    for first in range(0, count, SEED_BATCH):
        rows = [{'id': ids[i], 'project_id': PROJECT, 'user_id': 'bench', 'host': HOST,
                 'size': 1, 'availability_zone': 'nova', 'status': 'available',
                 'name': 'vol-%d' % i, 'volume_type_id': type_id, 'bootable': False,
                 'created_at': _timestamp(start + i)}
                for i in range(first, min(first + SEED_BATCH, count))]
        db_volumes.create_volumes(ctx, rows)
    db_engine.dispose()
    return ids, group_id


def _timestamp(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).replace(
        tzinfo=None)


def write_config(folder, url, port, transport_url=None):
    path = os.path.join(folder, 'cinderlite.conf')
    lines = ['[DEFAULT]', 'state_path = %s' % folder, 'host = bench',
             'osapi_volume_listen = 127.0.0.1', 'osapi_volume_listen_port = %d' % port,
             'log_file = %s' % os.path.join(folder, 'cinderlite.log')]
    if transport_url:
        topic = uuid.uuid4().hex[:8]
        lines += ['transport_url = %s' % transport_url,
                  'control_exchange = bench-%s' % topic,
                  'scheduler_topic = bench-scheduler-%s' % topic,
                  'volume_topic = bench-volume-%s' % topic]
    lines += ['[database]', 'connection = %s' % url]
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    return path


def start_processes(config, scale_out):
    """The server processes; the first one serves the API."""
    binaries = (['cinderlite-api', 'cinderlite-scheduler', 'cinderlite-volume']
                if scale_out else ['cinderlite-all'])
    if scale_out:
        subprocess.run([_script('cinderlite-manage'), '--config-file', config,
                        'db', 'sync'], check=True, capture_output=True)
    return [subprocess.Popen([_script(name), '--config-file', config],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for name in binaries]


def _script(name):
    return os.path.join(os.path.dirname(sys.executable), name)


def wait_until_served(port, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
            conn.request('GET', '/')
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError('the API did not answer on port %d' % port)


def measure(port, pid, path, requests):
    """``(requests per second, server CPU ms per request)`` of ``requests`` GETs of ``path``."""
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=60)
    headers = {'X-Auth-Token': TOKEN, 'OpenStack-API-Version': 'volume 3.0'}
    conn.request('GET', path, headers=headers)     # warm up, and check it works
    resp = conn.getresponse()
    body = resp.read()
    if resp.status != (300 if path == '/' else 200):
        raise RuntimeError('%s answered %d: %s' % (path, resp.status, body[:200]))
    cpu_before, wall_before = cpu_seconds(pid), time.perf_counter()
    for _ in range(requests):
        conn.request('GET', path, headers=headers)
        conn.getresponse().read()
    wall = time.perf_counter() - wall_before
    cpu = cpu_seconds(pid) - cpu_before
    conn.close()
    return requests / wall, cpu * 1000 / requests


def request_kinds(volume_ids, group_id):
    middle = volume_ids[len(volume_ids) // 2]
    base = '/v3/%s' % PROJECT
    return [('GET /', '/'),
            ('volume show', '%s/volumes/%s' % (base, middle)),
            ('group show', '%s/consistencygroups/%s' % (base, group_id)),
            ('volumes/detail?limit=100', '%s/volumes/detail?limit=100' % base),
            ('volumes?limit=100', '%s/volumes?limit=100' % base),
            ('deep page by marker', '%s/volumes?limit=100&marker=%s' % (base, middle)),
            ('name filter', '%s/volumes?name=vol-%d' % (base, len(volume_ids) // 3))]


def run_size(size, args):
    results = {}
    with database(args.scale_out) as (folder, url):
        volume_ids, group_id = seed(url, folder, size)
        port = free_port()
        config = write_config(folder, url, port, RABBIT_URL if args.scale_out else None)
        processes = start_processes(config, args.scale_out)
        try:
            wait_until_served(port)
            for name, path in request_kinds(volume_ids, group_id):
                runs = [measure(port, processes[0].pid, path, args.requests)
                        for _ in range(args.repeat)]
                results[name] = ([r[0] for r in runs], [r[1] for r in runs])
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(30)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='1000,100000')
    parser.add_argument('--requests', type=int, default=300,
                        help='requests per repetition and kind')
    parser.add_argument('--repeat', type=int, default=5)
    parser.add_argument('--scale-out', action='store_true')
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(',')]
    by_size = {size: run_size(size, args) for size in sizes}
    print('%s, %d requests x %d repetitions per cell; median (spread = max - min)'
          % ('scale-out on PostgreSQL' if args.scale_out else 'embedded default (SQLite)',
             args.requests, args.repeat))
    header = '%-26s | %9s | %12s | %18s' % ('request', 'volumes', 'req/s', 'CPU ms/request')
    print(header)
    print('-' * len(header))
    for name in by_size[sizes[0]]:
        for size in sizes:
            rates, cpu = by_size[size][name]
            print('%-26s | %9d | %12.0f | %8.2f (%6.2f)' % (
                name, size, statistics.median(rates), statistics.median(cpu),
                max(cpu) - min(cpu)))
    if len(sizes) > 1:
        print('\nCPU per request at %d volumes / at %d volumes:' % (sizes[-1], sizes[0]))
        for name in by_size[sizes[0]]:
            ratio = (statistics.median(by_size[sizes[-1]][name][1])
                     / statistics.median(by_size[sizes[0]][name][1]))
            print('  %-26s %5.2fx' % (name, ratio))


if __name__ == '__main__':
    main()
