"""The [database] group: oslo.db's options, with a SQLite file under state_path as default."""

import os

from oslo_db import options as db_options


def register_opts(conf):
    db_options.set_defaults(conf)


def apply_default_connection(conf):
    """Point [database] connection at ``state_path`` when the operator set none."""
    if not conf.database.connection:
        path = os.path.join(conf.state_path, 'cinderlite.sqlite')
        conf.set_default('connection', 'sqlite:///' + path, group='database')


def list_opts():
    return [('database', db_options.database_opts)]
