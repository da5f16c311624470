"""The life of a service process (api, scheduler, volume, all): start, serve, exit.

Signals are honoured from the first instant (see ``process``). The config
is checked, the message bus reached, the services built and run until a
signal. Any failure before they all serve is one ERROR line (with the
traceback only under --debug) and exit code 1.
"""

import time

from oslo_log import log as logging
import oslo_messaging as messaging

from cinderlite import conf as cl_conf
from cinderlite import launcher
from cinderlite import process
from cinderlite import rpc
from cinderlite.cmd import common
from cinderlite.cmd import preflight
from cinderlite.conf import opts as cl_opts

LOG = logging.getLogger(__name__)

#: Longest pause between two attempts to reach the message bus, in seconds.
MAX_PAUSE_SECONDS = 10


def serve(build, default_transport_url=None):
    """Run the services ``build(conf, transport)`` returns (in start order); the exit code."""
    signals = process.Signals().install()
    debug = common.debug_asked()
    failure = None
    try:
        conf = common.setup(extra_opts=rpc.register_opts)
        debug = conf.debug
        transport = open_transport(conf, default_transport_url)
        wait_for_message_bus(conf, transport)
        services = build(conf, transport)
        # build registered the options of each backend: check them too.
        preflight.check_option_values(conf)
        preflight.warn_unknown_options(conf, cl_opts.list_opts() + rpc.list_opts())
        code = launcher.Launcher(conf, services).run(signals)
    except process.StopRequested:
        LOG.info('Stopped before serving')
        code = 0
    except Exception as e:
        failure = e
        code = 1
    if failure is not None:
        # Logged outside the except block: oslo.log would add the exception
        # again at the end of the line.
        common.report_failure(failure, debug)
    # A library's thread that never ends must not keep the process alive.
    process.exit_deadline(process.EXIT_GRACE_SECONDS, code,
                          'Threads still running %d seconds after the services stopped'
                          % process.EXIT_GRACE_SECONDS)
    return code


def open_transport(conf, default_url=None):
    """The transport of ``transport_url``; a URL that cannot be used stops the start."""
    try:
        return rpc.get_transport(conf, default_url=default_url)
    except (messaging.InvalidTransportURL, messaging.DriverLoadFailure) as e:
        # Their message quotes the URL, password included: only its type is shown.
        raise process.StartupError('%s is not a message bus URL oslo.messaging can use '
                                    '(%s)' % (cl_conf.where(conf, 'transport_url'),
                                              type(e).__name__))


def wait_for_message_bus(conf, transport):
    """Return once the message bus takes a message; retry for ``rpc_startup_timeout``.

    :raises StartupError: the bus refused the login, or did not answer in time.
    """
    if rpc.is_fake(conf):
        return
    deadline = time.monotonic() + conf.rpc_startup_timeout
    attempt = 0
    while True:
        attempt += 1
        try:
            rpc.ping(transport)
            return
        except Exception as e:
            error = e
        if rpc.refused(error):
            raise process.StartupError('The message bus of %s refused the login or the '
                                        'virtual host: %s' % (
                                            cl_conf.where(conf, 'transport_url'),
                                            process.one_line(error)))
        left = deadline - time.monotonic()
        if left <= 0:
            raise process.StartupError(
                'Cannot reach the message bus of %s after %d attempts in %d seconds (%s): '
                '%s' % (cl_conf.where(conf, 'transport_url'), attempt,
                        conf.rpc_startup_timeout, cl_conf.where(conf, 'rpc_startup_timeout'),
                        process.one_line(error)))
        pause = min(2 ** (attempt - 1), MAX_PAUSE_SECONDS, left)
        LOG.warning('Cannot reach the message bus (attempt %(attempt)d, retrying in '
                    '%(pause).0f s, %(left).0f s left of rpc_startup_timeout): %(error)s',
                    {'attempt': attempt, 'pause': pause, 'left': left,
                     'error': process.one_line(error)})
        time.sleep(pause)
