"""cinderlite-api: the REST API alone (scale-out); run ``cinderlite-manage db sync`` first."""

import sys

from cinderlite import launcher
from cinderlite.cmd import preflight
from cinderlite.cmd import serve


def build(conf, transport):
    preflight.check_schema(conf)
    return [launcher.build_api(conf, transport)]


def main():
    sys.exit(serve.serve(build))
