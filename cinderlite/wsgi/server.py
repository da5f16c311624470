"""The API's HTTP server: cheroot, a production thread-pool WSGI server (no eventlet).

Why cheroot: it is CherryPy's maintained server, pure Python, serves each
request on a pool thread, and stops gracefully: stop() closes the listening
socket, then waits up to ``shutdown_timeout`` for requests in flight. Its
request parsing is made strict in :mod:`cinderlite.wsgi.strict_http`.
"""

import threading

from cheroot import wsgi as cheroot_wsgi
from oslo_log import log as logging

from cinderlite.wsgi import strict_http

LOG = logging.getLogger(__name__)


class WSGIServer:

    def __init__(self, conf, app, host=None, port=None):
        bind = (host or conf.osapi_volume_listen,
                conf.osapi_volume_listen_port if port is None else port)
        self._server = cheroot_wsgi.Server(
            bind, app, numthreads=conf.osapi_volume_threads,
            shutdown_timeout=conf.graceful_shutdown_timeout,
            server_name='cinderlite-api')
        self._server.ConnectionClass = strict_http.StrictConnection
        self._server.gateway = strict_http.StrictGateway
        self._thread = None

    @property
    def port(self):
        return self._server.bind_addr[1]

    @property
    def host(self):
        return self._server.bind_addr[0]

    def bind(self):
        """Take the listening socket now, so a taken port fails before anything else runs.

        :raises OSError: the address cannot be bound.
        """
        if not self._server.ready:
            self._server.prepare()

    def start(self):
        self.bind()
        self._thread = threading.Thread(target=self._server.serve, name='wsgi-server',
                                        daemon=True)
        self._thread.start()
        LOG.info('API listening on http://%(host)s:%(port)s/',
                 {'host': self.host, 'port': self.port})

    def stop(self):
        """Stop accepting connections; requests in flight finish before wait() returns."""
        self._server.stop()

    def wait(self):
        if self._thread is not None:
            self._thread.join()
