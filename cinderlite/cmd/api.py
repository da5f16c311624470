"""cinderlite-api: the REST API alone (scale-out); run ``cinderlite-manage db sync`` first."""

import sys

from cinderlite import launcher
from cinderlite import rpc
from cinderlite.cmd import common


def main():
    conf = common.setup()
    transport = rpc.get_transport(conf)
    sys.exit(launcher.Launcher([launcher.build_api(conf, transport)]).run())
