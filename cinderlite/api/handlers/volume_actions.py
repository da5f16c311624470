"""``POST /volumes/{id}/action``: the volume actions (see api/actions.py for dispatch)."""

from cinderlite import exception
from cinderlite.api import actions
from cinderlite.api import handlers
from cinderlite.api import microversion
from cinderlite.api import wsgi
from cinderlite.api.handlers import attach_actions
from cinderlite.api.schemas import volume_actions as schema
from cinderlite.policies import volume_actions as policies
from cinderlite.policies import volumes as volume_policies


def _extend(req, context, volume_id, args):
    """os-extend: 202; 400 not larger or not available (in-use from 3.42); 413 over quota."""
    context.can(policies.EXTEND)
    wsgi.validate(args, schema.EXTEND)
    services = wsgi.services_of(req)
    attached = (microversion.at_least(req, 3, 42)
                and services.volumes.get(context, volume_id).status == 'in-use')
    if attached:
        context.can(policies.EXTEND_ATTACHED)
    services.volume_actions.extend(context, volume_id, int(args['new_size']),
                                   attached=attached)
    return wsgi.empty_response(202)


def _extend_completion(req, context, volume_id, args):
    """os-extend_volume_completion (admin; 3.71, not gated, as Cinder): 202; 400 not
    ``extending``."""
    wsgi.validate(args, schema.EXTEND_COMPLETION)
    wsgi.services_of(req).volumes.get(context, volume_id)
    context.can(policies.EXTEND_COMPLETE)
    wsgi.services_of(req).volume_actions.extend_completion(
        context, volume_id, wsgi.bool_param(args.get('error') or False))
    return wsgi.empty_response(202)


def _retype(req, context, volume_id, args):
    """os-retype: 202; 400 same type, wrong status, in a group, or a move the policy
    forbids; 404 unknown type; 413 the new type's quota."""
    context.can(policies.RETYPE)
    wsgi.validate(args, schema.RETYPE)
    wsgi.services_of(req).volume_actions.retype(context, volume_id, args['new_type'],
                                                args.get('migration_policy'))
    return wsgi.empty_response(202)


@handlers.api_version(3, 40)
def _revert(req, context, volume_id, args):
    """revert (3.40): 202; 400 not the latest snapshot or not its size; 409 not available."""
    context.can(policies.REVERT)
    wsgi.validate(args, schema.REVERT)
    wsgi.services_of(req).volume_actions.revert(context, volume_id, args.get('snapshot_id'))
    return wsgi.empty_response(202)


def _reset_status(req, context, volume_id, args):
    """os-reset_status (admin): 202; 400 an unknown status or nothing to set."""
    context.can(policies.RESET_STATUS)
    wsgi.validate(args, schema.RESET_STATUS)
    wsgi.services_of(req).volume_actions.reset_status(
        context, volume_id, status=args.get('status'),
        attach_status=args.get('attach_status'),
        migration_status=args.get('migration_status'))
    return wsgi.empty_response(202)


def _force_delete(req, context, volume_id, args):
    """os-force_delete (admin): 202 whatever the status; 400 in a group or with snapshots."""
    context.can(policies.FORCE_DELETE)
    wsgi.services_of(req).volume_actions.force_delete(context, volume_id)
    return wsgi.empty_response(202)


def _set_bootable(req, context, volume_id, args):
    """os-set_bootable: 200 (as Cinder), no body."""
    context.can(volume_policies.UPDATE)
    wsgi.validate(args, schema.SET_BOOTABLE)
    wsgi.services_of(req).volume_actions.set_bootable(
        context, volume_id, wsgi.bool_param(args['bootable']))
    return wsgi.empty_response(200)


def _update_readonly(req, context, volume_id, args):
    """os-update_readonly_flag: 202; 400 unless available. Shown as metadata ``readonly``."""
    context.can(policies.UPDATE_READONLY)
    wsgi.validate(args, schema.UPDATE_READONLY)
    wsgi.services_of(req).volume_actions.update_readonly_flag(
        context, volume_id, wsgi.bool_param(args['readonly']))
    return wsgi.empty_response(202)


@handlers.api_version(3, 68)
def _reimage(req, context, volume_id, args):
    """os-reimage (3.68): 400 a bad body; 404 the volume; else Cinder's 404 for the image.

    cinderlite has no image service, so no image id can be found.
    """
    wsgi.validate(args, schema.REIMAGE)
    wsgi.services_of(req).volumes.get(context, volume_id)
    raise exception.ImageNotFound(image_id=args['image_id'])


ACTIONS = {
    'os-extend': _extend,
    'os-extend_volume_completion': _extend_completion,
    'os-retype': _retype,
    'revert': _revert,
    'os-reset_status': _reset_status,
    'os-force_delete': _force_delete,
    'os-set_bootable': _set_bootable,
    'os-update_readonly_flag': _update_readonly,
    **attach_actions.ACTIONS,
    'os-reimage': _reimage,
}


def action(req, volume_id):
    """POST /volumes/{id}/action: the action's status code; 400 unknown action; 403; 404."""
    return actions.dispatch(req, ACTIONS, volume_id)
