"""Configuration: every option group registered on a ConfigOpts passed in (no global CONF)."""

import glob
from importlib import metadata
import os

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
    """Parse the command line (``--config-file``, ``--version`` ...) into ``conf``."""
    conf(argv, project='cinderlite', version=metadata.version('cinderlite'),
         default_config_files=default_config_files)
    database.apply_default_connection(conf)


def config_files(conf):
    """The files ``conf`` was read from, in the order oslo.config read them."""
    files = list(conf.config_file or [])
    for folder in conf.config_dir and [conf.config_dir] or []:
        files += sorted(glob.glob(os.path.join(folder, '*.conf')))
    return [f for f in files if os.path.isfile(f)]


def parsed_files(conf):
    """``[(path, {section: {name: [values]}})]`` of every config file, as written."""
    parsed = []
    for path in config_files(conf):
        sections = {}
        cfg.ConfigParser(path, sections).parse()
        parsed.append((path, sections))
    return parsed


def where(conf, name, group=None):
    """``[group] name`` and where its value comes from: words for an operator to act on.

    Works for an option whose value is invalid too (oslo.config refuses to
    tell where those come from, so the files are searched).
    """
    label = '[%s] %s' % (group or 'DEFAULT', name)
    try:
        location = conf.get_location(name, group)
    except cfg.Error:
        location = None
    if location is not None and location.location is cfg.Locations.command_line:
        return '%s on the command line' % label
    if location is not None and location.location is cfg.Locations.environment:
        return '%s from the environment' % label
    setting = [path for path, sections in parsed_files(conf)
               if name in sections.get(group or 'DEFAULT', {})]
    if setting:
        return '%s in %s' % (label, setting[-1])
    return '%s (not set: its default)' % label
