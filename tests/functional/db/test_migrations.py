"""The alembic migrations build exactly the schema the models describe, on every backend.

Each test runs on a brand-new database of its own (``tests.fixtures.database``)
on SQLite, PostgreSQL and MariaDB. A database server that cannot be reached
fails these tests: it never skips them.
"""

import datetime
import unittest

from oslo_db.sqlalchemy import test_migrations
import pytest
import sqlalchemy as sa

from cinderlite import context as cl_context
from cinderlite.db import engine as db_engine
from cinderlite.db import groups as db_groups
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


def _insert(conn, table, rows):
    conn.execute(sa.table(table, *[sa.column(k) for k in rows[0]]).insert(), rows)


def _populate_consistency_groups(engine):
    """Rows of every pre-0011 group table, as a cloud with a cloned CG left them."""
    ts = [datetime.datetime(2026, 11, 1, 10, 0, i, 123456) for i in range(12)]
    with engine.begin() as conn:
        type_id = conn.execute(sa.text(
            "SELECT id FROM volume_types WHERE name = '__DEFAULT__'")).scalar()
        cg = {'project_id': 'p1', 'user_id': 'u1', 'host': 'h@b#b',
              'availability_zone': 'nova', 'description': None, 'source_cg_id': None,
              'cgsnapshot_id': None, 'updated_at': None}
        _insert(conn, 'consistencygroups', [
            dict(cg, id='cg-1', name='src', status='available', created_at=ts[0],
                 updated_at=ts[1]),
            dict(cg, id='cg-2', name='clone', status='available', source_cg_id='cg-1',
                 created_at=ts[2]),
            dict(cg, id='cg-3', name='from-snap', status='error', cgsnapshot_id='cgs-1',
                 project_id='p2', description='d', created_at=ts[3])])
        _insert(conn, 'consistencygroup_volume_types', [
            {'consistencygroup_id': g, 'volume_type_id': type_id, 'created_at': ts[4],
             'updated_at': None} for g in ('cg-1', 'cg-2', 'cg-3')])
        _insert(conn, 'cgsnapshots', [
            {'id': 'cgs-1', 'project_id': 'p1', 'user_id': 'u1',
             'consistencygroup_id': 'cg-1', 'name': 's', 'description': 'sd',
             'status': 'available', 'created_at': ts[5], 'updated_at': ts[6]}])
        vol = {'project_id': 'p1', 'user_id': 'u1', 'host': 'h@b#b', 'size': 1,
               'availability_zone': 'nova', 'status': 'available', 'description': None,
               'volume_type_id': type_id, 'snapshot_id': None, 'source_volid': None,
               'bootable': False, 'provider_location': None, 'updated_at': None}
        _insert(conn, 'volumes', [
            dict(vol, id='v-1', name='m1', consistencygroup_id='cg-1', created_at=ts[7]),
            dict(vol, id='v-2', name='c1', consistencygroup_id='cg-2', source_volid='v-1',
                 bootable=True, created_at=ts[8]),
            dict(vol, id='v-3', name='alone', consistencygroup_id=None, created_at=ts[9])])
        _insert(conn, 'volume_metadata', [
            {'volume_id': 'v-1', 'key': 'k', 'value': 'v', 'created_at': ts[9],
             'updated_at': None}])
        _insert(conn, 'snapshots', [
            {'id': 's-1', 'project_id': 'p1', 'user_id': 'u1', 'volume_id': 'v-1',
             'cgsnapshot_id': 'cgs-1', 'volume_type_id': type_id, 'status': 'available',
             'size': 1, 'name': 's', 'description': None, 'progress': '100%',
             'provider_location': 'loc', 'created_at': ts[10], 'updated_at': None},
            {'id': 's-2', 'project_id': 'p1', 'user_id': 'u1', 'volume_id': 'v-3',
             'cgsnapshot_id': None, 'volume_type_id': type_id, 'status': 'available',
             'size': 1, 'name': None, 'description': None, 'progress': '100%',
             'provider_location': None, 'created_at': ts[11], 'updated_at': None}])
        _insert(conn, 'quota_usages', [
            {'project_id': p, 'resource': r, 'in_use': n, 'created_at': ts[0],
             'updated_at': None}
            for p, r, n in (('p1', 'consistencygroups', 2), ('p2', 'consistencygroups', 1),
                            ('p1', 'volumes', 3), ('p1', 'snapshots', 2),
                            ('p1', 'gigabytes', 5))])
        _insert(conn, 'quotas', [{'project_id': 'p1', 'resource': 'consistencygroups',
                                  'hard_limit': 7, 'created_at': ts[0],
                                  'updated_at': None}])
    return type_id, ts


def _rows(conn, table, columns, where=None):
    """``columns`` of every row of ``table`` (reflected, so values come back typed), sorted."""
    table = sa.Table(table, sa.MetaData(), autoload_with=conn)
    query = sa.select(*[table.c[name] for name in columns.split(', ')])
    if where:
        query = query.where(*[table.c[k] == v for k, v in where.items()])
    return sorted(tuple(r) for r in conn.execute(query))


def test_upgrade_moves_consistency_groups_into_groups(engine):
    """0011 moves every CG, cgsnapshot, membership and origin, losing nothing."""
    migration.upgrade('0008', engine=engine)
    type_id, ts = _populate_consistency_groups(engine)
    migration.upgrade(engine=engine)

    with engine.connect() as conn:
        cg_types = _rows(conn, 'group_types', 'id, description, is_public',
                         {'name': 'default_cgsnapshot_type'})
        assert [(d, bool(p)) for _, d, p in cg_types] == [
            ('Default group type for migrating cgsnapshot', True)]
        cg_type = cg_types[0][0]
        assert _rows(conn, 'group_type_specs', 'group_type_id, key, value') == [
            (cg_type, 'consistent_group_snapshot_enabled', '<is> True')]
        assert _rows(conn, 'groups', 'id, project_id, user_id, host, availability_zone, name, '
                           'description, status, group_type_id, source_group_id, '
                           'group_snapshot_id, created_at, updated_at') == [
            ('cg-1', 'p1', 'u1', 'h@b#b', 'nova', 'src', None, 'available', cg_type, None,
             None, ts[0], ts[1]),
            ('cg-2', 'p1', 'u1', 'h@b#b', 'nova', 'clone', None, 'available', cg_type,
             'cg-1', None, ts[2], None),
            ('cg-3', 'p2', 'u1', 'h@b#b', 'nova', 'from-snap', 'd', 'error', cg_type, None,
             'cgs-1', ts[3], None)]
        assert _rows(conn, 'group_volume_type_mapping',
                     'group_id, volume_type_id, created_at') == [
            (g, type_id, ts[4]) for g in ('cg-1', 'cg-2', 'cg-3')]
        assert _rows(conn, 'group_snapshots', 'id, project_id, user_id, group_id, group_type_id, '
                           'name, description, status, created_at, updated_at') == [
            ('cgs-1', 'p1', 'u1', 'cg-1', cg_type, 's', 'sd', 'available', ts[5], ts[6])]
        assert [(i, g, s, bool(b)) for i, g, s, b in _rows(
            conn, 'volumes', 'id, group_id, source_volid, bootable')] == [
            ('v-1', 'cg-1', None, False), ('v-2', 'cg-2', 'v-1', True),
            ('v-3', None, None, False)]
        assert _rows(conn, 'volume_metadata', 'volume_id, key, value') == [
            ('v-1', 'k', 'v')]
        assert _rows(conn, 'snapshots', 'id, volume_id, group_snapshot_id, provider_location') == [
            ('s-1', 'v-1', 'cgs-1', 'loc'), ('s-2', 'v-3', None, None)]
        # 0009 renamed the groups quota; every group still counts under it.
        assert _rows(conn, 'quota_usages', 'project_id, resource, in_use') == [
            ('p1', 'gigabytes', 5), ('p1', 'groups', 2), ('p1', 'snapshots', 2),
            ('p1', 'volumes', 3), ('p2', 'groups', 1)]
        assert _rows(conn, 'quotas', 'project_id, resource, hard_limit') == [
            ('p1', 'groups', 7)]
        tables = set(sa.inspect(conn).get_table_names())
    assert not tables & {'consistencygroups', 'consistencygroup_volume_types', 'cgsnapshots'}
    # The moved rows are served through the new model, origins included.
    ctx = cl_context.get_admin_context()
    assert db_groups.get_group(ctx, 'cg-2').source_group_id == 'cg-1'
    assert db_groups.get_group(ctx, 'cg-3').group_snapshot_id == 'cgs-1'


def test_sqlite_connections_enforce_foreign_keys_after_upgrade(tmp_path):
    """The migrations turn SQLite's foreign keys off; the pooled connection gets them back."""
    with fixtures.database('sqlite', tmp_path) as url:
        engine = db_engine.configure(fixtures.make_conf(tmp_path, url))
        migration.upgrade(engine=engine)
        with engine.connect() as conn:
            assert conn.exec_driver_sql('PRAGMA foreign_keys').scalar() == 1
