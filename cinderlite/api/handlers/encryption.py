"""Volume type encryption handlers (admin): set while no volume has the type.

Cinder serves ``types/{id}/encryption/{x}`` as one resource: for GET ``x`` is
a key of the encryption, for PUT and DELETE the encryption's id (which
Cinder, and so cinderlite, does not check: a type has one encryption).
"""

from cinderlite import exception
from cinderlite.api import wsgi
from cinderlite.api.schemas import encryption as schema
from cinderlite.api.views import encryption as view
from cinderlite.policies import encryption as policies


def _values(body):
    """The known fields of a request's ``encryption``, key_size as an integer."""
    values = {k: body[k] for k in schema.FIELDS if k in body}
    if values.get('key_size') is not None:
        values['key_size'] = int(values['key_size'])
        wsgi.validate(values['key_size'], schema.KEY_SIZE)
    return values


def index(req, type_id):
    """GET /types/{id}/encryption: 200 the encryption, or ``{}``; 404 unknown type."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    encryption = wsgi.services_of(req).encryption.get(context, type_id)
    return wsgi.json_response(view.show(encryption))


def create(req, type_id):
    """POST /types/{id}/encryption: 200; 400 type in use or already encrypted; 404."""
    context = wsgi.context_of(req)
    context.can(policies.CREATE)
    values = _values(wsgi.json_body(req, schema.CREATE)['encryption'])
    encryption_id = wsgi.services_of(req).encryption.create(context, type_id, values)
    return wsgi.json_response({'encryption': dict(
        values, volume_type_id=type_id, encryption_id=encryption_id)})


def show(req, type_id, encryption_id):
    """GET /types/{id}/encryption/{key}: 200 ``{key: value}``; 404 unknown key or type."""
    context = wsgi.context_of(req)
    context.can(policies.GET)
    key = encryption_id
    shown = view.show(wsgi.services_of(req).encryption.get(context, type_id))
    if key not in shown:
        raise exception.VolumeTypeEncryptionNotFound(type_id=type_id)
    return wsgi.json_response({key: shown[key]})


def update(req, type_id, encryption_id):
    """PUT /types/{id}/encryption/{encryption_id}: 200 the fields set; 400 in use; 404."""
    context = wsgi.context_of(req)
    context.can(policies.UPDATE)
    values = _values(wsgi.json_body(req, schema.UPDATE)['encryption'])
    wsgi.services_of(req).encryption.update(context, type_id, values)
    return wsgi.json_response({'encryption': values})


def delete(req, type_id, encryption_id):
    """DELETE /types/{id}/encryption/{encryption_id}: 202; 400 in use; 404 none."""
    context = wsgi.context_of(req)
    context.can(policies.DELETE)
    wsgi.services_of(req).encryption.delete(context, type_id)
    return wsgi.empty_response(202)
