"""The access log: one INFO line per request, once its response is sent.

``GET /v3/p1/volumes 200 1234 bytes 0.012 s request req-... project p1``:
method, path (with the query), status, body bytes sent, seconds from the
request's arrival to its last byte, request id and project (``-`` before
authentication, e.g. a 401). The logger is ``cinderlite.api.access``, so a
``log_config_append`` file can send these lines elsewhere;
``[DEFAULT] access_log = false`` turns them off.
"""

import time

from oslo_log import log as logging
from oslo_middleware import request_id

from cinderlite.api import paste_conf
from cinderlite.api import wsgi

LOG = logging.getLogger('cinderlite.api.access')


class AccessLog:
    """Outermost middleware: it sees the final status, including faults and 401s."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        started = time.monotonic()
        # Inner layers move PATH_INFO (the /v3 prefix map): keep the path as sent.
        path = environ.get('SCRIPT_NAME', '') + environ.get('PATH_INFO', '')
        if environ.get('QUERY_STRING'):
            path += '?' + environ['QUERY_STRING']
        status = ['-']

        def recording_start_response(status_line, headers, exc_info=None):
            status[0] = status_line.split(' ', 1)[0]
            return start_response(status_line, headers, exc_info)

        body = self.application(environ, recording_start_response)
        return self._send(body, environ, path, status, started)

    def _send(self, body, environ, path, status, started):
        sent = 0
        try:
            for chunk in body:
                sent += len(chunk)
                yield chunk
        finally:
            close = getattr(body, 'close', None)
            if close is not None:
                close()
            context = environ.get(wsgi.CONTEXT_KEY)
            LOG.info('%(method)s %(path)s %(status)s %(bytes)d bytes %(seconds).3f s '
                     'request %(request_id)s project %(project)s',
                     {'method': environ.get('REQUEST_METHOD'), 'path': path,
                      'status': status[0], 'bytes': sent,
                      'seconds': time.monotonic() - started,
                      'request_id': environ.get(request_id.ENV_REQUEST_ID, '-'),
                      'project': getattr(context, 'project_id', None) or '-'})


def filter_factory(global_conf, **local_conf):
    """The access log, or nothing when ``[DEFAULT] access_log`` is false."""
    if not paste_conf.conf_from(global_conf).access_log:
        return lambda app: app
    return AccessLog
