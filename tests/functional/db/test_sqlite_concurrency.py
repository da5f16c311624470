"""Concurrent quota transactions neither fail nor drift (DESIGN.md section 7).

Every transaction here is the real code path of the service layer: a new
RequestContext, ``engine.transaction(ctx)``, a read, then ``quota.reserve``.
On SQLite a deferred BEGIN that reads and then writes fails at once with
"database is locked" as soon as another writer commits in between; our
writers start with BEGIN IMMEDIATE, so they queue instead. On PostgreSQL and
MariaDB the usage rows are locked FOR UPDATE, so concurrent reservations
cannot over-commit a limit.
"""

import concurrent.futures
import contextlib
import threading
import time

import pytest
import sqlalchemy as sa

from cinderlite import context as cl_context
from cinderlite import exception
from cinderlite import quota
from cinderlite.db import engine as db_engine
from cinderlite.db import migration
from cinderlite.db import quotas as db_quotas
from tests import fixtures

PROJECT = 'p'
DELTAS = {quota.VOLUMES: 1, quota.GIGABYTES: 1}


def new_context():
    """A fresh context per transaction, as each API request or RPC call gets."""
    return cl_context.RequestContext(user_id='u', project_id=PROJECT, roles=['admin'])


@contextlib.contextmanager
def configure_database(backend, tmp_path, **overrides):
    """A fresh, migrated database on ``backend``; yields the conf the quota code reads."""
    with fixtures.database(backend, tmp_path) as url:
        conf = fixtures.make_conf(tmp_path, url, **overrides)
        migration.upgrade(engine=db_engine.configure(conf))
        yield conf


@pytest.fixture
def sqlite_conf(tmp_path):
    """A migrated SQLite *file* database (WAL and locking need a file) with no volume limit."""
    with configure_database('sqlite', tmp_path, quota_volumes=-1, quota_gigabytes=-1) as conf:
        yield conf


def reserve_after_reading(conf):
    """One read-then-write quota transaction; returns the usage it saw and left.

    The read comes first on purpose: it is the pattern a deferred BEGIN
    cannot survive on SQLite.
    """
    ctx = new_context()
    with db_engine.transaction(ctx):
        before = db_quotas.get_usages(ctx, PROJECT).get(quota.VOLUMES, 0)
        quota.reserve(conf, ctx, PROJECT, DELTAS)
        after = db_quotas.get_usages(ctx, PROJECT)[quota.VOLUMES]
    return before, after


def test_sqlite_concurrent_reservations_never_lock_or_drift(sqlite_conf):
    threads, per_thread = 8, 25
    start = threading.Barrier(threads)

    def worker():
        start.wait()
        return [reserve_after_reading(sqlite_conf) for _ in range(per_thread)]

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        # result() re-raises any error of a worker, "database is locked" included.
        seen = [pair for f in [pool.submit(worker) for _ in range(threads)]
                for pair in f.result()]

    total = threads * per_thread
    assert len(seen) == total
    # Serialised for real: no transaction saw another's write land between its read and
    # its own write, and the usages seen are exactly 0..total-1, each once.
    assert all(after == before + 1 for before, after in seen)
    assert sorted(before for before, _ in seen) == list(range(total))
    usages = db_quotas.get_usages(new_context(), PROJECT)
    assert usages == {quota.VOLUMES: total, quota.GIGABYTES: total}


def test_sqlite_writer_that_read_first_survives_a_commit_in_between(sqlite_conf):
    """The exact interleaving that breaks a deferred BEGIN, forced rather than hoped for.

    A reads, then B runs a whole reservation, then A writes. With a deferred
    BEGIN, B commits while A only holds a read snapshot, and A's write fails
    with "database is locked" (SQLITE_BUSY_SNAPSHOT, which no busy timeout
    waits out). With BEGIN IMMEDIATE, B waits until A commits.
    """
    a_has_read = threading.Event()

    def a():
        ctx = new_context()
        with db_engine.transaction(ctx):
            db_quotas.get_usages(ctx, PROJECT)
            a_has_read.set()
            time.sleep(0.5)  # Time for B to commit, if it is not made to wait.
            quota.reserve(sqlite_conf, ctx, PROJECT, DELTAS)
        return time.monotonic()

    def b():
        assert a_has_read.wait(10)
        reserve_after_reading(sqlite_conf)
        return time.monotonic()

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        a_done, b_done = pool.submit(a), pool.submit(b)
        a_committed, b_committed = a_done.result(), b_done.result()

    assert a_committed < b_committed
    assert db_quotas.get_usages(new_context(), PROJECT)[quota.VOLUMES] == 2


@pytest.mark.parametrize('backend', fixtures.BACKENDS)
def test_concurrent_reservations_never_over_commit(backend, tmp_path):
    """40 simultaneous +1 volume reservations against a limit of 20: exactly 20 win.

    The usage rows do not exist yet, so the race includes creating them.
    """
    limit, attempts = 20, 40
    with configure_database(backend, tmp_path, quota_volumes=limit,
                            quota_gigabytes=-1) as conf:
        start = threading.Barrier(attempts)

        def attempt():
            start.wait()
            ctx = new_context()
            try:
                with db_engine.transaction(ctx):
                    db_quotas.get_usages(ctx, PROJECT)
                    quota.reserve(conf, ctx, PROJECT, DELTAS)
            except exception.VolumeLimitExceeded:
                return False
            return True

        with concurrent.futures.ThreadPoolExecutor(attempts) as pool:
            # Any other error (a deadlock, "database is locked") fails the test here.
            outcomes = [f.result() for f in [pool.submit(attempt) for _ in range(attempts)]]

        assert outcomes.count(True) == limit
        usages = db_quotas.get_usages(new_context(), PROJECT)
        assert usages == {quota.VOLUMES: limit, quota.GIGABYTES: limit}


def _dbapi_connections(engine, run):
    """The DBAPI connections checked out while ``run()`` ran, in order."""
    seen = []

    def record(dbapi_conn, record, proxy):
        seen.append(dbapi_conn)
    sa.event.listen(engine, 'checkout', record)
    try:
        run()
    finally:
        sa.event.remove(engine, 'checkout', record)
    return seen


def test_sqlite_connections_are_reused_across_transactions(sqlite_conf):
    engine = db_engine.get_engine()
    seen = _dbapi_connections(engine, lambda: [reserve_after_reading(sqlite_conf)
                                               for _ in range(3)])
    assert len(seen) == 3 and len({id(conn) for conn in seen}) == 1


def test_a_reused_connection_always_begins_its_transaction(sqlite_conf):
    """A pooled connection returned with oslo.db's stale "in a transaction" marker.

    oslo.db emits SQLite's BEGIN only when that marker is absent; a reused
    connection that kept it would run the next transaction in autocommit,
    with no BEGIN IMMEDIATE, and lose serialisation silently.
    """
    engine = db_engine.get_engine()
    with engine.connect() as conn:
        conn.info['in_transaction'] = True   # as a check-in without commit would leave it
    statements, inside = [], []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)
    sa.event.listen(engine, 'before_cursor_execute', record)
    try:
        ctx = new_context()
        with db_engine.transaction(ctx):
            quota.reserve(sqlite_conf, ctx, PROJECT, DELTAS)
            with db_engine.reader(ctx) as session:
                inside.append(session.connection().connection.dbapi_connection.in_transaction)
    finally:
        sa.event.remove(engine, 'before_cursor_execute', record)
    assert statements[0] == 'BEGIN IMMEDIATE'
    assert inside == [True]


def test_transactions_begin_as_driver_sql_in_place_of_oslo_db(sqlite_conf):
    """Readers send BEGIN, writers BEGIN IMMEDIATE, from cinderlite's listener only.

    oslo.db's listener built a statement object for every BEGIN; ours sends
    the same text as driver SQL. A later oslo.db that renames its listener
    keeps its own (engine._emit_begin_as_driver_sql), and this says so.
    """
    engine = db_engine.get_engine()
    assert [listener.__module__ for listener in engine.dispatch.begin] == [
        'cinderlite.db.engine']
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)
    sa.event.listen(engine, 'before_cursor_execute', record)
    try:
        ctx = new_context()
        with db_engine.reader(ctx) as session:
            session.connection()
        with db_engine.writer(ctx):
            pass
    finally:
        sa.event.remove(engine, 'before_cursor_execute', record)
    assert statements == ['BEGIN', 'BEGIN IMMEDIATE']
