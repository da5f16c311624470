"""Configuration: every option group registered on a ConfigOpts passed in (no global CONF)."""

from oslo_config import cfg
from oslo_log import log as logging

from cinderlite.conf import api
from cinderlite.conf import database
from cinderlite.conf import paths
from cinderlite.conf import quota
from cinderlite.conf import scheduler
from cinderlite.conf import service
from cinderlite.conf import volume

_MODULES = (paths, api, database, quota, scheduler, service, volume)


def register_opts(conf):
    """Register every cinderlite option group on ``conf``."""
    for module in _MODULES:
        module.register_opts(conf)


def new_conf():
    """A fresh ConfigOpts with cinderlite's and oslo.log's options registered."""
    conf = cfg.ConfigOpts()
    register_opts(conf)
    logging.register_options(conf)
    return conf


def parse_args(conf, argv, default_config_files=None):
    """Parse the command line (``--config-file`` and friends) into ``conf``."""
    conf(argv, project='cinderlite', default_config_files=default_config_files)
    database.apply_default_connection(conf)
