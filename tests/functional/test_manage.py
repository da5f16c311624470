"""cinderlite-manage against a real database, as an operator runs it."""

import subprocess

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
