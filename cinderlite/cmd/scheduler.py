"""cinderlite-scheduler: places new volumes and groups (scale-out)."""

import sys

from cinderlite import launcher
from cinderlite.cmd import preflight
from cinderlite.cmd import serve


def build(conf, transport):
    preflight.check_schema(conf)
    return [launcher.build_scheduler(conf, transport)]


def main():
    sys.exit(serve.serve(build))
