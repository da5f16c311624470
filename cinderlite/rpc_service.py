"""Threaded RPC services: start, heartbeat into ``services``, stop gracefully."""

import threading

from oslo_log import log as logging

from cinderlite import context as cl_context
from cinderlite import log_levels
from cinderlite import rpc
from cinderlite.db import services as db_services

LOG = logging.getLogger(__name__)


class RPCService:
    """One RPC server plus a heartbeat thread.

    ``report`` (optional) returns the capabilities stored with each heartbeat,
    which is how a volume service tells the scheduler its free capacity.
    """

    def __init__(self, conf, transport, host, binary, topic, endpoints, report=None):
        self.conf = conf
        self.host = host
        self.binary = binary
        self.topic = topic
        self._report = report
        # Every service also answers set-log and get-log (3.32).
        self._server = rpc.get_server(transport, topic, host,
                                      list(endpoints) + [log_levels.LogLevelEndpoint()])
        self._stopping = threading.Event()
        self._started = False
        self._heartbeat_thread = threading.Thread(
            target=self._heartbeat_loop, name='heartbeat-%s' % host, daemon=True)

    def start(self):
        self.heartbeat()
        self._server.start()
        self._started = True
        self._heartbeat_thread.start()
        LOG.info('Started %(binary)s on %(host)s', {'binary': self.binary,
                                                    'host': self.host})

    def heartbeat(self):
        capabilities = self._report() if self._report else None
        db_services.heartbeat(cl_context.get_admin_context(), self.host, self.binary,
                              self.topic, capabilities)

    def _heartbeat_loop(self):
        while not self._stopping.wait(self.conf.report_interval):
            try:
                self.heartbeat()
            except Exception:
                # A database blip must not kill the service; the next beat retries.
                LOG.exception('Heartbeat of %s failed', self.host)

    def stop(self):
        """Stop taking new messages; those in flight go on until wait().

        Safe on a service whose start failed: there is nothing to stop.
        """
        self._stopping.set()
        if self._started:
            self._server.stop()

    def wait(self):
        if not self._started:
            return
        self._server.wait()
        LOG.info('Stopped %(binary)s on %(host)s', {'binary': self.binary,
                                                    'host': self.host})
