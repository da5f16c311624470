"""A user message the database refuses never costs the error status beside it.

The volume host records a failure as one transaction: the error status, then
the user message. On PostgreSQL a refused statement aborts the whole
transaction, so swallowing the message's error without a savepoint silently
rolled back the status too and left the volume in ``creating`` for good.
"""

import pytest

from cinderlite import context as cl_context
from cinderlite import exception
from cinderlite import message
from cinderlite.db import engine as db_engine
from cinderlite.db import messages as db_messages
from cinderlite.db import migration
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from tests import fixtures

# A trigger per backend that refuses every INSERT into messages, as a full
# disk or a broken column would.
REFUSE_MESSAGES = {
    'sqlite': ["CREATE TRIGGER refuse BEFORE INSERT ON messages "
               "BEGIN SELECT RAISE(ABORT, 'refused'); END"],
    'mysql': ["CREATE TRIGGER refuse BEFORE INSERT ON messages FOR EACH ROW "
              "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'"],
    'postgresql': ["CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                   "RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql",
                   "CREATE TRIGGER refuse BEFORE INSERT ON messages "
                   "FOR EACH ROW EXECUTE FUNCTION refuse()"],
}


@pytest.mark.parametrize('backend', ['sqlite', 'postgresql', 'mysql'])
def test_refused_message_keeps_error_status(backend, tmp_path):
    with fixtures.database(backend, tmp_path) as url:
        conf = fixtures.make_conf(tmp_path, url)
        engine = db_engine.configure(conf)
        migration.upgrade(engine=engine)
        ctx = cl_context.get_admin_context()
        volume_id = '0b0c9c4e-5b7e-4c55-8a43-3b2b7c1b9f10'
        db_volumes.create_volumes(ctx, [{
            'id': volume_id, 'project_id': 'p1', 'user_id': 'u1', 'size': 1,
            'status': 'creating', 'host': 'h@b#b',
            'volume_type_id': db_types.get_default_type(ctx).id}])
        with engine.begin() as conn:
            for statement in REFUSE_MESSAGES[backend]:
                conn.exec_driver_sql(statement)
        volume = db_volumes.get_volume(ctx, volume_id)

        try:
            raise exception.VolumeDriverException(message='the disk is on fire')
        except exception.VolumeDriverException as error:
            message.record_failure(
                ctx, error, 'Creating volume %s' % volume_id, volume, 'VOLUME_000002',
                message.RETRY, lambda: db_volumes.conditional_update(
                    ctx, volume_id, {'status': 'error'}, ['creating']))

        assert db_volumes.get_volume(ctx, volume_id).status == 'error'
        assert db_messages.list_messages(ctx) == []
