"""``POST /volumes/{id}/action``: one action per request, named by the body's only key.

An action this service does not know is a 400 that names it (a 404 would
tell the user the volume is gone). Each action checks its policy first, as
every handler does, then validates its own arguments.
"""

from cinderlite import exception
from cinderlite.api import wsgi
from cinderlite.api.schemas import volume_actions as schema
from cinderlite.policies import volume_actions as policies
from cinderlite.policies import volumes as volume_policies


def _extend(req, context, service, volume_id, args):
    """os-extend: 202; 400 not larger or not available; 413 over quota."""
    context.can(policies.EXTEND)
    wsgi.validate(args, schema.EXTEND)
    service.extend(context, volume_id, int(args['new_size']))
    return wsgi.empty_response(202)


def _reset_status(req, context, service, volume_id, args):
    """os-reset_status (admin): 202; 400 an unknown status or nothing to set."""
    context.can(policies.RESET_STATUS)
    wsgi.validate(args, schema.RESET_STATUS)
    service.reset_status(context, volume_id, status=args.get('status'),
                         attach_status=args.get('attach_status'),
                         migration_status=args.get('migration_status'))
    return wsgi.empty_response(202)


def _force_delete(req, context, service, volume_id, args):
    """os-force_delete (admin): 202 whatever the status; 400 in a group or with snapshots."""
    context.can(policies.FORCE_DELETE)
    service.force_delete(context, volume_id)
    return wsgi.empty_response(202)


def _set_bootable(req, context, service, volume_id, args):
    """os-set_bootable: 200 (as Cinder), no body."""
    context.can(volume_policies.UPDATE)
    wsgi.validate(args, schema.SET_BOOTABLE)
    service.set_bootable(context, volume_id, wsgi.bool_param(args['bootable']))
    return wsgi.empty_response(200)


def _update_readonly(req, context, service, volume_id, args):
    """os-update_readonly_flag: 202; 400 unless available. Shown as metadata ``readonly``."""
    context.can(policies.UPDATE_READONLY)
    wsgi.validate(args, schema.UPDATE_READONLY)
    service.update_readonly_flag(context, volume_id, wsgi.bool_param(args['readonly']))
    return wsgi.empty_response(202)


def _reserve(req, context, service, volume_id, args):
    """os-reserve: 202, the volume is ``attaching``; 400 unless available."""
    context.can(policies.RESERVE)
    service.reserve(context, volume_id)
    return wsgi.empty_response(202)


def _unreserve(req, context, service, volume_id, args):
    """os-unreserve: 202; an ``attaching`` volume is available again, else nothing."""
    context.can(policies.UNRESERVE)
    service.unreserve(context, volume_id)
    return wsgi.empty_response(202)


ACTIONS = {
    'os-extend': _extend,
    'os-reset_status': _reset_status,
    'os-force_delete': _force_delete,
    'os-set_bootable': _set_bootable,
    'os-update_readonly_flag': _update_readonly,
    'os-reserve': _reserve,
    'os-unreserve': _unreserve,
}


def action(req, volume_id):
    """POST /volumes/{id}/action: the action's status code; 400 unknown action; 403; 404."""
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, schema.ACTION)
    (name, args), = body.items()
    handler = ACTIONS.get(name)
    if handler is None:
        raise exception.BadRequest(reason='There is no such action: %s' % name)
    return handler(req, context, wsgi.services_of(req).volume_actions, volume_id,
                   args if args is not None else {})
