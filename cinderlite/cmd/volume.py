"""cinderlite-volume: the volume managers of this host's enabled backends (scale-out)."""

import sys

from cinderlite import launcher
from cinderlite.cmd import preflight
from cinderlite.cmd import serve


def build(conf, transport):
    preflight.check_schema(conf)
    return [launcher.VolumeService(conf, transport)]


def main():
    sys.exit(serve.serve(build))
