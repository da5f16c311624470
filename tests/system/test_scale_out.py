"""Scale-out: api, scheduler and two volume hosts as OS processes, over RabbitMQ.

The deployment tests run on PostgreSQL and on MariaDB. Everything goes
through the console scripts an operator runs (``cinderlite-manage db sync``,
``cinderlite-scheduler``, ``cinderlite-volume``, ``cinderlite-api``); the
tests only talk HTTP to the APIs, read the volume hosts' directories and
send signals. The last test shows why each deployment on a shared broker
needs its own topics.
"""

import collections
from concurrent import futures
import signal
import threading
import uuid

import pytest

from cinderlite import context as cl_context
from cinderlite import rpc
from cinderlite.scheduler import rpcapi as scheduler_rpcapi
from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional import multiprocess

ADMIN = h.ADMIN
DB_BACKENDS = ('postgresql', 'mysql')
#: Seconds each group member copy takes on host B, so that a clone can be caught in flight.
SLOW_COPY_SECONDS = '2'


@pytest.fixture(params=DB_BACKENDS)
def deployment(request, tmp_path):
    """An empty scale-out deployment on a fresh database; every process is killed after."""
    with fixtures.database(request.param, tmp_path) as url:
        with multiprocess.Deployment(tmp_path, url) as deployment:
            assert 'revision' in deployment.manage('db', 'sync')
            yield deployment


def _host_of(api, volume_id):
    resp = api.request('GET', '/v3/admin/volumes/%s' % volume_id, token=ADMIN)
    assert resp.status == 200, resp
    return resp.json['volume']['os-vol-host-attr:host']


def _backend_host(pool_host):
    return pool_host.partition('#')[0]


def _members(api, group_id):
    return [v for v in h.list_volumes(api) if v['consistencygroup_id'] == group_id]


def _sourced_group(api, types, count):
    """An available group of ``count`` available volumes; returns (id, volume ids)."""
    group_id = h.create_group(api, types=types)
    volumes = [h.create_volume(api, group_id, vtype=types, name='%s-%d' % (types, i))
               for i in range(count)]
    return group_id, volumes


def _write_sources(host, volume_ids):
    for volume_id in volume_ids:
        h.write_pattern(str(host.volume_file(volume_id)), b'bytes of %s' % volume_id.encode())


def _clone(api, group_id):
    resp = h.clone(api, source_cgid=group_id)
    assert resp.status == 202, resp
    return resp.json['consistencygroup']['id']


def _head(path):
    """Size and first bytes of a volume file (where _write_sources wrote).

    Reading whole 1 GiB sparse files would cost seconds for nothing.
    """
    with open(path, 'rb') as f:
        return path.stat().st_size, f.read(4096)


def _assert_cloned_on(host, api, clone_group_id):
    """Every clone of the group lives on ``host``, as a file with its source's bytes."""
    clones = _members(api, clone_group_id)
    assert clones
    for clone in clones:
        assert clone['status'] == 'available', clone
        assert _backend_host(clone['os-vol-host-attr:host']) == host.service_host
        source = _head(host.volume_file(clone['source_volid']))
        assert source[1].startswith(b'bytes of ')
        assert _head(host.volume_file(clone['id'])) == source


def _counts(api):
    return len(h.list_groups(api)), len(h.list_volumes(api))


def test_volumes_groups_and_clones_across_two_hosts_with_a_crash(deployment):
    deployment.add_scheduler()
    host_a = deployment.add_volume_host('hosta', {'volume_backend_name': 'backend-a'})
    host_b = deployment.add_volume_host(
        'hostb', {'volume_backend_name': 'backend-b',
                  'volume_driver': 'tests.drivers.SlowFileDriver'},
        env={'CINDERLITE_TEST_SLOW_SECONDS': SLOW_COPY_SECONDS})
    hosts = {host_a.service_host: host_a, host_b.service_host: host_b}
    api = deployment.add_api()
    h.create_type(api, 'any')
    h.create_type(api, 'on-a', backend_name='backend-a')
    h.create_type(api, 'on-b', backend_name='backend-b')
    h.set_quota(api, 'p1', volumes=50, groups=20)

    # Both hosts report the same free space (one filesystem): the scheduler
    # charges each placement to its host until the host's next report, so a
    # burst spreads over both instead of piling onto the first one.
    volume_ids = [h.create_volume(api, vtype='any', size=2, wait=None) for _ in range(4)]
    for volume_id in volume_ids:
        fixtures.wait_status(api, 'volumes', volume_id, 'available')
    placed = collections.Counter()
    for volume_id in volume_ids:
        host = hosts[_backend_host(_host_of(api, volume_id))]
        placed[host.service_host] += 1
        assert host.volume_file(volume_id).exists()
    assert set(placed) == set(hosts), placed

    # A group on each host (the type's volume_backend_name picks it); each
    # clone is made by the source's host, beside its source.
    group_a, sources_a = _sourced_group(api, 'on-a', 2)
    group_b, sources_b = _sourced_group(api, 'on-b', 2)
    assert {_backend_host(_host_of(api, v)) for v in sources_a} == {host_a.service_host}
    assert {_backend_host(_host_of(api, v)) for v in sources_b} == {host_b.service_host}
    _write_sources(host_a, sources_a)
    _write_sources(host_b, sources_b)
    clone_a, clone_b = _clone(api, group_a), _clone(api, group_b)
    fixtures.wait_status(api, 'consistencygroups', clone_a, 'available')
    fixtures.wait_status(api, 'consistencygroups', clone_b, 'available')
    _assert_cloned_on(host_a, api, clone_a)
    _assert_cloned_on(host_b, api, clone_b)

    # Host B dies (SIGKILL) while it copies the members of another clone.
    in_flight = _clone(api, group_b)

    def half_copied():
        copied = [c for c in _members(api, in_flight)
                  if host_b.volume_file(c['id']).exists()]
        return copied and len(copied) < len(sources_b)
    fixtures.wait_for(half_copied, what='the clone to be half copied')
    host_b.kill()
    resp = api.request('GET', '/v3/p1/consistencygroups/%s' % in_flight)
    assert resp.json['consistencygroup']['status'] == 'creating'

    _, seconds = multiprocess.wait_until(
        lambda: deployment.service_state(host_b.service_host) == 'XXX',
        what='host B to show as down')
    assert deployment.service_state(host_a.service_host) == ':-)'
    # Down after service_down_time (3 s here), not Cinder's default 60 s; the
    # margin allows for a loaded machine (19.6 s seen with load average 11).
    assert seconds < multiprocess.SERVICE_DOWN_TIME + 30

    # Its group can no longer be cloned: a clear 400, and nothing is written.
    before = _counts(api)
    resp = h.clone(api, source_cgid=group_b)
    assert resp.status == 400, resp
    message = resp.json['badRequest']['message']
    # A member is not told host names; an admin would be.
    assert 'No valid host' in message and host_b.service_host not in message
    assert 'is down' in message
    assert _counts(api) == before
    # Host A is not affected.
    fixtures.wait_status(api, 'consistencygroups', _clone(api, group_a), 'available')

    # Restarted, host B finishes the clone it was killed in.
    host_b.start(env={'CINDERLITE_TEST_SLOW_SECONDS': '0'})
    fixtures.wait_status(api, 'consistencygroups', in_flight, 'available')
    assert 'Resuming creating of group %s' % in_flight in host_b.log_text()
    _assert_cloned_on(host_b, api, in_flight)
    multiprocess.wait_until(lambda: deployment.service_state(host_b.service_host) == ':-)',
                            what='host B to show as up')
    h.assert_usage_is_row_count(api)

    # Every service stops gracefully on SIGTERM.
    running = [proc for proc in deployment.processes if proc.running()]
    for proc in running:
        proc.process.send_signal(signal.SIGTERM)
    for proc in running:
        assert proc.process.wait(30) == 0, proc.log_text()[-3000:]


def test_two_apis_never_over_commit_quota_under_concurrent_clones(deployment):
    """N clones at once through two API processes, quota for K: exactly K pass.

    The second API is pinned to volume RPC 1.0 (``[upgrade_levels]``), as
    during a rolling upgrade: the volume host takes both versions of the clone.
    """
    allowed, attempts = 3, 12
    deployment.add_scheduler()
    deployment.add_volume_host('hosta')
    apis = [deployment.add_api('api1'),
            deployment.add_api('api2', {'upgrade_levels': {'volume': '1.0'}})]
    h.create_type(apis[0], 'fast')
    # Two sources, so that clones contend on the quota rows and not only on a source's lock.
    token, project = 'u2:p2', 'p2'
    sources = [h.create_group(apis[0], token=token, project=project) for _ in range(2)]
    for group_id in sources:
        h.create_volume(apis[1], group_id, token=token, project=project)
    h.set_quota(apis[0], project, groups=len(sources) + allowed,
                volumes=len(sources) + allowed)

    start = threading.Barrier(attempts)

    def clone(index):
        api = apis[index % 2]
        start.wait()
        return h.clone(api, token=token, project=project,
                       source_cgid=sources[(index // 2) % 2])
    with futures.ThreadPoolExecutor(attempts) as pool:
        answers = list(pool.map(clone, range(attempts)))

    statuses = collections.Counter(resp.status for resp in answers)
    assert statuses == {202: allowed, 413: attempts - allowed}, answers
    for resp in answers:
        if resp.status == 413:
            assert 'overLimit' in resp.json, resp
    for resp in answers:
        if resp.status == 202:
            fixtures.wait_status(apis[0], 'consistencygroups',
                                 resp.json['consistencygroup']['id'], 'available',
                                 token, project)
    groups = apis[1].request('GET', '/v3/%s/consistencygroups' % project, token=token)
    assert len(groups.json['consistencygroups']) == len(sources) + allowed
    h.assert_usage_is_row_count(apis[1], project)
    assert h.usage(apis[0], project)['groups'] == len(sources) + allowed

    # One more through the pinned API (a 1.0 message) is cloned like the others.
    h.set_quota(apis[0], project, groups=len(sources) + allowed + 1,
                volumes=len(sources) + allowed + 1)
    resp = h.clone(apis[1], token=token, project=project, source_cgid=sources[0])
    assert resp.status == 202, resp
    fixtures.wait_status(apis[1], 'consistencygroups', resp.json['consistencygroup']['id'],
                         'available', token, project)


class _Recorder:
    """A scheduler endpoint that only records what reaches it."""

    def __init__(self):
        self.volume_ids = []

    def create_volume(self, context, volume_id):
        self.volume_ids.append(volume_id)


def _bus_of_deployment(tmp_path, uid, topics_of=None):
    """conf, transport and a serving recorder of a deployment on the local RabbitMQ."""
    conf = fixtures.make_conf(tmp_path, 'sqlite://',
                              control_exchange='cinderlite-test-%s' % uid)
    topics_of = topics_of or uid
    conf.set_override('scheduler_topic', 'cinderlite-scheduler-%s' % topics_of)
    transport = rpc.get_transport(conf, default_url=fixtures.RABBIT_URL)
    recorder = _Recorder()
    server = rpc.get_server(transport, conf.scheduler_topic, 'scheduler-%s' % uid,
                            [recorder])
    server.start()
    return conf, transport, recorder, server


@pytest.mark.parametrize('own_topics', [True, False], ids=['own-topics', 'shared-topics'])
def test_two_deployments_on_one_broker_keep_their_messages_with_their_own_topics(
        own_topics, tmp_path):
    """RabbitMQ names queues after the topic alone: control_exchange does not separate.

    With shared topics the second deployment's scheduler takes some of the
    first one's messages (why ``scheduler_topic``/``volume_topic`` exist).
    """
    first, second = uuid.uuid4().hex, uuid.uuid4().hex
    buses = []
    try:
        buses.append(_bus_of_deployment(tmp_path, first))
        buses.append(_bus_of_deployment(tmp_path, second,
                                        topics_of=None if own_topics else first))
        conf, transport, mine, _ = buses[0]
        api = scheduler_rpcapi.SchedulerAPI(conf, transport)
        sent = ['v%d' % i for i in range(10)]
        for volume_id in sent:
            api.create_volume(cl_context.get_admin_context(), volume_id)
        theirs = buses[1][2]
        fixtures.wait_for(lambda: len(mine.volume_ids) + len(theirs.volume_ids) == 10,
                          what='every message to be taken')
    finally:
        for _, transport, _, server in buses:
            server.stop()
            server.wait()
            transport.cleanup()
    if own_topics:
        assert sorted(mine.volume_ids) == sorted(sent) and theirs.volume_ids == []
    else:
        assert theirs.volume_ids, 'a shared topic kept the deployments apart'
