"""What every console script does first: parse config, set up logging, open the database."""

import os
import sys

from oslo_log import log as logging

from cinderlite import conf as cl_conf
from cinderlite.db import engine as db_engine


def setup(argv=None, extra_opts=None):
    """A parsed ConfigOpts with logging and the database configured."""
    conf = cl_conf.new_conf()
    # Logs go to stderr, so that what a command prints on stdout is only its answer.
    conf.set_default('use_stderr', True)
    if extra_opts:
        extra_opts(conf)
    cl_conf.parse_args(conf, sys.argv[1:] if argv is None else argv)
    logging.setup(conf, 'cinderlite')
    _make_sqlite_dir(conf.database.connection)
    db_engine.configure(conf)
    return conf


def _make_sqlite_dir(url):
    """A SQLite file's folder must exist before the first connection (first start)."""
    prefix = 'sqlite:///'
    if url.startswith(prefix) and len(url) > len(prefix):
        os.makedirs(os.path.dirname(url[len(prefix):]) or '.', exist_ok=True)
