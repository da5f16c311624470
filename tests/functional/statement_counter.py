"""Counts the SQL statements each part of cinderlite sends, by the thread that sent them.

The API serves requests on cheroot's worker threads ("CP Server Thread-N");
heartbeats run on "heartbeat-*" threads; everything else on the service side
is the scheduler's and volume manager's RPC work.
"""

import threading

import sqlalchemy as sa

from cinderlite.db import engine as db_engine


class StatementCounter:

    def __init__(self):
        self.statements = []
        self._lock = threading.Lock()
        self._engine = db_engine.get_engine()

    def _record(self, conn, cursor, statement, parameters, context, executemany):
        with self._lock:
            self.statements.append((threading.current_thread().name, statement))

    def __enter__(self):
        sa.event.listen(self._engine, 'before_cursor_execute', self._record)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self._engine, 'before_cursor_execute', self._record)

    def api(self):
        return [s for t, s in self.statements if t.startswith('CP Server')]

    def services(self):
        return [s for t, s in self.statements
                if not t.startswith(('CP Server', 'heartbeat', 'MainThread'))]
