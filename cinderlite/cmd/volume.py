"""cinderlite-volume: the volume managers of this host's enabled backends (scale-out)."""

import sys

from cinderlite import launcher
from cinderlite import rpc
from cinderlite.cmd import common


def main():
    conf = common.setup()
    transport = rpc.get_transport(conf)
    sys.exit(launcher.Launcher([launcher.VolumeService(conf, transport)]).run())
