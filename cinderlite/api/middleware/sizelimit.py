"""Reads each request body once, whole and bounded, before any other layer does.

The bound is oslo.middleware's sizelimit option, ``[oslo_middleware]
max_request_body_size`` (112 KiB by default, as in Cinder): a longer body is
a 413. A body the server cannot read whole (a broken chunked encoding, fewer
bytes than its ``Content-Length``) is a 400, and the connection is closed:
what follows on it cannot be trusted to start a request. oslo.middleware's
own filter answers in webob's text and reads chunked bodies lazily, inside
the handlers; this one answers in Cinder's shape, and the handlers below it
see a complete, seekable body.
"""

import webob.dec

from cinderlite.api import faults
from cinderlite.api import paste_conf


def _read(req, limit):
    """The body, at most ``limit`` + 1 bytes of it; None if it cannot be read whole."""
    length = req.content_length
    try:
        body = req.body_file_raw.read(limit + 1 if length is None else length)
    except (ValueError, OSError):
        # cheroot raises ValueError on bad chunk framing; a socket error or a
        # timeout means the body did not come.
        return None
    if length is not None and len(body) < length:
        return None
    return body


class BodySizeLimit:
    """413 above ``max_request_body_size``, 400 for a body that cannot be read whole."""

    def __init__(self, application, conf):
        self.application = application
        self.conf = conf

    def __call__(self, environ, start_response):
        """Plain WSGI: a request without a body (every GET) passes straight on.

        What webob's ``is_body_readable`` reads: no (or a zero)
        ``Content-Length`` and no flag saying the input ends by itself (a
        chunked body). Anything else goes through :meth:`_check`.
        """
        if environ.get('CONTENT_LENGTH') in (None, '', '0') and not environ.get(
                'wsgi.input_terminated', environ.get('webob.is_body_readable')):
            return self.application(environ, start_response)
        return self._check(environ, start_response)

    @webob.dec.wsgify
    def _check(self, req):
        limit = self.conf.oslo_middleware.max_request_body_size
        if (req.content_length or 0) > limit:
            return self._too_large(limit)
        if req.is_body_readable:
            body = _read(req, limit)
            if body is None:
                return faults.error_response(
                    400, 'The request body could not be read.', {'Connection': 'close'})
            if len(body) > limit:
                return self._too_large(limit)
            req.body = body
        return req.get_response(self.application)

    @staticmethod
    def _too_large(limit):
        return faults.error_response(
            413, 'Request is too large: the body is larger than %d bytes '
                 '(max_request_body_size).' % limit, {'Connection': 'close'})


def filter_factory(global_conf, **local_conf):
    conf = paste_conf.conf_from(global_conf)
    return lambda app: BodySizeLimit(app, conf)
