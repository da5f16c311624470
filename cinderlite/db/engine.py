"""The one enginefacade transaction context; ``reader``/``writer`` open every session.

SQLite is made safe for concurrent writers here: write transactions start
with ``BEGIN IMMEDIATE`` (a deferred BEGIN that reads and then writes fails at
once with "database is locked"), the journal is WAL so readers never block,
and a busy timeout makes a writer wait its turn instead of failing. Its
connections are pooled (oslo.db opens a new one per transaction, which cost
a quarter of a simple request), without ever skipping a BEGIN.
"""

import contextlib

from oslo_db import api as oslo_db_api
from oslo_db.sqlalchemy import enginefacade
import sqlalchemy

_CONTEXT = None
_IMMEDIATE = 'cinderlite_begin_immediate'
SQLITE_BUSY_TIMEOUT_MS = 30000


def configure(conf):
    """Open ``conf.database``: a new transaction context replaces any earlier one."""
    global _CONTEXT
    if _CONTEXT is not None:
        _CONTEXT.dispose_pool()
    _CONTEXT = enginefacade.transaction_context()
    options = dict(conf.database.items())
    # No connection now: oslo.db would retry only the errors it recognizes
    # (not a refused connection to a recent libpq). The caller checks the
    # connection (check_connection) and retries as it sees fit.
    options['max_retries'] = 0
    # SQLite enforces foreign keys only when asked: ask, so that it refuses
    # what PostgreSQL and MariaDB refuse.
    # thread_checkin=False: oslo.db's time.sleep(0) on every connection
    # check-in lets eventlet's green threads run; with real threads it only
    # gives the CPU away in the middle of a request.
    _CONTEXT.configure(sqlite_fk=True, thread_checkin=False, **options)
    engine = _CONTEXT.writer.get_engine()
    if engine.dialect.name == 'sqlite':
        if engine.url.database not in (None, '', ':memory:'):
            _pool_sqlite_connections(engine, conf.database)
        _make_sqlite_concurrent(engine)
    return engine


def _pool_sqlite_connections(engine, options):
    """Keep file SQLite connections open across transactions, as for the other databases.

    oslo.db gives file SQLite a NullPool: every transaction connected anew,
    re-read the schema and re-created the WAL handles. The engine gets the
    QueuePool SQLAlchemy 2 itself defaults to, built as ``Pool.recreate()``
    builds one (the same creator, dialect and event listeners).

    The trap: oslo.db emits each SQLite BEGIN itself, only when its marker
    ``in_transaction`` is absent from the connection's info, and clears the
    marker on commit and rollback events. A pooled connection keeps its
    info; one returned without those events (a rollback by the pool on
    check-in, say) would keep the marker, and its next transaction would run
    without BEGIN, in autocommit. So the marker is cleared on every check-in.
    """
    previous = engine.pool
    engine.pool = sqlalchemy.pool.QueuePool(
        previous._creator, pool_size=options.max_pool_size or 5,
        max_overflow=options.max_overflow if options.max_overflow is not None else 50,
        timeout=options.pool_timeout or 30, recycle=previous._recycle,
        dialect=previous._dialect, _dispatch=previous.dispatch)
    previous.dispose()

    @sqlalchemy.event.listens_for(engine, 'checkin')
    def _forget_transaction(dbapi_conn, record):
        record.info.pop('in_transaction', None)


def _emit_begin_as_driver_sql(engine):
    """oslo.db's SQLite BEGIN listener, sending its BEGIN as plain driver SQL.

    oslo.db runs ``conn.execute(text('BEGIN'))``: a new statement object to
    key, look up and wrap, as dear as a query, on every transaction.
    ``exec_driver_sql`` sends the same BEGIN through the same events
    (``_begin_immediate`` below still upgrades it) and error handling. If
    oslo.db's listener is not found (a later oslo.db), its own stays.
    """
    theirs = [listener for listener in engine.dispatch.begin
              if getattr(listener, '__name__', None) == '_sqlite_emit_begin'
              and getattr(listener, '__module__', None) == 'oslo_db.sqlalchemy.engines']
    if len(theirs) != 1:
        return
    sqlalchemy.event.remove(engine, 'begin', theirs[0])

    @sqlalchemy.event.listens_for(engine, 'begin')
    def _sqlite_emit_begin(conn):
        if 'in_transaction' not in conn.info:
            conn.exec_driver_sql('BEGIN')
            conn.info['in_transaction'] = True


def _make_sqlite_concurrent(engine):
    _emit_begin_as_driver_sql(engine)

    @sqlalchemy.event.listens_for(engine, 'connect')
    def _on_connect(dbapi_conn, record):
        dbapi_conn.execute('PRAGMA busy_timeout = %d' % SQLITE_BUSY_TIMEOUT_MS)

    # oslo.db opens every SQLite transaction with its own plain BEGIN from a
    # 'begin' listener, and engine events ignore insert=True, so a listener of
    # ours can never run before it: upgrade its statement on writer connections.
    @sqlalchemy.event.listens_for(engine, 'before_cursor_execute', retval=True)
    def _begin_immediate(conn, cursor, statement, parameters, context, executemany):
        if statement == 'BEGIN' and conn.get_execution_options().get(_IMMEDIATE):
            statement = 'BEGIN IMMEDIATE'
        return statement, parameters

    if engine.url.database not in (None, '', ':memory:'):
        # Outside any transaction: SQLite refuses to switch journal mode inside one.
        raw = engine.raw_connection()
        try:
            raw.driver_connection.execute('PRAGMA journal_mode = WAL')
        finally:
            raw.close()
    engine.dispose()


def check_connection():
    """Open and close one connection to the configured database.

    :raises oslo_db.exception.DBError: it cannot be opened
        (``DBNonExistentDatabase`` when the server has no such database).
    """
    get_engine().connect().close()


def get_engine():
    return _CONTEXT.writer.get_engine()


def dispose():
    """Close pooled connections (tests, and a service that is stopping)."""
    if _CONTEXT is not None:
        _CONTEXT.dispose_pool()


@contextlib.contextmanager
def writer(context):
    """A write transaction on ``context``; nested calls join the outer one."""
    with _CONTEXT.writer.using(context) as session:
        if not session.info.get(_IMMEDIATE):
            session.info[_IMMEDIATE] = True
            session.connection(execution_options={_IMMEDIATE: True})
        yield session


def reader(context):
    """A read transaction on ``context``; inside a writer it joins the writer.

    oslo.db's own context manager, returned as it is: a show enters a
    reader five times, and a wrapping generator cost as much again.
    """
    return _CONTEXT.reader.using(context)


@contextlib.contextmanager
def savepoint(context):
    """A nested transaction inside the caller's writer: a failure in it rolls back only it."""
    with _CONTEXT.writer.savepoint.using(context) as session:
        yield session


#: Run a whole write transaction again, from the start, when it lost a deadlock.
#: Usage rows are always locked in resource order, but MySQL and MariaDB can
#: still deadlock two transactions that insert a project's first usage rows at
#: once (gap locks); the loser is rolled back whole, so running it again is
#: safe. Decorate the function that opens the outermost transaction.
retry_on_deadlock = oslo_db_api.wrap_db_retry(
    max_retries=5, retry_interval=0.05, max_retry_interval=0.5, retry_on_deadlock=True)


@contextlib.contextmanager
def transaction(context):
    """One unit of work for the service layer: every db call on ``context`` inside joins it.

    It commits when the block ends and rolls back if the block raises; the
    session itself never leaves the data layer.
    """
    with writer(context):
        yield
