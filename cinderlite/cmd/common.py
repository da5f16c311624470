"""What every console script does first: parse config, set up logging, open the database."""

import logging as std_logging
import sys

from oslo_config import cfg
from oslo_log import log as logging

from cinderlite import conf as cl_conf
from cinderlite import process
from cinderlite.cmd import preflight

LOG = logging.getLogger(__name__)
EARLY_LOG_FORMAT = '%(asctime)s %(process)d %(levelname)s %(name)s [-] %(message)s'


def setup(argv=None, extra_opts=None):
    """A parsed ConfigOpts with logging and the database configured.

    :raises StartupError: a config file, an option value or the database
        is wrong; the message names the option and the file.
    """
    # Until oslo.log is set up from the config (which may be what is wrong),
    # a failure is logged in the same shape on stderr.
    std_logging.basicConfig(format=EARLY_LOG_FORMAT, level=std_logging.INFO)
    conf = cl_conf.new_conf()
    # Logs go to stderr, so that what a command prints on stdout is only its answer.
    conf.set_default('use_stderr', True)
    if extra_opts:
        extra_opts(conf)
    try:
        cl_conf.parse_args(conf, sys.argv[1:] if argv is None else argv)
    except cfg.Error as e:
        raise process.StartupError(process.one_line(e))
    preflight.check_option_values(conf)
    logging.setup(conf, 'cinderlite')
    preflight.open_database(conf)
    return conf


def debug_asked(argv=None):
    """--debug on the command line, for failures before the config is parsed."""
    return bool({'--debug', '-d'} & set(sys.argv[1:] if argv is None else argv))


def report_failure(error, debug):
    """One ERROR line for a failed start; the traceback too when ``debug``."""
    if isinstance(error, process.StartupError):
        message = str(error)
    else:
        message = 'Cannot start: %s' % process.one_line(error)
    LOG.error('%s', message, exc_info=(type(error), error, error.__traceback__)
              if debug else None)
