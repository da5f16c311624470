"""Alembic environment: the engine comes from cinderlite.db.migration, never from a URL here."""

from alembic import context

from cinderlite.db import models

config = context.config
target_metadata = models.Base.metadata


def run_migrations_online():
    engine = config.attributes['engine']
    with engine.connect() as connection:
        sqlite = connection.dialect.name == 'sqlite'
        if sqlite:
            # Batch mode rebuilds a SQLite table by copying it and dropping the
            # old one; with foreign keys enforced that DROP would cascade into
            # (or be refused by) every child table. The pragma only takes
            # effect outside a transaction, hence the raw DB-API connection.
            connection.connection.driver_connection.execute('PRAGMA foreign_keys = OFF')
        try:
            context.configure(connection=connection, target_metadata=target_metadata,
                              render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql('PRAGMA foreign_key_check').all()
                    if broken:
                        raise RuntimeError('Migration left dangling references: %r'
                                           % broken)
            if connection.in_transaction():
                connection.commit()
        finally:
            if sqlite:
                # Again outside any transaction (a failed migration's is rolled
                # back), so that the pooled connection enforces foreign keys.
                if connection.in_transaction():
                    connection.rollback()
                connection.connection.driver_connection.execute('PRAGMA foreign_keys = ON')


run_migrations_online()
