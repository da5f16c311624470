"""``POST /snapshots/{id}/action``: the snapshot actions (see api/actions.py for dispatch)."""

from cinderlite.api import actions
from cinderlite.api import wsgi
from cinderlite.api.schemas import snapshot_actions as schema
from cinderlite.policies import snapshot_actions as policies


def _reset_status(req, context, snapshot_id, args):
    """os-reset_status (admin): 202; 400 an unknown status."""
    context.can(policies.RESET_STATUS)
    wsgi.validate(args, schema.RESET_STATUS)
    wsgi.services_of(req).snapshot_actions.reset_status(context, snapshot_id,
                                                        args['status'])
    return wsgi.empty_response(202)


def _force_delete(req, context, snapshot_id, args):
    """os-force_delete (admin): 202 whatever the status; 400 a cgsnapshot member."""
    context.can(policies.FORCE_DELETE)
    wsgi.services_of(req).snapshots.delete(context, snapshot_id, force=True)
    return wsgi.empty_response(202)


def _update_status(req, context, snapshot_id, args):
    """os-update_snapshot_status: 202; 400 a transition Cinder does not allow."""
    context.can(policies.UPDATE_STATUS)
    wsgi.validate(args, schema.UPDATE_STATUS)
    wsgi.services_of(req).snapshot_actions.update_status(
        context, snapshot_id, args['status'], args.get('progress'))
    return wsgi.empty_response(202)


ACTIONS = {
    'os-reset_status': _reset_status,
    'os-force_delete': _force_delete,
    'os-update_snapshot_status': _update_status,
}


def action(req, snapshot_id):
    """POST /snapshots/{id}/action: the action's status code; 400 unknown action; 403; 404."""
    return actions.dispatch(req, ACTIONS, snapshot_id)
