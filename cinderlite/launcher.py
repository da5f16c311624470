"""Builds the services of a process and runs them until SIGTERM or SIGINT.

Once every part serves, a signal begins a graceful stop: stop taking work
(HTTP first, then RPC), let what is in flight finish, exit 0. A stop that
outlasts ``graceful_shutdown_timeout`` by :data:`STOP_GRACE_SECONDS` ends the
process at once (a signal before then: see ``process``).

A failure while any part starts stops the parts already started and the
process exits 1: it never goes on serving with one of its parts missing.
"""

from oslo_log import log as logging

from cinderlite import conf as cl_conf
from cinderlite import exception
from cinderlite import policy
from cinderlite import process
from cinderlite import rpc_service
from cinderlite.api import app as api_app
from cinderlite.db import engine as db_engine
from cinderlite.db import services as db_services
from cinderlite.scheduler import manager as scheduler_manager
from cinderlite.volume import manager as volume_manager
from cinderlite.wsgi import server as wsgi_server

LOG = logging.getLogger(__name__)

#: Seconds a stop may outlast graceful_shutdown_timeout before the process is ended.
STOP_GRACE_SECONDS = 10

def build_api(conf, transport, host=None, port=None):
    policy.init(conf)
    return wsgi_server.WSGIServer(conf, api_app.loadapp(conf, transport), host, port)


def build_scheduler(conf, transport):
    manager = scheduler_manager.SchedulerManager(conf, transport)
    return rpc_service.RPCService(conf, transport, conf.host, db_services.SCHEDULER_BINARY,
                              conf.scheduler_topic, [manager])


def _load_manager(conf, backend, transport):
    try:
        return volume_manager.VolumeManager(conf, backend, transport)
    except exception.DriverNotFound as e:
        raise process.StartupError('%s: %s' % (
            cl_conf.where(conf, 'volume_driver', backend), e))


class VolumeService:
    """One RPC service per enabled backend, each with its own manager and driver."""

    def __init__(self, conf, transport):
        self.managers = [_load_manager(conf, backend, transport)
                         for backend in conf.enabled_backends]
        self.services = [rpc_service.RPCService(conf, transport, m.service_host,
                                                db_services.VOLUME_BINARY,
                                            conf.volume_topic, [m],
                                            report=m.report_capabilities)
                         for m in self.managers]

    def start(self):
        for manager, svc in zip(self.managers, self.services):
            try:
                manager.init_host()
            except Exception as e:
                raise process.StartupError('Backend [%s] (%s) cannot start: %s' % (
                    manager.backend, manager.service_host, process.one_line(e))) from e
            svc.start()

    def stop(self):
        for svc in self.services:
            svc.stop()

    def wait(self):
        for manager, svc in zip(self.managers, self.services):
            svc.wait()
            manager.cleanup()


class Launcher:
    """Starts services in order and stops them in the reverse order on a signal.

    Listening sockets are taken first (a service with ``bind()``, the API),
    so that a port in use fails before a volume service resumes any work.
    Every service's ``stop()`` and ``wait()`` are safe after a failed or
    partial start, so what began to start is always stopped.
    """

    def __init__(self, conf, services):
        self.conf = conf
        self.services = list(services)
        self._started = []

    def start(self):
        for svc in self.services:
            if hasattr(svc, 'bind'):
                self._started.append(svc)
                self._bind(svc)
        for svc in self.services:
            if svc not in self._started:
                self._started.append(svc)
            svc.start()

    def _bind(self, api):
        try:
            api.bind()
        except OSError as e:
            raise process.StartupError('Cannot listen on %s:%s (%s, %s): %s' % (
                api.host, api.port, cl_conf.where(self.conf, 'osapi_volume_listen'),
                cl_conf.where(self.conf, 'osapi_volume_listen_port'), e.strerror or e))

    def stop(self):
        """Stop what started in the reverse order of ``services`` (a bound API too).

        What is in flight finishes before it returns. The order is that of
        the list, not of the binds: the API, listed last, stops taking
        requests first, and the volume service stops after the scheduler
        that sends it work.
        """
        started = [svc for svc in reversed(self.services) if svc in self._started]
        for svc in started:
            svc.stop()
        for svc in started:
            svc.wait()
        self._started = []
        db_engine.dispose()

    def run(self, signals):
        """Start, serve until ``signals`` says stop, stop; returns the exit code.

        :raises StartupError: a part failed to start (what started is stopped).
        :raises StopRequested: a signal arrived before every part started
            (what started is stopped).
        """
        try:
            self.start()
            signals.serving()
        except BaseException:
            self._stop_within_deadline('Start failed or interrupted; stopping what started')
            raise
        while not signals.received.wait(1):
            pass
        self._stop_within_deadline('Stopping: finishing requests and messages in flight')
        return 0

    def _stop_within_deadline(self, why):
        LOG.info(why)
        seconds = self.conf.graceful_shutdown_timeout + STOP_GRACE_SECONDS
        deadline = process.exit_deadline(seconds, 1,
                                         'Still stopping after %d seconds' % seconds)
        self.stop()
        deadline.cancel()
        LOG.info('Stopped')
