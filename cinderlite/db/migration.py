"""Schema migrations: alembic pointed at the script folder in code (no alembic.ini)."""

import os
import sys

from alembic import command as alembic_command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from alembic import script as alembic_script
from cinderlite.db import engine as db_engine


def _script_location():
    """The alembic folder of a checkout, else the one ``pip install`` put under share/."""
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [
        os.path.join(here, '..', '..', 'alembic'),
        os.path.join(sys.prefix, 'share', 'cinderlite', 'alembic'),
    ]
    for path in candidates:
        if os.path.isfile(os.path.join(path, 'env.py')):
            return os.path.normpath(path)
    raise RuntimeError('alembic scripts not found in %s' % ', '.join(candidates))


def _config(engine):
    cfg = alembic_config.Config()
    cfg.set_main_option('script_location', _script_location())
    cfg.attributes['engine'] = engine
    return cfg


def upgrade(revision='head', engine=None):
    """Create or upgrade the schema of the configured database."""
    engine = engine or db_engine.get_engine()
    alembic_command.upgrade(_config(engine), revision)


def head_version():
    """The newest revision the installed migrations lead to."""
    cfg = alembic_config.Config()
    cfg.set_main_option('script_location', _script_location())
    return alembic_script.ScriptDirectory.from_config(cfg).get_current_head()


def current_version(engine=None):
    """The alembic revision the database is at, or None for an empty one."""
    engine = engine or db_engine.get_engine()
    with engine.connect() as conn:
        return alembic_migration.MigrationContext.configure(conn).get_current_revision()
