"""What the docs show a command printing is what it prints."""

import os
import re
import subprocess

from cinderlite.db import migration
from tests.functional.server_process import console_script

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_db_sync_prints_what_deployment_rst_shows_and_no_eventlet_warning(tmp_path):
    """Bug (issue 12): deployment.rst showed revision 0001 long after 0002 landed.

    architecture.rst also says the console scripts silence eventlet's
    deprecation warning (oslo.messaging imports it): they do.
    """
    with open(os.path.join(REPO, 'doc', 'source', 'deployment.rst')) as f:
        shown = re.search(r'\$ cinderlite-manage --config-file \S+ db sync\n((?:    .+\n)+)',
                          f.read())
    # conf.py's rst_epilog gives |db_revision| the newest migration.
    with open(os.path.join(REPO, 'doc', 'source', 'conf.py')) as f:
        assert "rst_epilog = '.. |db_revision| replace:: %s\\n' % migration.head_version()" \
            in f.read()
    assert shown, 'deployment.rst no longer shows db sync'
    config = tmp_path / 'cinderlite.conf'
    config.write_text('[DEFAULT]\nstate_path = %s\n' % (tmp_path / 'state'))
    result = subprocess.run([console_script('cinderlite-manage'), '--config-file',
                             str(config), 'db', 'sync'], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    expected = shown.group(1).replace('|db_revision|', migration.head_version())
    assert result.stdout == expected.replace('    ', '', 1).replace('\n    ', '\n')
    assert 'eventlet' not in result.stderr.lower()
