"""The one place exceptions become Cinder-shaped JSON errors, and the 500 wrapper.

Shape: ``{"<name>": {"code": <int>, "message": "<text>"}}``; names as API.md
section 7 (codes without a name are ``computeFault``).
"""

from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob
import webob.exc

from cinderlite import exception

LOG = logging.getLogger(__name__)

NAMES = {400: 'badRequest', 401: 'unauthorized', 403: 'forbidden', 404: 'itemNotFound',
         405: 'badMethod', 409: 'conflictingRequest', 413: 'overLimit',
         415: 'badMediaType', 501: 'notImplemented', 503: 'serviceUnavailable'}

SAFE_500 = ('The server has either erred or is incapable of performing the requested '
            'operation.')


def error_response(code, message, headers=None):
    """A JSON error response in Cinder's shape."""
    name = NAMES.get(code, 'computeFault')
    body = {name: {'code': code, 'message': message}}
    if code == 413:
        body[name]['retryAfter'] = (headers or {}).get('Retry-After', '0')
    response = webob.Response(status=code, content_type='application/json',
                              charset='UTF-8', body=jsonutils.dump_as_bytes(body))
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def from_exception(exc):
    """Render a domain exception (or a webob HTTP error) as a response."""
    if isinstance(exc, exception.CinderliteException):
        message = exc.msg
        if isinstance(exc, exception.OverQuota):
            message = '%s: %s' % (type(exc).__name__, exc.msg)
        return error_response(exc.code, message, exc.headers)
    if isinstance(exc, webob.exc.HTTPException):
        headers = {'Allow': exc.headers['Allow']} if 'Allow' in exc.headers else None
        return error_response(exc.code, exc.detail or exc.explanation, headers)
    raise TypeError('not an API error: %r' % exc)


class FaultWrapper:
    """Outermost guard: anything a layer below did not handle becomes a safe 500.

    Plain WSGI (no webob request and response around every request). The
    layers below are webob apps, which call ``start_response`` only once
    their response is complete, so a layer that raises has not started one.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            return self.application(environ, start_response)
        except (exception.CinderliteException, webob.exc.HTTPException) as e:
            return from_exception(e)(environ, start_response)
        except Exception:
            # The raw WSGI path: decoding it is one of the things that can fail.
            LOG.exception('Unexpected error serving %s %s%s', environ.get('REQUEST_METHOD'),
                          environ.get('SCRIPT_NAME', ''), environ.get('PATH_INFO', ''))
            return error_response(500, SAFE_500)(environ, start_response)

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls
