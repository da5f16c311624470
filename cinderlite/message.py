"""User messages: why an asynchronous operation failed, in words a user can act on."""

from oslo_log import log as logging

from cinderlite import exception
from cinderlite.db import engine as db_engine
from cinderlite.db import messages as db_messages

LOG = logging.getLogger(__name__)

# event id -> what the user is told; the detail adds the specific reason.
EVENTS = {
    'VOLUME_000001': 'schedule allocate volume: no backend can hold this volume',
    'VOLUME_000002': 'create volume: the storage backend failed to create it',
    'VOLUME_000003': 'delete volume: the storage backend failed to delete it',
    'VOLUME_000004': 'extend volume: the storage backend failed to extend it',
    'VOLUME_000005': 'retype volume: the volume could not take the new type',
    'VOLUME_000006': 'revert volume to snapshot: the storage backend failed to revert it',
    'SNAPSHOT_000001': 'create snapshot: the storage backend failed to create it',
    'SNAPSHOT_000002': 'delete snapshot: the storage backend failed to delete it',
    'GROUP_000001': 'schedule allocate group: no backend serves all its volume types',
    'GROUP_000002': 'create group: the storage backend failed to create it',
    'GROUP_000003': 'delete group: the storage backend failed to delete it',
    'GROUP_000004': 'update group: the storage backend failed to change its volumes',
    'GROUP_000005': 'create group from source: cloning failed',
    'CGSNAPSHOT_000001': 'create cgsnapshot: the storage backend failed to create it',
    'CGSNAPSHOT_000002': 'delete cgsnapshot: the storage backend failed to delete it',
    'SERVICE_000001': 'the volume service restarted while this was in progress',
}

RETRY = 'Delete it and try again; if that fails too, tell your cloud administrator.'
ASK_ADMIN = 'Tell your cloud administrator.'

RESOURCE_TYPES = {'VOLUME': 'VOLUME', 'SNAPSHOT': 'VOLUME_SNAPSHOT',
                  'GROUP': 'VOLUME_GROUP', 'CGSNAPSHOT': 'GROUP_SNAPSHOT',
                  'SERVICE': 'VOLUME'}


def record(context, project_id, resource_id, event_id, detail=None, resource_type=None):
    """Store a user message for ``project_id`` about ``resource_id``.

    A failure to record is logged and swallowed: the resource's own status
    already tells the user something went wrong. The INSERT runs in a
    savepoint, so that a refused INSERT does not abort the caller's
    transaction (on PostgreSQL it would, and the error status written just
    before would be lost with it).
    """
    text = EVENTS[event_id]
    if detail:
        text = '%s: %s' % (text, detail)
    resource_type = resource_type or RESOURCE_TYPES[event_id.split('_')[0]]
    try:
        with db_engine.savepoint(context):
            db_messages.create_message(context, {
                'project_id': project_id, 'request_id': context.request_id,
                'resource_type': resource_type, 'resource_uuid': resource_id,
                'event_id': event_id, 'message_level': 'ERROR', 'user_message': text})
    except Exception:
        # Whatever the driver raised (oslo.db passes some MySQL errors through
        # unwrapped), the savepoint is rolled back and the caller's work stands.
        LOG.exception('Could not record message %s for %s', event_id, resource_id)


def user_reason(error, advice):
    """What a user may read about a driver failure, and what they can do about it.

    A driver's own exceptions carry messages meant for users; anything else
    (an OSError naming a server path, a bug) is described without its text,
    which the log keeps for the operator.
    """
    if isinstance(error, exception.CinderliteException):
        reason = error.msg.rstrip('.')
    else:
        reason = 'an unexpected error, logged by the volume service'
    return '%s. %s' % (reason, advice)


def record_failure(ctx, error, what, resource, event_id, advice, set_error_status):
    """The one way the volume host handles a failed operation on ``resource``.

    Logs ``error`` once (with its traceback, for the operator), then sets the
    resource's error status and tells its owner why in one transaction.
    ``set_error_status()`` returns whether it moved the resource; only then is
    the message written. A user who sees the error status finds the message.
    Call it from the ``except`` block that caught ``error``.
    """
    LOG.exception('%s failed', what)
    with db_engine.transaction(ctx):
        if set_error_status():
            record(ctx, resource.project_id, resource.id, event_id,
                   user_reason(error, advice))
