"""cinderlite-all: the embedded default, api + scheduler + volume in one process.

SQLite under state_path, the in-process ``fake://`` transport (unless
transport_url says otherwise), the file driver; the schema is created or
upgraded on start.
"""

import sys

from cinderlite import launcher
from cinderlite import rpc
from cinderlite.cmd import common
from cinderlite.db import migration


def main():
    conf = common.setup()
    migration.upgrade()
    transport = rpc.get_transport(conf, default_url='fake://')
    services = [launcher.build_scheduler(conf, transport),
                launcher.VolumeService(conf, transport),
                launcher.build_api(conf, transport)]
    sys.exit(launcher.Launcher(services).run())
