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


#: The deepest nesting a body may have. Cinder's bodies nest four levels;
#: parsing, checking and validating recurse, and would fail deeper down.
MAX_DEPTH = 32


def json_body(req, schema):
    """The request's JSON body, validated against ``schema``.

    :raises UnsupportedMediaType: (415) not JSON.
    :raises MalformedRequestBody: (400) not parseable, or nested too deep.
    :raises InvalidInput: (400) a string no database column can store.
    :raises ValidationError: (400) Cinder's "Invalid input for field/attribute" message.
    """
    if req.body and req.content_type and req.content_type not in JSON_TYPES:
        raise exception.UnsupportedMediaType(content_type=req.content_type)
    try:
        body = jsonutils.loads(req.body) if req.body else {}
    except (ValueError, RecursionError):
        raise exception.MalformedRequestBody() from None
    check_values(body)
    validate(body, schema)
    return body


def check_values(value):
    """Refuse what no column stores and what nests too deep to check (iteratively).

    A NUL (PostgreSQL refuses it) and a lone surrogate such as ``"\\ud800"``
    (no UTF-8 encoding has it: every database driver fails on it) are a 400,
    not a 500. JSON keys are checked as values are.

    :raises InvalidInput: (400) a NUL character or a lone surrogate.
    :raises MalformedRequestBody: (400) nested deeper than :data:`MAX_DEPTH`.
    """
    pending = [(value, 0)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if '\x00' in value:
                raise exception.InvalidInput(reason='NUL characters are not allowed.')
            try:
                value.encode('utf-8')
            except UnicodeEncodeError:
                raise exception.InvalidInput(
                    reason='Strings must be valid Unicode: lone surrogates are not '
                           'allowed.') from None
        elif isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                raise exception.MalformedRequestBody()
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                pending.append((key, depth + 1))
                pending.append((item, depth + 1))


def refuse_nul_in_url(req):
    """:raises InvalidInput: (400) a NUL in the path or a query parameter."""
    check_values([req.path_info, *req.GET.keys(), *req.GET.values()])


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


def split_ids(value):
    """Cinder's comma-separated id lists (a trailing comma is fine)."""
    return [item.strip() for item in (value or '').split(',') if item.strip()]


def bool_param(value):
    """Cinder's truthy strings: ``true``/``1``/``yes``/``on`` (any case)."""
    return str(value).strip().lower() in ('true', '1', 'yes', 'y', 'on', 't')
