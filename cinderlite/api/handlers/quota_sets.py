"""Quota set handlers: show (with usage), defaults, update and delete (admin)."""

from cinderlite import exception
from cinderlite.api import wsgi
from cinderlite.api.schemas import quota_sets as schema
from cinderlite.api.views import quota_sets as view
from cinderlite.policies import quota_sets as policies


def _check_target(context, target_project_id):
    """A non-admin may only look at its own project's quotas (404 otherwise)."""
    if not context.is_admin and target_project_id != context.project_id:
        raise exception.NotFound('Quota for project %s could not be found.'
                                 % target_project_id)


def show(req, target_project_id):
    """GET /os-quota-sets/{project}[?usage=True]: 200."""
    context = wsgi.context_of(req)
    context.can(policies.SHOW, {'project_id': target_project_id})
    _check_target(context, target_project_id)
    usage = wsgi.bool_param(req.GET.get('usage', False))
    limits = wsgi.services_of(req).quotas.show(context, target_project_id, usage=usage)
    return wsgi.json_response(view.quota_set(target_project_id, limits))


def defaults(req, target_project_id):
    """GET /os-quota-sets/{project}/defaults: 200."""
    context = wsgi.context_of(req)
    context.can(policies.SHOW, {'project_id': target_project_id})
    _check_target(context, target_project_id)
    limits = wsgi.services_of(req).quotas.defaults(context)
    return wsgi.json_response(view.quota_set(target_project_id, limits))


def update(req, target_project_id):
    """PUT /os-quota-sets/{project} (admin): 200; 400 bad key or below usage."""
    context = wsgi.context_of(req)
    context.can(policies.UPDATE, {'project_id': target_project_id})
    body = wsgi.json_body(req, schema.UPDATE)['quota_set']
    limits = {k: int(v) for k, v in body.items() if k not in ('id', 'tenant_id')}
    result = wsgi.services_of(req).quotas.update(context, target_project_id, limits)
    return wsgi.json_response(view.quota_set(target_project_id, result))


def delete(req, target_project_id):
    """DELETE /os-quota-sets/{project} (admin): 200, limits back to defaults."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE, {'project_id': target_project_id})
    wsgi.services_of(req).quotas.delete(context, target_project_id)
    return wsgi.empty_response(200)
