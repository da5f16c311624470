"""Request and response helpers every handler uses: JSON in and out, context, services."""

import jsonschema
from oslo_serialization import jsonutils
import webob

from cinderlite import exception

CONTEXT_KEY = 'cinderlite.context'
SERVICES_KEY = 'cinderlite.services'
JSON_TYPES = ('application/json', 'application/vnd.openstack.volume+json')


def context_of(req):
    return req.environ[CONTEXT_KEY]


def services_of(req):
    return req.environ[SERVICES_KEY]


def json_body(req, schema):
    """The request's JSON body, validated against ``schema``.

    :raises UnsupportedMediaType: (415) not JSON.
    :raises MalformedRequestBody: (400) not parseable.
    :raises ValidationError: (400) Cinder's "Invalid input for field/attribute" message.
    """
    if req.body and req.content_type and req.content_type not in JSON_TYPES:
        raise exception.UnsupportedMediaType(content_type=req.content_type)
    try:
        body = jsonutils.loads(req.body) if req.body else {}
    except ValueError:
        raise exception.MalformedRequestBody() from None
    _refuse_nul(body)
    validate(body, schema)
    return body


def _refuse_nul(value):
    """NUL characters fit no database column (PostgreSQL refuses them): a 400, not a 500."""
    if isinstance(value, str):
        if '\x00' in value:
            raise exception.InvalidInput(reason='NUL characters are not allowed.')
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul(key)
            _refuse_nul(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_nul(item)


def refuse_nul_in_url(req):
    """:raises InvalidInput: (400) a NUL in the path or a query parameter."""
    _refuse_nul(req.path_info)
    _refuse_nul(dict(req.GET))


def validate(body, schema):
    """:raises ValidationError: with Cinder's message for the most relevant error."""
    validator = jsonschema.Draft4Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(body))
    if error is None:
        return
    field = error.path[-1] if error.path else 'body'
    detail = 'Invalid input for field/attribute %s. Value: %s. %s' % (
        field, jsonutils.dumps(error.instance), error.message)
    raise exception.ValidationError(detail=detail)


def json_response(body, status=200):
    response = webob.Response(status=status, content_type='application/json',
                              charset='UTF-8')
    response.body = jsonutils.dump_as_bytes(body)
    return response


def empty_response(status=202):
    response = webob.Response(status=status)
    response.content_type = None
    return response


def bool_param(value):
    """Cinder's truthy strings: ``true``/``1``/``yes``/``on`` (any case)."""
    return str(value).strip().lower() in ('true', '1', 'yes', 'y', 'on', 't')
