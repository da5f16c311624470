"""What a starting command checks first, each failure one line naming the option.

Option values, option names and the database (the message bus: see
``cmd.serve``): a mistake in any of them stops the start with a
:class:`process.StartupError` that says which option of which file to fix
(the traceback only with --debug).
"""

import os
import time

from oslo_config import cfg
from oslo_db import exception as db_exception
from oslo_log import log as logging
import sqlalchemy.exc

from cinderlite import conf as cl_conf
from cinderlite import process
from cinderlite.db import engine as db_engine
from cinderlite.db import migration

LOG = logging.getLogger(__name__)


def check_option_values(conf):
    """Read every registered option once, so a bad value stops the start now.

    oslo.config checks a value only when it is read, which could be hours
    later in a request; reading them all here turns that into one line now.

    :raises StartupError: naming the option and the file that sets it.
    """
    for group, name in _registered_options(conf):
        try:
            (conf[group] if group else conf)[name]
        except cfg.Error as e:
            reason = str(e).split(' is not valid: ', 1)[-1]
            raise process.StartupError('Invalid value for %s: %s' % (
                cl_conf.where(conf, name, group), reason))


def _registered_options(conf):
    """``(group or None, name)`` of every option registered on ``conf``."""
    for name in list(conf):
        try:
            value = conf[name]
        except cfg.Error:
            yield None, name
            continue
        if isinstance(value, cfg.ConfigOpts.GroupAttr):
            for option in list(value):
                yield name, option
        else:
            yield None, name


def warn_unknown_options(conf, opt_lists):
    """One WARNING for each option a config file sets that nothing reads (a typo?).

    ``opt_lists`` (``[(group, [Opt])]``, as oslo-config-generator takes) are
    the options cinderlite declares. Only their groups, and the sections of
    the enabled backends, are checked: a shared file may hold sections that
    another service reads, and keystonemiddleware registers its auth
    plugin's options only when it first authenticates.
    """
    registered = {group for group, _ in _registered_options(conf) if group}
    checked = ({group for group, _ in opt_lists} | set(conf.enabled_backends)) & (
        registered | {'DEFAULT'})
    known = _known_names(conf, opt_lists)
    for path, sections in cl_conf.parsed_files(conf):
        for section, names in sections.items():
            if section not in checked:
                continue
            group = None if section == 'DEFAULT' else section
            for name in names:
                if (group, name.replace('-', '_')) not in known:
                    LOG.warning('Unknown option [%(section)s] %(name)s in %(path)s: '
                                'cinderlite ignores it', {'section': section,
                                                          'name': name, 'path': path})


def _known_names(conf, opt_lists):
    known = set(_registered_options(conf))
    for group, opts in opt_lists:
        for opt in opts:
            for old in opt.deprecated_opts:
                old_group = old.group or group
                known.add((None if old_group == 'DEFAULT' else old_group,
                           (old.name or opt.dest).replace('-', '_')))
    return known


def database_option(conf):
    """The option an operator changes to move the database: connection, or state_path."""
    if conf.get_location('connection', 'database').location is cfg.Locations.set_default:
        return cl_conf.where(conf, 'state_path')
    return cl_conf.where(conf, 'connection', 'database')


def open_database(conf):
    """Configure the engine of ``[database] connection`` and connect once.

    A server that does not answer is retried ``[database] max_retries``
    times (-1: until a signal), ``retry_interval`` seconds apart, with one
    warning per attempt.

    :raises StartupError: naming the option, for every way opening can fail.
    """
    option = database_option(conf)
    try:
        _make_sqlite_dir(conf.database.connection)
    except OSError as e:
        raise process.StartupError('Cannot create the database folder of %s: %s' % (
            option, process.one_line(e)))
    try:
        db_engine.configure(conf)
    except ImportError as e:
        raise process.StartupError(
            '%s needs the Python module %s, which is not installed (install it, or '
            'name an installed driver in the URL, such as mysql+pymysql://)' % (
                option, e.name or process.one_line(e)))
    except sqlalchemy.exc.NoSuchModuleError as e:
        raise process.StartupError('%s names a database SQLAlchemy does not know: %s' % (
            option, process.one_line(e)))
    except sqlalchemy.exc.ArgumentError:
        # Its message quotes the URL, password included: not repeated here.
        raise process.StartupError('%s is not a database URL' % option)
    except db_exception.DBError as e:
        raise process.StartupError('Cannot open the database of %s: %s' % (
            option, process.one_line(e)))
    _connect(conf, option)


def _connect(conf, option):
    retries = conf.database.max_retries
    attempt = 0
    while True:
        attempt += 1
        try:
            db_engine.check_connection()
            return
        except db_exception.DBNonExistentDatabase:
            raise process.StartupError(
                'The database named in %s does not exist: create it, then run '
                '"cinderlite-manage db sync"' % option)
        except (db_exception.DBError, sqlalchemy.exc.DBAPIError) as e:
            # oslo.db leaves some refused connections untranslated (recent libpq).
            error = e
        if retries != -1 and attempt > retries:
            raise process.StartupError(
                'Cannot connect to the database of %s after %d attempts (%s, %s): %s' % (
                    option, attempt, cl_conf.where(conf, 'max_retries', 'database'),
                    cl_conf.where(conf, 'retry_interval', 'database'),
                    process.one_line(error)))
        LOG.warning('Cannot connect to the database (attempt %(attempt)d of %(total)s, '
                    'retrying in %(pause)d s): %(error)s',
                    {'attempt': attempt, 'total': retries + 1 if retries != -1 else 'no limit',
                     'pause': conf.database.retry_interval,
                     'error': process.one_line(error)})
        time.sleep(conf.database.retry_interval)


def _make_sqlite_dir(url):
    """A SQLite file's folder must exist before the first connection (first start)."""
    prefix = 'sqlite:///'
    if url.startswith(prefix) and len(url) > len(prefix):
        os.makedirs(os.path.dirname(url[len(prefix):]) or '.', exist_ok=True)


def check_schema(conf):
    """Refuse an empty database: the scale-out services never create the schema.

    A database at another revision is accepted: during a rolling upgrade
    older services run against a newer schema.
    """
    if migration.current_version() is None:
        raise process.StartupError(
            'The database of %s has no cinderlite tables: run "cinderlite-manage '
            'db sync" first' % database_option(conf))
