"""List filters in the data layer on SQLite, PostgreSQL and MariaDB: the same rows on each.

Inexact filters (3.34) match a literal substring ignoring case, so ``%``
and ``_`` match only themselves; time comparisons (3.60), counts (3.45)
and filters on no column behave alike; a filtered first page still reads
the project's index in order (EXPLAIN, as test_list_indexes).
"""

import datetime
import uuid

import pytest

from cinderlite import context as cl_context
from cinderlite.db import engine as db_engine
from cinderlite.db import migration
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from tests import fixtures
from tests.functional.db import test_list_indexes

PROJECT = 'p1'
START = datetime.datetime(2026, 1, 1)
NAMES = ['alpha_1', 'alpha%2', 'ALPHA-x', 'beta', 'a/b', None]


def _context():
    return cl_context.RequestContext(user_id='u1', project_id=PROJECT)


@pytest.fixture(scope='module', params=['sqlite', 'postgresql', 'mysql'])
def seeded(request, tmp_path_factory):
    """One database per backend for the whole module: the tests only read it."""
    tmp_path = tmp_path_factory.mktemp('list_filters_' + request.param)
    with fixtures.database(request.param, tmp_path) as url:
        engine = db_engine.configure(fixtures.make_conf(tmp_path, url))
        migration.upgrade(engine=engine)
        ctx = cl_context.get_admin_context()
        type_id = db_types.get_default_type(ctx).id
        ids = {name: str(uuid.uuid4()) for name in NAMES}
        db_volumes.create_volumes(ctx, [
            {'id': ids[name], 'project_id': PROJECT, 'size': 1 + i, 'status': 'available',
             'name': name, 'volume_type_id': type_id,
             'created_at': START + datetime.timedelta(days=i)}
            for i, name in enumerate(NAMES)])
        db_volumes.create_volumes(ctx, [
            {'id': str(uuid.uuid4()), 'project_id': 'p2', 'size': 1, 'status': 'available',
             'name': 'alpha_1', 'volume_type_id': type_id}])
        db_volumes.set_metadata(ctx, ids['beta'], {'k': 'v'})
        db_snapshots.create_snapshots(ctx, [
            {'id': str(uuid.uuid4()), 'project_id': PROJECT, 'volume_id': ids['beta'],
             'size': 1, 'status': 'available', 'name': 'Snap_1'}])
        yield engine, ids
        db_engine.dispose()


def _names(filters, **page):
    return sorted(str(v.name) for v in db_volumes.list_volumes(_context(), filters, **page))


@pytest.mark.parametrize('filters,expected', [
    ({'name~': 'alpha'}, ['ALPHA-x', 'alpha%2', 'alpha_1']),
    ({'name~': 'a_1'}, ['alpha_1']),
    ({'name~': '_'}, ['alpha_1']),
    ({'name~': '%'}, ['alpha%2']),
    ({'name~': '/'}, ['a/b']),
    ({'name~': 'A/B'}, ['a/b']),
    ({'name~': "'"}, []),
    ({'size~': '2'}, ['alpha%2']),
    ({'name': 'beta', 'size': '4'}, ['beta']),
    ({'size': 'four'}, []),
    ({'no_such_column': 'x'}, []),
    ({'bootable': False, 'status': 'available'}, sorted(map(str, NAMES))),
    ({'metadata': {'k': 'v'}}, ['beta']),
    ({'created_at': {'gte': START + datetime.timedelta(days=4)}}, ['None', 'a/b']),
    ({'created_at': {'lt': START + datetime.timedelta(days=1),
                     'gt': START + datetime.timedelta(days=4)}}, ['None', 'alpha_1']),
    ({'created_at': {'eq': START}}, ['alpha_1']),
    ({'created_at': {'neq': START}, 'name~': 'ALPHA'}, ['ALPHA-x', 'alpha%2']),
    ({'use_quota': True, 'name': 'beta'}, ['beta']),
    ({'use_quota': False}, []),
])
def test_filters_list_the_same_rows_on_every_database(seeded, filters, expected):
    assert _names(filters) == expected
    assert db_volumes.count_volumes(_context(), filters) == len(expected)
    summary_count, _, _ = db_volumes.summarize_volumes(_context(), filters)
    assert summary_count == len(expected)


def test_counts_ignore_paging_and_stay_in_the_project(seeded):
    assert len(db_volumes.list_volumes(_context(), {'name~': 'alpha'}, limit=1)) == 1
    assert db_volumes.count_volumes(_context(), {'name~': 'alpha'}) == 3
    admin = cl_context.get_admin_context()
    assert db_volumes.count_volumes(admin, {'name~': 'alpha'}, all_projects=True) == 4


def test_snapshot_filters(seeded):
    ctx = _context()
    assert [s.name for s in db_snapshots.list_snapshots(ctx, {'name~': 'p_1'})] == ['Snap_1']
    assert db_snapshots.count_snapshots(ctx, {'name~': 'snap%'}) == 0
    assert db_snapshots.count_snapshots(ctx, {'availability_zone': None}) == 1
    assert db_snapshots.count_snapshots(ctx, {'availability_zone': 'nova'}) == 0


def test_a_filtered_first_page_reads_the_project_index(seeded):
    engine, _ = seeded
    if engine.dialect.name == 'mysql':
        pytest.skip('the plans are checked on SQLite and PostgreSQL (test_list_indexes)')
    with test_list_indexes.captured(engine) as statements:
        db_volumes.list_volumes(_context(), {'name~': 'alpha', 'status': 'available'},
                                limit=2)
    plans = [test_list_indexes.explain(engine, statement, parameters)
             for statement, parameters in statements if 'ORDER BY' in statement]
    assert plans
    for plan in plans:
        assert 'ix_volumes_project_created' in plan, plan
        assert 'TEMP B-TREE' not in plan and 'Sort' not in plan, plan
