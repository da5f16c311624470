"""The alembic migrations build exactly the schema the models describe, on every backend.

Each test runs on a brand-new database of its own (``tests.fixtures.database``)
on SQLite, PostgreSQL and MariaDB. A database server that cannot be reached
fails these tests: it never skips them.
"""

import unittest

from oslo_db.sqlalchemy import test_migrations
import pytest
import sqlalchemy as sa

from cinderlite import context as cl_context
from cinderlite.db import engine as db_engine
from cinderlite.db import migration
from cinderlite.db import models
from cinderlite.db import quotas as db_quotas
from cinderlite.db import types as db_types
from tests import fixtures


@pytest.fixture(params=fixtures.BACKENDS)
def engine(request, tmp_path):
    """An engine from the real ``db_engine.configure`` on a fresh, empty database."""
    with fixtures.database(request.param, tmp_path) as url:
        yield db_engine.configure(fixtures.make_conf(tmp_path, url))


class _ModelsMigrationsSync(test_migrations.ModelsMigrationsSync):
    """oslo.db's sync check, fed by our fixtures: a diff lists what to fix and fails."""

    BACKEND = None

    @pytest.fixture(autouse=True)
    def _fresh_database(self, tmp_path):
        # An autouse fixture wraps the whole unittest run, cleanups included,
        # so the database outlives the mixin's drop_all_objects cleanup.
        with fixtures.database(self.BACKEND, tmp_path) as url:
            self._engine = db_engine.configure(fixtures.make_conf(tmp_path, url))
            yield

    def get_engine(self):
        return self._engine

    def get_metadata(self):
        return models.Base.metadata

    def db_sync(self, engine):
        migration.upgrade(engine=engine)


class TestModelsMigrationsSyncSQLite(_ModelsMigrationsSync, unittest.TestCase):
    BACKEND = 'sqlite'


class TestModelsMigrationsSyncPostgreSQL(_ModelsMigrationsSync, unittest.TestCase):
    BACKEND = 'postgresql'


class TestModelsMigrationsSyncMySQL(_ModelsMigrationsSync, unittest.TestCase):
    BACKEND = 'mysql'


def test_upgrade_creates_default_type_and_version(engine):
    assert migration.current_version(engine) is None
    migration.upgrade(engine=engine)
    assert migration.current_version(engine) == migration.head_version()

    ctx = cl_context.get_admin_context()
    default = db_types.get_default_type(ctx)
    assert default.name == '__DEFAULT__'
    assert default.is_public is True
    assert [t.name for t in db_types.list_types(ctx, include_private=True)] == ['__DEFAULT__']


def test_upgrade_twice_changes_nothing(engine):
    migration.upgrade(engine=engine)
    default_id = db_types.get_default_type(cl_context.get_admin_context()).id
    migration.upgrade(engine=engine)
    assert migration.current_version(engine) == migration.head_version()
    types = db_types.list_types(cl_context.get_admin_context(), include_private=True)
    assert [t.id for t in types] == [default_id]


def test_foreign_key_actions_match_models(engine):
    """ON DELETE of every foreign key, which alembic's comparison above does not look at.

    A missing CASCADE would pass the sync check and then fail every delete of
    a volume with metadata on PostgreSQL and MariaDB.
    """
    migration.upgrade(engine=engine)
    expected = {(table.name, tuple(fk.column_keys), fk.referred_table.name,
                 tuple(e.column.name for e in fk.elements), fk.ondelete)
                for table in models.Base.metadata.sorted_tables
                for fk in table.foreign_key_constraints}
    inspector = sa.inspect(engine)
    found = {(table, tuple(fk['constrained_columns']), fk['referred_table'],
              tuple(fk['referred_columns']), fk['options'].get('ondelete'))
             for table in inspector.get_table_names()
             for fk in inspector.get_foreign_keys(table)}
    assert found == expected


def test_consistencygroups_quota_becomes_groups_with_limits_and_usage(engine):
    """0009 renames the quota key on a populated database; other rows stay as they were."""
    migration.upgrade('0008', engine=engine)
    quotas = sa.table('quotas', sa.column('project_id'), sa.column('resource'),
                      sa.column('hard_limit'), sa.column('created_at'))
    usages = sa.table('quota_usages', sa.column('project_id'), sa.column('resource'),
                      sa.column('in_use'), sa.column('created_at'))
    now = models.utcnow()
    with engine.begin() as conn:
        conn.execute(quotas.insert(), [
            {'project_id': 'p1', 'resource': 'consistencygroups', 'hard_limit': 3,
             'created_at': now},
            {'project_id': 'p1', 'resource': 'volumes', 'hard_limit': 7, 'created_at': now},
            {'project_id': 'p2', 'resource': 'consistencygroups', 'hard_limit': -1,
             'created_at': now}])
        conn.execute(usages.insert(), [
            {'project_id': 'p1', 'resource': 'consistencygroups', 'in_use': 2,
             'created_at': now},
            {'project_id': 'p1', 'resource': 'volumes', 'in_use': 5, 'created_at': now},
            {'project_id': 'p3', 'resource': 'consistencygroups', 'in_use': 1,
             'created_at': now}])

    migration.upgrade(engine=engine)

    with engine.connect() as conn:
        limits = sorted(conn.execute(sa.select(quotas.c.project_id, quotas.c.resource,
                                               quotas.c.hard_limit)).all())
        in_use = sorted(conn.execute(sa.select(usages.c.project_id, usages.c.resource,
                                               usages.c.in_use)).all())
    assert limits == [('p1', 'groups', 3), ('p1', 'volumes', 7), ('p2', 'groups', -1)]
    assert in_use == [('p1', 'groups', 2), ('p1', 'volumes', 5), ('p3', 'groups', 1)]
    ctx = cl_context.get_admin_context()
    assert db_quotas.get_limits(ctx, 'p1') == {'groups': 3, 'volumes': 7}
    assert db_quotas.get_usages(ctx, 'p1') == {'groups': 2, 'volumes': 5}
