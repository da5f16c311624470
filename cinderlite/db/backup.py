"""Online backup of the embedded SQLite database (sqlite3's backup API).

The copy is consistent (one transaction's view) while services keep
writing: SQLite copies the pages and starts over if a writer changed one
under it. It is written beside the target and renamed, so a backup cut
short never has the name of a good one.
"""

import os
import sqlite3

from cinderlite import exception
from cinderlite.db import engine as db_engine

#: Pages copied per step; writers get the database between steps.
PAGES_PER_STEP = 1024


def backup_sqlite(target):
    """Copy the configured SQLite database to the new file ``target``.

    :returns: the number of pages copied.
    :raises BadRequest: the database is not a SQLite file, or ``target``
        exists already.
    """
    engine = db_engine.get_engine()
    if engine.dialect.name != 'sqlite' or engine.url.database in (None, '', ':memory:'):
        raise exception.BadRequest(
            reason='db backup copies the embedded SQLite database; back up %s with its '
                   'own tools (pg_dump, mariadb-dump)' % engine.dialect.name)
    if os.path.exists(target):
        raise exception.BadRequest(reason='%s exists already' % target)
    partial = '%s.partial-%d' % (target, os.getpid())
    source = sqlite3.connect(engine.url.database)
    try:
        source.execute('PRAGMA busy_timeout = %d' % db_engine.SQLITE_BUSY_TIMEOUT_MS)
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy, pages=PAGES_PER_STEP)
            pages = copy.execute('PRAGMA page_count').fetchone()[0]
        finally:
            copy.close()
        os.rename(partial, target)
    finally:
        source.close()
        if os.path.exists(partial):
            os.unlink(partial)
    return pages
