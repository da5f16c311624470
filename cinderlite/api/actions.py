"""``POST /<resources>/{id}/action``: one action per request, named by the body's only key.

An action this service does not know is a 400 that names it (a 404 would
tell the user the resource is gone). Each action handler checks its policy
first, as every handler does, then validates its own arguments. An action
marked with ``handlers.api_version`` is a bare 404 below its microversion,
as Cinder answers.
"""

import webob.exc

from cinderlite import exception
from cinderlite.api import microversion
from cinderlite.api import wsgi

#: The whole body: exactly one action, named by its key.
ACTION = {'type': 'object', 'minProperties': 1, 'maxProperties': 1}


def dispatch(req, actions, resource_id):
    """Run the action the body names: ``actions[name](req, context, id, args)``.

    :raises BadRequest: (400) no action, several, or one not in ``actions``.
    """
    body = wsgi.json_body(req, ACTION)
    (name, args), = body.items()
    handler = actions.get(name)
    if handler is None:
        raise exception.BadRequest(reason='There is no such action: %s' % name)
    min_version = getattr(handler, 'min_version', None)
    if min_version and not microversion.at_least(req, *min_version):
        raise webob.exc.HTTPNotFound(detail='The resource could not be found.')
    return handler(req, wsgi.context_of(req), resource_id,
                   args if args is not None else {})
