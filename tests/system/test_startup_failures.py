"""Issue 12 item 2: a process that cannot start says why in one line and exits.

Each test runs the real console script on a config an operator could
write, against the real broker and databases, and checks the exit code,
the time it took, and the one line naming the option and the file.
"""

import signal
import socket

import pytest

from tests import fixtures
from tests.functional.server_process import ServerProcess

#: A started process must honour a signal or fail within this many seconds.
PROMPT = 15


@pytest.fixture
def server_factory(tmp_path):
    servers = []

    def factory(**kwargs):
        server = ServerProcess(tmp_path, **kwargs)
        servers.append(server)
        return server
    yield factory
    for server in servers:
        server.stop_quietly()


def _error_lines(log):
    return [line for line in log.splitlines() if ' ERROR ' in line]


def _assert_one_line_naming(log, *words):
    errors = _error_lines(log)
    assert len(errors) == 1, log[-3000:]
    for word in words:
        assert word in errors[0], errors[0]
    assert 'Traceback' not in log, log[-3000:]
    assert 'CRITICAL' not in log, log[-3000:]


def _rabbit_url(password='guest', port=5672):
    return 'rabbit://guest:%s@127.0.0.1:%d/' % (password, port)


@pytest.mark.parametrize('script', ['cinderlite-all', 'cinderlite-api',
                                    'cinderlite-scheduler', 'cinderlite-volume'])
def test_wrong_broker_password_exits_1_naming_transport_url(server_factory, script):
    server = server_factory(sections={'DEFAULT': {
        'transport_url': _rabbit_url(password='Pa55-n0t-th1s')}})
    code, log, seconds = server.run_to_exit(script=script)
    assert code == 1
    assert seconds < PROMPT + 10
    _assert_one_line_naming(log, '[DEFAULT] transport_url in %s' % server.config,
                            'ACCESS_REFUSED')
    assert 'Pa55-n0t-th1s' not in log


def test_broker_down_is_retried_for_rpc_startup_timeout_then_exit_1(server_factory):
    server = server_factory(sections={'DEFAULT': {
        'transport_url': _rabbit_url(port=fixtures.free_port()),
        'rpc_startup_timeout': 4}})
    code, log, seconds = server.run_to_exit()
    assert code == 1
    warnings = [line for line in log.splitlines() if 'Cannot reach the message bus' in line
                and ' WARNING ' in line]
    assert len(warnings) >= 2, log
    _assert_one_line_naming(log, '[DEFAULT] rpc_startup_timeout in %s' % server.config,
                            'transport_url')
    assert server.process.returncode == 1


@pytest.mark.parametrize('signum', [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_waiting_for_the_broker_stops_at_once(server_factory, signum):
    server = server_factory(sections={'DEFAULT': {
        'transport_url': _rabbit_url(port=fixtures.free_port()),
        'rpc_startup_timeout': 600}})
    server.spawn()
    fixtures.wait_for(lambda: 'Cannot reach the message bus' in server.log_text(),
                      timeout=60, what='a first attempt')
    server.process.send_signal(signum)
    assert server.process.wait(PROMPT) == 0
    assert 'Traceback' not in server.log_text()


def test_a_signal_while_the_database_is_retried_stops_at_once(server_factory):
    server = server_factory(sections={'database': {
        'connection': 'postgresql+psycopg2://postgres@127.0.0.1:%d/x' % fixtures.free_port(),
        'max_retries': 100, 'retry_interval': 1}})
    server.spawn()
    fixtures.wait_for(lambda: 'Cannot connect to the database' in server.log_text(),
                      timeout=60, what='a first attempt')
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(PROMPT) == 0


def test_database_down_is_retried_max_retries_times_then_exit_1(server_factory):
    server = server_factory(sections={'database': {
        'connection': 'postgresql+psycopg2://postgres@127.0.0.1:%d/x' % fixtures.free_port(),
        'max_retries': 2, 'retry_interval': 1}})
    code, log, _ = server.run_to_exit()
    assert code == 1
    warnings = [line for line in log.splitlines() if ' WARNING ' in line
                and 'Cannot connect to the database' in line]
    assert len(warnings) == 2, log
    _assert_one_line_naming(log, '[database] connection in %s' % server.config,
                            'after 3 attempts', '[database] max_retries in %s' % server.config)


def test_unloadable_volume_driver_stops_the_whole_process(server_factory):
    server = server_factory(backend_options={'volume_driver': 'no.such.Driver'})
    code, log, seconds = server.run_to_exit()
    assert code == 1
    _assert_one_line_naming(log, '[file] volume_driver in %s' % server.config,
                            'no.such.Driver')
    with pytest.raises(OSError):
        socket.create_connection(('127.0.0.1', server.port), timeout=2).close()


def test_a_backend_that_fails_to_start_stops_the_api_too(server_factory, tmp_path):
    not_a_folder = tmp_path / 'a-file'
    not_a_folder.write_text('')
    server = server_factory(backend_options={'volumes_dir': not_a_folder / 'volumes'})
    code, log, seconds = server.run_to_exit()
    assert code == 1
    assert seconds < PROMPT + 10
    _assert_one_line_naming(log, 'Backend [file] (testhost@file) cannot start')


def test_port_in_use_names_osapi_volume_listen_port(server_factory):
    server = server_factory()
    with socket.socket() as taken:
        taken.bind(('127.0.0.1', server.port))
        taken.listen()
        code, log, _ = server.run_to_exit()
    assert code == 1
    _assert_one_line_naming(log, '[DEFAULT] osapi_volume_listen_port in %s' % server.config)
    assert 'Resuming' not in log


def test_bad_option_value_is_one_line_and_a_traceback_only_with_debug(server_factory):
    server = server_factory(sections={'DEFAULT': {'osapi_volume_threads': 'many'}})
    code, log, _ = server.run_to_exit()
    assert code == 1
    _assert_one_line_naming(
        log, 'Invalid value for [DEFAULT] osapi_volume_threads in %s' % server.config)
    server.log.write_text('')
    code, log, _ = server.run_to_exit('--debug')
    assert code == 1
    assert 'Traceback' in log


def test_unwritable_state_path_names_state_path(server_factory, tmp_path):
    not_a_folder = tmp_path / 'a-file'
    not_a_folder.write_text('')
    server = server_factory()
    server.config.write_text(server.config.read_text().replace(
        'state_path = %s' % server.state, 'state_path = %s' % (not_a_folder / 'state')))
    code, log, _ = server.run_to_exit()
    assert code == 1
    _assert_one_line_naming(log, '[DEFAULT] state_path in %s' % server.config)


def test_database_url_without_its_driver_names_the_module(server_factory):
    server = server_factory(sections={'database': {
        'connection': 'mysql://root@127.0.0.1:3306/test'}})
    code, log, _ = server.run_to_exit()
    assert code == 1
    _assert_one_line_naming(log, '[database] connection in %s' % server.config, 'MySQLdb')


def test_missing_database_is_one_line(server_factory):
    server = server_factory(sections={'database': {
        'connection': fixtures.PG_URL + '/cl_no_such_database'}})
    code, log, _ = server.run_to_exit()
    assert code == 1
    _assert_one_line_naming(log, '[database] connection in %s' % server.config,
                            'does not exist')


@pytest.mark.parametrize('script', ['cinderlite-api', 'cinderlite-scheduler',
                                    'cinderlite-volume'])
def test_scale_out_service_on_an_empty_database_says_db_sync(server_factory, script):
    server = server_factory()
    code, log, _ = server.run_to_exit(script=script)
    assert code == 1
    _assert_one_line_naming(log, 'cinderlite-manage db sync', '[DEFAULT] state_path')


def test_unknown_option_names_get_a_warning(server_factory):
    server = server_factory(backend_options={'volume_dirs': '/tmp'},
                            sections={'DEFAULT': {'osapi_volume_listen_prot': 1},
                                      'database': {'max_retries': 3}})
    server.start()
    code, _ = server.terminate()
    assert code == 0
    warnings = [line for line in server.log_text().splitlines() if ' WARNING ' in line]
    assert any('Unknown option [DEFAULT] osapi_volume_listen_prot in %s' % server.config
               in line for line in warnings), warnings
    assert any('Unknown option [file] volume_dirs' in line for line in warnings), warnings
    assert not any('max_retries' in line for line in warnings), warnings
