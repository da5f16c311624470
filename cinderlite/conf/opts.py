"""Option listing for oslo-config-generator (entry point oslo.config.opts)."""

from cinderlite.conf import api
from cinderlite.conf import database
from cinderlite.conf import paths
from cinderlite.conf import quota
from cinderlite.conf import scheduler
from cinderlite.conf import service
from cinderlite.conf import volume


def list_opts():
    groups = {}
    for module in (paths, api, quota, scheduler, service, volume, database):
        for group, opts in module.list_opts():
            groups.setdefault(group, []).extend(opts)
    return sorted(groups.items())
