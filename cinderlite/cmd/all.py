"""cinderlite-all: the embedded default, api + scheduler + volume in one process.

SQLite under state_path, the in-process ``fake://`` transport (unless
transport_url says otherwise), the file driver; the schema is created or
upgraded on start.

Before any service starts (a volume service resumes work left in flight),
it makes sure it is the only cinderlite-all of its state_path and that its
port is free: a second copy started by mistake must not redo the first
one's work.
"""

import fcntl
import os
import sys

from oslo_log import log as logging

from cinderlite import launcher
from cinderlite import rpc
from cinderlite.cmd import common
from cinderlite.db import migration

LOG = logging.getLogger(__name__)


def lock_state_path(state_path):
    """An exclusive lock on ``state_path`` held for the life of the process, or None."""
    os.makedirs(state_path, exist_ok=True)
    lock = open(os.path.join(state_path, 'cinderlite-all.lock'), 'a')
    try:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        return None
    return lock


def main():
    conf = common.setup()
    lock = lock_state_path(conf.state_path)
    if lock is None:
        LOG.error('Another cinderlite-all is running on %s; not starting.',
                  conf.state_path)
        sys.exit(1)
    migration.upgrade()
    transport = rpc.get_transport(conf, default_url='fake://')
    api = launcher.build_api(conf, transport)
    try:
        api.bind()
    except OSError as e:
        LOG.error('Cannot listen on %(host)s:%(port)s: %(error)s',
                  {'host': conf.osapi_volume_listen,
                   'port': conf.osapi_volume_listen_port, 'error': e})
        sys.exit(1)
    services = [launcher.build_scheduler(conf, transport),
                launcher.VolumeService(conf, transport), api]
    sys.exit(launcher.Launcher(services).run())
