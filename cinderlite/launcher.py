"""Builds the services of a process and runs them until SIGTERM or SIGINT.

On a signal: stop taking work (HTTP first, then RPC), let what is in flight
finish, and exit 0.
"""

import signal
import threading

from oslo_log import log as logging

from cinderlite import policy
from cinderlite import rpc_service
from cinderlite.api import app as api_app
from cinderlite.db import engine as db_engine
from cinderlite.db import services as db_services
from cinderlite.scheduler import manager as scheduler_manager
from cinderlite.volume import manager as volume_manager
from cinderlite.wsgi import server as wsgi_server

LOG = logging.getLogger(__name__)


def build_api(conf, transport, host=None, port=None):
    policy.init(conf)
    return wsgi_server.WSGIServer(conf, api_app.loadapp(conf, transport), host, port)


def build_scheduler(conf, transport):
    manager = scheduler_manager.SchedulerManager(conf, transport)
    return rpc_service.RPCService(conf, transport, conf.host, db_services.SCHEDULER_BINARY,
                              conf.scheduler_topic, [manager])


class VolumeService:
    """One RPC service per enabled backend, each with its own manager and driver."""

    def __init__(self, conf, transport):
        self.managers = [volume_manager.VolumeManager(conf, backend)
                         for backend in conf.enabled_backends]
        self.services = [rpc_service.RPCService(conf, transport, m.service_host,
                                                db_services.VOLUME_BINARY,
                                            conf.volume_topic, [m],
                                            report=m.report_capabilities)
                         for m in self.managers]

    def start(self):
        for manager, svc in zip(self.managers, self.services):
            manager.init_host()
            svc.start()

    def stop(self):
        for svc in self.services:
            svc.stop()

    def wait(self):
        for manager, svc in zip(self.managers, self.services):
            svc.wait()
            manager.cleanup()


class Launcher:
    """Starts services in order and stops them in the reverse order on a signal."""

    def __init__(self, services):
        self.services = list(services)
        self._stop = threading.Event()

    def start(self):
        for svc in self.services:
            svc.start()

    def stop(self):
        for svc in reversed(self.services):
            svc.stop()
        for svc in reversed(self.services):
            svc.wait()
        db_engine.dispose()

    def run(self):
        """Serve until SIGTERM/SIGINT, then stop gracefully; returns the exit code."""
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        self.start()
        while not self._stop.wait(1):
            pass
        LOG.info('Stopping: finishing requests and messages in flight')
        self.stop()
        LOG.info('Stopped')
        return 0

    def _on_signal(self, signum, frame):
        self._stop.set()
