"""Volume type access handlers: admins list, give and take projects' access to private types."""

from cinderlite import exception
from cinderlite.api import wsgi
from cinderlite.api.schemas import type_access as schema
from cinderlite.api.views import type_access as view
from cinderlite.policies import type_access as policies


def index(req, type_id):
    """GET /types/{id}/os-volume-type-access: 200; 404 unknown or public type."""
    context = wsgi.context_of(req)
    context.can(policies.LIST_PROJECTS)
    projects = wsgi.services_of(req).type_access.list_projects(context, type_id)
    return wsgi.json_response(view.access_list(type_id, projects))


def _add_project(req, context, type_id, body):
    context.can(policies.ADD_PROJECT)
    wsgi.validate(body, schema.ADD_PROJECT)
    wsgi.services_of(req).type_access.add_project(
        context, type_id, body['addProjectAccess']['project'])


def _remove_project(req, context, type_id, body):
    context.can(policies.REMOVE_PROJECT)
    wsgi.validate(body, schema.REMOVE_PROJECT)
    wsgi.services_of(req).type_access.remove_project(
        context, type_id, body['removeProjectAccess']['project'])


ACTIONS = {'addProjectAccess': _add_project, 'removeProjectAccess': _remove_project}


def action(req, type_id):
    """POST /types/{id}/action (addProjectAccess, removeProjectAccess): 202.

    400 a public type, an unknown action or a bad body; 404 unknown type or
    (remove) a project without access; 409 (add) a project with access.
    """
    context = wsgi.context_of(req)
    body = wsgi.json_body(req, {'type': 'object'})
    if len(body) != 1:
        raise exception.MalformedRequestBody()
    name = next(iter(body))
    if name not in ACTIONS:
        raise exception.BadRequest(reason='There is no such action: %s' % name)
    ACTIONS[name](req, context, type_id, body)
    return wsgi.empty_response(202)
