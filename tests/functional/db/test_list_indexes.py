"""Every list query is served by an index, not by reading and sorting the whole project.

The statements are the ones the data layer really sends (captured as it
runs them), explained by the database itself: on SQLite no "TEMP B-TREE"
sort and the composite index; on PostgreSQL, with sequential scans priced
out, an index scan of the composite index and no Sort node.
"""

import contextlib
import datetime
import uuid

import pytest
import sqlalchemy as sa

from cinderlite import context as cl_context
from cinderlite.db import engine as db_engine
from cinderlite.db import group_snapshots as db_group_snapshots
from cinderlite.db import group_types as db_group_types
from cinderlite.db import groups as db_groups
from cinderlite.db import messages as db_messages
from cinderlite.db import migration
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from tests import fixtures

PROJECT = 'p1'


def _context():
    return cl_context.RequestContext(user_id='u1', project_id=PROJECT)


@contextlib.contextmanager
def captured(engine):
    """The SELECT statements (with their parameters) sent while the block runs."""
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith('SELECT'):
            statements.append((statement, parameters))
    sa.event.listen(engine, 'before_cursor_execute', record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, 'before_cursor_execute', record)


def explain(engine, statement, parameters):
    with engine.connect() as conn:
        if engine.dialect.name == 'sqlite':
            rows = conn.exec_driver_sql('EXPLAIN QUERY PLAN ' + statement, parameters)
            return '\n'.join(row[-1] for row in rows)
        conn.exec_driver_sql('SET enable_seqscan = off')
        rows = conn.exec_driver_sql('EXPLAIN ' + statement, parameters)
        return '\n'.join(row[0] for row in rows)


@pytest.fixture(params=['sqlite', 'postgresql'])
def seeded(request, tmp_path):
    """A migrated database with a few rows of every listed kind in PROJECT."""
    with fixtures.database(request.param, tmp_path) as url:
        engine = db_engine.configure(fixtures.make_conf(tmp_path, url))
        migration.upgrade(engine=engine)
        ctx = cl_context.get_admin_context()
        type_id = db_types.get_default_type(ctx).id
        group_id = str(uuid.uuid4())
        cg_type_id = db_group_types.get_cg_type(ctx).id
        db_groups.create_group(ctx, {'id': group_id, 'project_id': PROJECT,
                                     'status': 'available', 'host': 'h@b#b',
                                     'group_type_id': cg_type_id}, [type_id])
        volume_ids = [str(uuid.uuid4()) for _ in range(5)]
        start = datetime.datetime(2026, 1, 1)
        db_volumes.create_volumes(ctx, [
            {'id': vid, 'project_id': PROJECT, 'size': 1, 'status': 'available',
             'name': 'v%d' % i, 'volume_type_id': type_id, 'group_id': group_id,
             'created_at': start + datetime.timedelta(seconds=i)}
            for i, vid in enumerate(volume_ids)])
        cgsnapshot_id = str(uuid.uuid4())
        db_group_snapshots.create_group_snapshot(ctx, {
            'id': cgsnapshot_id, 'project_id': PROJECT, 'group_id': group_id,
            'group_type_id': cg_type_id, 'status': 'available'})
        db_snapshots.create_snapshots(ctx, [
            {'id': str(uuid.uuid4()), 'project_id': PROJECT, 'volume_id': vid, 'size': 1,
             'status': 'available', 'name': 's%d' % i, 'volume_type_id': type_id,
             'group_snapshot_id': cgsnapshot_id} for i, vid in enumerate(volume_ids)])
        db_messages.create_message(_context(), {
            'project_id': PROJECT, 'resource_type': 'VOLUME', 'event_id': 'VOLUME_000001',
            'message_level': 'ERROR', 'user_message': 'm'})
        yield engine, volume_ids
        db_engine.dispose()


def _plans(engine, run):
    with captured(engine) as statements:
        run()
    return [explain(engine, statement, parameters) for statement, parameters in statements
            if 'ORDER BY' in statement]


@pytest.mark.parametrize('lister, index', [
    (db_volumes.list_volumes, 'ix_volumes_project_created'),
    (db_snapshots.list_snapshots, 'ix_snapshots_project_created'),
    (db_groups.list_groups, 'ix_groups_project_created'),
    (db_group_snapshots.list_group_snapshots, 'ix_group_snapshots_project_created'),
    (db_messages.list_messages, 'ix_messages_project_created'),
])
def test_first_pages_read_the_project_index_in_order(seeded, lister, index):
    engine, _ = seeded
    plans = _plans(engine, lambda: lister(_context(), limit=2))
    assert plans, 'no list query was sent'
    for plan in plans:
        assert index in plan, plan
        assert 'TEMP B-TREE' not in plan and 'Sort' not in plan, plan


def test_a_page_after_a_marker_reads_the_index_from_the_marker(seeded):
    engine, volume_ids = seeded
    plans = _plans(engine, lambda: db_volumes.list_volumes(
        _context(), limit=2, marker=volume_ids[2]))
    assert plans
    for plan in plans:
        assert 'ix_volumes_project_created' in plan, plan
        assert 'TEMP B-TREE' not in plan and 'Sort' not in plan, plan
        # The index is entered at the marker, not scanned from the project's start.
        index_condition = (plan.split('ix_volumes_project_created', 1)[1].split('\n')[0]
                           if engine.dialect.name == 'sqlite'
                           else plan.split('Index Cond:', 1)[1].split('\n')[0])
        assert 'created_at' in index_condition, plan


def test_a_name_filter_reads_the_name_index(seeded):
    engine, _ = seeded
    plans = _plans(engine, lambda: db_volumes.list_volumes(
        _context(), filters={'name': 'v3'}, limit=2))
    assert plans
    for plan in plans:
        assert 'ix_volumes_project_name' in plan, plan
        assert 'TEMP B-TREE' not in plan and 'Sort' not in plan, plan
