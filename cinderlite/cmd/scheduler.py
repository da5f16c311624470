"""cinderlite-scheduler: places new volumes and groups (scale-out)."""

import sys

from cinderlite import launcher
from cinderlite import rpc
from cinderlite.cmd import common


def main():
    conf = common.setup()
    transport = rpc.get_transport(conf)
    sys.exit(launcher.Launcher([launcher.build_scheduler(conf, transport)]).run())
