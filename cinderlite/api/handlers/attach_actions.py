"""The legacy attach actions of ``POST /volumes/{id}/action`` (see volume_actions.py).

What Nova and os-brick's clients send without the attachments API:
os-reserve, os-initialize_connection, os-attach; os-begin_detaching,
os-terminate_connection, os-detach; and their undos. Each checks its policy,
then validates its arguments (Cinder's schemas); every success but
os-initialize_connection (200 and the connection info) is an empty 202.
"""

from cinderlite.api import wsgi
from cinderlite.api.schemas import attachments as schema
from cinderlite.policies import volume_actions as policies


def _reserve(req, context, volume_id, args):
    """os-reserve: 202, the volume is ``attaching``; 400 unless available (or multiattach)."""
    context.can(policies.RESERVE)
    wsgi.services_of(req).volume_actions.reserve(context, volume_id)
    return wsgi.empty_response(202)


def _unreserve(req, context, volume_id, args):
    """os-unreserve: 202; ``attaching`` goes back (in-use if attached elsewhere), else nothing."""
    context.can(policies.UNRESERVE)
    wsgi.services_of(req).attachments.unreserve(context, volume_id)
    return wsgi.empty_response(202)


def _begin_detaching(req, context, volume_id, args):
    """os-begin_detaching: 202, ``detaching``; 400 unless in-use and attached."""
    context.can(policies.BEGIN_DETACHING)
    wsgi.services_of(req).attachments.begin_detaching(context, volume_id)
    return wsgi.empty_response(202)


def _roll_detaching(req, context, volume_id, args):
    """os-roll_detaching: 202; ``detaching`` back to ``in-use``, else nothing."""
    context.can(policies.ROLL_DETACHING)
    wsgi.services_of(req).attachments.roll_detaching(context, volume_id)
    return wsgi.empty_response(202)


def _initialize_connection(req, context, volume_id, args):
    """os-initialize_connection: 200 ``{"connection_info": ...}``; 400 connector; 500 backend."""
    context.can(policies.INITIALIZE)
    wsgi.validate(args, schema.INITIALIZE_CONNECTION)
    info = wsgi.services_of(req).attachments.initialize_connection(
        context, volume_id, args['connector'])
    return wsgi.json_response({'connection_info': info})


def _terminate_connection(req, context, volume_id, args):
    """os-terminate_connection: 202; an ``attaching`` volume is unreserved."""
    context.can(policies.TERMINATE)
    wsgi.validate(args, schema.TERMINATE_CONNECTION)
    wsgi.services_of(req).attachments.terminate_connection(context, volume_id,
                                                           args['connector'])
    return wsgi.empty_response(202)


def _attach(req, context, volume_id, args):
    """os-attach: 202, ``in-use``; 400 maintenance, read-only and rw, or already attached."""
    context.can(policies.ATTACH)
    wsgi.validate(args, schema.ATTACH)
    wsgi.services_of(req).attachments.attach(
        context, volume_id, args['mountpoint'], instance_uuid=args.get('instance_uuid'),
        host_name=args.get('host_name'), mode=args.get('mode', 'rw'))
    return wsgi.empty_response(202)


def _detach(req, context, volume_id, args):
    """os-detach: 202; the export removed with the last attachment; 400 which one."""
    context.can(policies.DETACH)
    wsgi.validate(args, schema.DETACH)
    wsgi.services_of(req).attachments.detach(context, volume_id, args.get('attachment_id'))
    return wsgi.empty_response(202)


def _force_detach(req, context, volume_id, args):
    """os-force_detach (admin): 202 whatever the status."""
    context.can(policies.FORCE_DETACH)
    wsgi.validate(args, schema.FORCE_DETACH)
    wsgi.services_of(req).attachments.force_detach(
        context, volume_id, args.get('connector'), args.get('attachment_id'))
    return wsgi.empty_response(202)


ACTIONS = {
    'os-reserve': _reserve,
    'os-unreserve': _unreserve,
    'os-begin_detaching': _begin_detaching,
    'os-roll_detaching': _roll_detaching,
    'os-initialize_connection': _initialize_connection,
    'os-terminate_connection': _terminate_connection,
    'os-attach': _attach,
    'os-detach': _detach,
    'os-force_detach': _force_detach,
}
