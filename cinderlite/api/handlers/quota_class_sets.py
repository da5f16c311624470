"""Quota class set handlers (admin): show and update; ``default`` sets the defaults."""

from cinderlite.api import wsgi
from cinderlite.api.schemas import quota_class_sets as schema
from cinderlite.api.views import quota_class_sets as view
from cinderlite.policies import quota_class_sets as policies


def show(req, class_name):
    """GET /os-quota-class-sets/{class}: 200, every limit (defaults where the class sets none)."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    limits = wsgi.services_of(req).quota_classes.show(context, class_name)
    return wsgi.json_response(view.show(class_name, limits))


def update(req, class_name):
    """PUT /os-quota-class-sets/{class}: 200; 400 for a key that is no quota or a bad value."""
    context = wsgi.context_of(req)
    context.can(policies.UPDATE)
    body = wsgi.json_body(req, schema.UPDATE)['quota_class_set']
    limits = wsgi.services_of(req).quota_classes.update(
        context, class_name, {k: int(v) for k, v in body.items()})
    return wsgi.json_response(view.update(limits))
