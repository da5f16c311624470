"""Refuses a request whose URL or headers cannot be read as text, before anything decodes them.

WSGI hands the path and query string over as undecoded bytes (PEP 3333's
latin-1 strings); webob, routes and the handlers decode them as UTF-8 and
would fail with a 500 on bytes such as ``%ff``. A header value with control
characters (a NUL, a bare CR or LF) is not valid HTTP and would reach the
database through the token. Each of these is a 400 in Cinder's shape here.
"""

import re
import urllib.parse

from cinderlite.api import faults

# RFC 9110 5.5: a field value holds visible characters, spaces and tabs.
_CONTROL = re.compile('[\x00-\x08\x0a-\x1f\x7f]')


def _utf8(wsgi_string):
    """The text a WSGI (latin-1) string stands for, percent-decoded.

    :raises UnicodeError: the bytes are not UTF-8.
    """
    return urllib.parse.unquote_to_bytes(wsgi_string.encode('latin-1')).decode('utf-8')


def problem(environ):
    """What makes the request unreadable, or None."""
    for key, what in (('SCRIPT_NAME', 'path'), ('PATH_INFO', 'path'),
                      ('QUERY_STRING', 'query string')):
        try:
            _utf8(environ.get(key, ''))
        except UnicodeError:
            return 'The request %s is not valid UTF-8.' % what
    for key, value in environ.items():
        if key.startswith('HTTP_') and _CONTROL.search(value):
            name = key[5:].replace('_', '-').title()
            return 'The %s header holds control characters.' % name
    return None


class WellFormed:
    """A 400 for a request that :func:`problem` finds unreadable; others pass.

    Plain WSGI, not ``webob.dec.wsgify``: a request that passes is handed on
    as it came, without a webob request and response made around it.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        reason = problem(environ)
        if reason is not None:
            return faults.error_response(400, reason)(environ, start_response)
        return self.application(environ, start_response)

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls
