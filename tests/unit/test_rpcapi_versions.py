"""The volume RPC API's version history: what a capped or uncapped client really sends.

Real oslo.messaging clients and servers on the in-process ``fake://``
transport. The fake driver keeps every cast, JSON round-tripped, in an
exchange shared by the whole process; reading it back shows the version and
arguments exactly as RabbitMQ would carry them.
"""

import inspect
import time
import uuid

import oslo_messaging as messaging
from oslo_messaging._drivers import impl_fake
import pytest

from cinderlite import conf as cl_conf
from cinderlite import context as cl_context
from cinderlite import exception
from cinderlite import rpc
from cinderlite.scheduler import manager as scheduler_manager
from cinderlite.scheduler import rpcapi as scheduler_rpcapi
from cinderlite.volume import manager as volume_manager
from cinderlite.volume import rpcapi as volume_rpcapi

HOST = 'host1@file#file'
SERVER = 'host1@file'
GROUP, SOURCE_CG = str(uuid.uuid4()), str(uuid.uuid4())


def _conf(exchange, cap=None):
    conf = cl_conf.new_conf()
    rpc.register_opts(conf)
    cl_conf.parse_args(conf, [], default_config_files=[])
    conf.set_override('control_exchange', exchange)
    if cap:
        conf.set_override('volume', cap, group='upgrade_levels')
    return conf


@pytest.fixture
def bus():
    """``(conf, transport)`` on fake:// with a private exchange."""
    conf = _conf('rpcapi-test-%s' % uuid.uuid4().hex)
    transport = rpc.get_transport(conf, default_url='fake://')
    yield conf, transport
    transport.cleanup()


def _api(bus, cap=None):
    """A VolumeAPI on ``bus`` whose ``[upgrade_levels] volume`` is ``cap``."""
    conf, transport = bus
    return volume_rpcapi.VolumeAPI(_conf(conf.control_exchange, cap), transport)


def _sent(conf):
    """The one message waiting in the volume host's queue: ``(version, method, args)``."""
    exchange = impl_fake.FakeExchangeManager(None).get_exchange(conf.control_exchange)
    _, message, _, _ = exchange.poll(
        messaging.Target(topic=conf.volume_topic, server=SERVER), None)
    assert message is not None, 'nothing was sent to %s' % SERVER
    return message.get('version'), message['method'], message['args']


def _clone(api):
    api.create_consistencygroup_from_src(cl_context.get_admin_context(), HOST, GROUP,
                                         source_cg_id=SOURCE_CG)


def test_capped_at_1_0_the_clone_is_a_1_0_message_naming_its_source(bus):
    api = _api(bus, cap='1.0')
    assert not api.client.can_send_version('1.1')
    _clone(api)
    assert _sent(bus[0]) == ('1.0', 'create_consistencygroup_from_src',
                           {'group_id': GROUP, 'cgsnapshot_id': None,
                            'source_cg_id': SOURCE_CG})


def test_uncapped_the_clone_is_a_1_1_message_with_the_group_alone(bus):
    _clone(_api(bus))
    assert _sent(bus[0]) == ('1.1', 'create_consistencygroup_from_src',
                           {'group_id': GROUP})


def test_capped_at_1_1_the_clone_is_a_1_1_message(bus):
    _clone(_api(bus, cap='1.1'))
    assert _sent(bus[0])[0] == '1.1'


def test_other_calls_stay_1_0_uncapped(bus):
    _api(bus).delete_volume(cl_context.get_admin_context(), HOST, 'v1')
    assert _sent(bus[0]) == ('1.0', 'delete_volume', {'volume_id': 'v1'})


def _manager_1_0(self, context, group_id, cgsnapshot_id=None, source_cg_id=None):
    """The signature of create_consistencygroup_from_src in a 1.0 manager."""


class _Host:
    """A volume host as the dispatcher sees it: a target version and a method signature.

    The call is checked against ``signature`` (a 1.0 manager's, or today's
    real VolumeManager's), so what arrives must be what that manager takes.
    """

    def __init__(self, version, method):
        self.target = messaging.Target(version=version)
        self.signature = inspect.signature(method)
        self.received = []

    def create_consistencygroup_from_src(self, context, **kwargs):
        self.signature.bind(self, context, **kwargs)
        self.received.append(kwargs)


def _serve(conf, transport, endpoint, casts):
    """Serve ``endpoint`` as SERVER, run ``casts``, and return once every message is handled."""
    server = rpc.get_server(transport, conf.volume_topic, SERVER, [endpoint])
    server.start()
    try:
        casts()
    finally:
        # stop() takes no more messages; wait() returns when those taken are handled.
        server.stop()
        server.wait()


def test_a_1_0_host_takes_the_capped_clone_and_refuses_the_uncapped_one(bus):
    old_host = _Host('1.0', _manager_1_0)

    def casts():
        _clone(_api(bus))
        _clone(_api(bus, cap='1.0'))
        _wait_for(lambda: old_host.received)
    _serve(*bus, old_host, casts)
    assert old_host.received == [{'group_id': GROUP, 'cgsnapshot_id': None,
                                  'source_cg_id': SOURCE_CG}]


def test_the_volume_manager_takes_1_0_and_1_1_clones(bus):
    manager = volume_manager.VolumeManager
    host = _Host(manager.target.version, manager.create_consistencygroup_from_src)

    def casts():
        _clone(_api(bus, cap='1.0'))
        _clone(_api(bus))
        _wait_for(lambda: len(host.received) == 2)
    _serve(*bus, host, casts)
    assert sorted(host.received, key=len) == [
        {'group_id': GROUP},
        {'group_id': GROUP, 'cgsnapshot_id': None, 'source_cg_id': SOURCE_CG}]


def _wait_for(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, 'timed out'
        time.sleep(0.01)


def test_a_cascading_delete_is_a_1_3_message_and_capped_below_it_is_not_sent(bus):
    assert not _api(bus, cap='1.2').can_cascade()
    api = _api(bus)
    assert api.can_cascade()
    api.delete_volume(cl_context.get_admin_context(), HOST, 'v1', cascade=True)
    assert _sent(bus[0]) == ('1.3', 'delete_volume', {'volume_id': 'v1', 'cascade': True})
    signature = inspect.signature(volume_manager.VolumeManager.delete_volume)
    signature.bind(None, None, volume_id='v1', cascade=True)
    signature.bind(None, None, volume_id='v1')


def test_a_retype_is_a_1_4_message_the_manager_takes(bus):
    assert not _api(bus, cap='1.3').can_retype()
    api = _api(bus)
    api.retype(cl_context.get_admin_context(), HOST, 'v1', 't2', HOST, 'never')
    assert _sent(bus[0]) == ('1.4', 'retype', {'volume_id': 'v1', 'new_type_id': 't2',
                                               'dest_host': HOST,
                                               'migration_policy': 'never'})
    inspect.signature(volume_manager.VolumeManager.retype).bind(
        None, None, volume_id='v1', new_type_id='t2', dest_host=HOST,
        migration_policy='never')


def test_the_scheduler_takes_retype_at_1_1():
    conf = _conf('rpcapi-test-%s' % uuid.uuid4().hex)
    transport = rpc.get_transport(conf, default_url='fake://')
    try:
        assert scheduler_rpcapi.SchedulerAPI(conf, transport).can_retype()
        conf.set_override('scheduler', '1.0', group='upgrade_levels')
        assert not scheduler_rpcapi.SchedulerAPI(conf, transport).can_retype()
    finally:
        transport.cleanup()
    assert scheduler_manager.SchedulerManager.target.version == '1.1'
    inspect.signature(scheduler_manager.SchedulerManager.retype).bind(
        None, None, volume_id='v1', new_type_id='t2', migration_policy=None)


class _AttachHost:
    """A 1.5 volume host answering the attach calls with the real manager's signatures."""

    target = messaging.Target(version='1.5')

    def initialize_connection(self, context, **kwargs):
        inspect.signature(volume_manager.VolumeManager.initialize_connection).bind(
            self, context, **kwargs)
        if kwargs['connector'].get('refuse'):
            raise exception.InvalidConnectorException(missing='initiator')
        return {'driver_volume_type': 'local', 'data': {'device_path': '/dev/x'}}


def test_attach_calls_are_1_5_and_return_answers_and_business_errors(bus):
    conf, transport = bus
    api = _api(bus)
    assert api.can_attach()
    ctx = cl_context.get_admin_context()
    server = rpc.get_server(transport, conf.volume_topic, SERVER, [_AttachHost()])
    server.start()
    try:
        assert api.initialize_connection(ctx, HOST, 'v1', {'host': 'h'}) == {
            'driver_volume_type': 'local', 'data': {'device_path': '/dev/x'}}
        with pytest.raises(exception.InvalidConnectorException) as caught:
            api.initialize_connection(ctx, HOST, 'v1', {'refuse': True})
        # Code and message cross the bus as raised: the API answers Cinder's 400.
        assert (caught.value.code, caught.value.msg) == (
            400, "Connector doesn't have required information: initiator")
    finally:
        server.stop()
        server.wait()


def test_capped_at_1_4_attaching_is_refused_before_sending(bus):
    assert not _api(bus, cap='1.4').can_attach()


def test_a_revert_is_a_1_6_message_the_manager_takes(bus):
    assert not _api(bus, cap='1.5').can_revert()
    _api(bus).revert_to_snapshot(cl_context.get_admin_context(), HOST, 'v1', 's1')
    assert _sent(bus[0]) == ('1.6', 'revert_to_snapshot', {'volume_id': 'v1',
                                                           'snapshot_id': 's1'})
    inspect.signature(volume_manager.VolumeManager.revert_to_snapshot).bind(
        None, None, volume_id='v1', snapshot_id='s1')


def test_an_attached_extend_is_1_7_and_other_extends_stay_1_2(bus):
    assert not _api(bus, cap='1.6').can_extend_attached()
    api = _api(bus)
    api.extend_volume(cl_context.get_admin_context(), HOST, 'v1', 3, 1, attached=True)
    assert _sent(bus[0]) == ('1.7', 'extend_volume', {'volume_id': 'v1', 'new_size': 3,
                                                      'old_size': 1})
    api.extend_volume(cl_context.get_admin_context(), HOST, 'v1', 3, 1)
    assert _sent(bus[0])[0] == '1.2'


def test_the_migration_casts_are_1_8_and_the_manager_takes_them(bus):
    assert not _api(bus, cap='1.7').can_migrate()
    api = _api(bus)
    ctx = cl_context.get_admin_context()
    api.receive_migration(ctx, HOST, 'v1', 't2', {'driver_volume_type': 'local',
                                                  'data': {'device_path': '/x'}})
    assert _sent(bus[0]) == ('1.8', 'receive_migration', {
        'volume_id': 'v1', 'new_type_id': 't2', 'source_connection': {
            'driver_volume_type': 'local', 'data': {'device_path': '/x'}}})
    api.finish_migration(ctx, HOST, {'id': 'v1', 'host': HOST}, 'h2@b#b', True)
    assert _sent(bus[0]) == ('1.8', 'finish_migration', {
        'volume_id': 'v1', 'source': {'id': 'v1', 'host': HOST}, 'dest_host': 'h2@b#b',
        'delete': True})
    manager = volume_manager.VolumeManager
    assert manager.target.version == '1.8'
    inspect.signature(manager.receive_migration).bind(
        None, None, volume_id='v1', new_type_id='t2', source_connection={})
    inspect.signature(manager.finish_migration).bind(
        None, None, volume_id='v1', source={}, dest_host='h', delete=False)
