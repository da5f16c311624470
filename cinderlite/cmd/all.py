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

from cinderlite import conf as cl_conf
from cinderlite import launcher
from cinderlite import process
from cinderlite.cmd import serve
from cinderlite.db import migration


def lock_state_path(conf):
    """An exclusive lock on ``state_path``, to hold for the life of the process.

    :raises StartupError: state_path cannot be written, or another
        cinderlite-all holds the lock.
    """
    try:
        os.makedirs(conf.state_path, exist_ok=True)
        lock = open(os.path.join(conf.state_path, 'cinderlite-all.lock'), 'a')
    except OSError as e:
        raise process.StartupError('Cannot write in %s: %s' % (
            cl_conf.where(conf, 'state_path'), launcher.one_line(e)))
    try:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        raise process.StartupError('Another cinderlite-all is running on %s; not starting.'
                                    % conf.state_path)
    return lock


def main():
    held = []

    def build(conf, transport):
        held.append(lock_state_path(conf))
        migration.upgrade()
        # The launcher binds the API's port before it starts any service.
        return [launcher.build_scheduler(conf, transport),
                launcher.VolumeService(conf, transport),
                launcher.build_api(conf, transport)]

    sys.exit(serve.serve(build, default_transport_url='fake://'))
