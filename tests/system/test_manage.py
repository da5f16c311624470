"""cinderlite-manage against a real database, as an operator runs it."""

import contextlib
from importlib import metadata
import shutil
import sqlite3
import subprocess
import threading

import pytest

from cinderlite import conf as cl_conf
from cinderlite.cmd import manage
from cinderlite.db import migration
from tests import fixtures
from tests.functional.server_process import ServerProcess
from tests.functional.server_process import console_script


def _manage(config, *args):
    result = subprocess.run([console_script('cinderlite-manage'), '--config-file',
                             str(config)] + list(args), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_db_sync_version_and_service_list(tmp_path):
    with fixtures.database('postgresql', tmp_path) as url:
        config = tmp_path / 'cinderlite.conf'
        config.write_text('[DEFAULT]\nstate_path = %s\n[database]\nconnection = %s\n'
                          % (tmp_path / 'state', url))
        assert _manage(config, 'db', 'version').strip() == 'None'
        assert 'revision %s' % migration.head_version() in _manage(config, 'db', 'sync')
        assert _manage(config, 'db', 'version').strip() == migration.head_version()
        assert 'Binary' in _manage(config, 'service', 'list')


def test_cinderlite_all_creates_its_sqlite_schema_on_first_start(tmp_path):
    server = ServerProcess(tmp_path).start()
    try:
        assert server.request('GET', '/v3/p1/volumes').json == {'volumes': []}
        listing = _manage(server.config, 'service', 'list')
        assert 'cinderlite-volume' in listing and 'testhost@file' in listing
        assert ':-)' in listing and 'enabled' in listing
    finally:
        server.stop_quietly()


@pytest.mark.parametrize('script', ['cinderlite-all', 'cinderlite-api', 'cinderlite-scheduler',
                                    'cinderlite-volume', 'cinderlite-manage'])
def test_every_command_prints_its_version(script):
    result = subprocess.run([console_script(script), '--version'], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (result.stdout + result.stderr).strip() == metadata.version('cinderlite')


def _help(capsys, *args):
    """What ``cinderlite-manage ARGS --help`` prints, parsed in this process.

    The parser is the one the console script builds (``manage._register``), so
    the text is the same; one process start (``test_manage_help_from_the_console_script``)
    covers the script itself.
    """
    conf = cl_conf.new_conf()
    manage._register(conf)
    with pytest.raises(SystemExit) as exit_info:
        cl_conf.parse_args(conf, list(args) + ['--help'], default_config_files=[])
    assert exit_info.value.code == 0
    return ' '.join(capsys.readouterr().out.split())


def test_manage_help_from_the_console_script(tmp_path):
    config = tmp_path / 'cinderlite.conf'
    config.write_text('[DEFAULT]\nstate_path = %s\n' % (tmp_path / 'state'))
    top = _manage(config, '--help')
    for category_help, _ in manage.COMMANDS.values():
        assert category_help in top


def test_every_manage_command_has_help_text(capsys):
    for category, (category_help, actions) in manage.COMMANDS.items():
        assert category_help in _help(capsys)
        listing = _help(capsys, category)
        for action, (function, arguments) in actions.items():
            summary = ' '.join(function.__doc__.splitlines()[0].split())
            assert '%s %s' % (action, summary) in listing, (action, listing)
            detail = _help(capsys, category, action)
            for name, argument_help in arguments:
                assert '%s %s' % (name, argument_help) in detail, detail


def test_manage_prints_no_alembic_lines_unless_debug(tmp_path):
    config = tmp_path / 'cinderlite.conf'
    config.write_text('[DEFAULT]\nstate_path = %s\n' % (tmp_path / 'state'))
    quiet = subprocess.run([console_script('cinderlite-manage'), '--config-file',
                            str(config), 'db', 'sync'], capture_output=True, text=True,
                           timeout=120)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ''
    assert quiet.stdout == 'Database is at revision %s\n' % migration.head_version()
    (tmp_path / 'state' / 'cinderlite.sqlite').unlink()
    loud = subprocess.run([console_script('cinderlite-manage'), '--config-file',
                           str(config), '--debug', 'db', 'sync'], capture_output=True,
                          text=True, timeout=120)
    assert 'Running upgrade' in loud.stderr


def _volume_ids(db_file):
    with contextlib.closing(sqlite3.connect(db_file)) as conn:
        assert conn.execute('PRAGMA integrity_check').fetchone() == ('ok',)
        return {row[0] for row in conn.execute('SELECT id FROM volumes')}


def test_db_backup_while_the_service_writes_then_restore(tmp_path):
    server = ServerProcess(tmp_path, sections={'DEFAULT': {'quota_volumes': -1}}).start()
    created = []
    stop = threading.Event()

    def create_volumes():
        while not stop.is_set():
            resp = server.request('POST', '/v3/p1/volumes', body={'volume': {'size': 1}})
            assert resp.status == 202, resp
            created.append(resp.json['volume']['id'])

    writer = threading.Thread(target=create_volumes)
    writer.start()
    try:
        fixtures.wait_for(lambda: len(created) >= 5, timeout=60, what='volumes')
        backups = [tmp_path / ('backup-%d.sqlite' % n) for n in range(3)]
        for path in backups:
            assert 'Backed up the database to %s' % path in _manage(
                server.config, 'db', 'backup', str(path))
    finally:
        stop.set()
        writer.join()
    saved = _volume_ids(backups[-1])
    assert saved and saved <= set(created)
    assert len(saved) < len(created)
    code, _ = server.terminate()
    assert code == 0
    # Restore: the service stopped, the backup replaces the database file.
    database = server.state / 'cinderlite.sqlite'
    for leftover in (database, server.state / 'cinderlite.sqlite-wal',
                     server.state / 'cinderlite.sqlite-shm'):
        if leftover.exists():
            leftover.unlink()
    shutil.copy(backups[-1], database)
    server.start()
    try:
        listed = server.request('GET', '/v3/p1/volumes?limit=1000').json['volumes']
        assert {v['id'] for v in listed} == saved
        quota = server.request('GET', '/v3/p1/os-quota-sets/p1?usage=true').json
        assert quota['quota_set']['volumes']['in_use'] == len(saved)
    finally:
        server.stop_quietly()


def test_db_backup_refuses_an_existing_file(tmp_path):
    config = tmp_path / 'cinderlite.conf'
    config.write_text('[DEFAULT]\nstate_path = %s\n' % (tmp_path / 'state'))
    _manage(config, 'db', 'sync')
    target = tmp_path / 'taken'
    target.write_text('keep me')
    result = subprocess.run([console_script('cinderlite-manage'), '--config-file',
                             str(config), 'db', 'backup', str(target)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == '%s exists already' % target
    assert target.read_text() == 'keep me'
