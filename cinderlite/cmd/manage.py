"""cinderlite-manage: operator commands on the database (``--help`` lists them)."""

import sys

from oslo_config import cfg
from oslo_log import log as logging

from cinderlite import context as cl_context
from cinderlite import exception
from cinderlite import process
from cinderlite.cmd import common
from cinderlite.db import backup
from cinderlite.db import migration
from cinderlite.db import services as db_services

LOG = logging.getLogger(__name__)

#: Loggers whose INFO lines are noise on a command's terminal; --debug shows them.
QUIET_LOGGERS = ('alembic=WARN',)


def db_sync(conf):
    """Create the schema, or upgrade it to this release's (run before the services)."""
    migration.upgrade()
    print('Database is at revision %s' % migration.current_version())


def db_version(conf):
    """Print the schema revision of the database ("None" when it is empty)."""
    print(migration.current_version() or 'None')


def db_backup(conf):
    """Copy the embedded SQLite database to PATH while the services run.

    The copy is consistent (as of one instant) even while cinderlite-all
    writes. PostgreSQL and MariaDB are backed up with their own tools.
    """
    pages = backup.backup_sqlite(conf.category.path)
    print('Backed up the database to %s (%d pages)' % (conf.category.path, pages))


def service_list(conf):
    """List every service with its host and whether it is up (:-)) or down (XXX)."""
    rows = db_services.list_services(cl_context.get_admin_context())
    fmt = '%-22s %-30s %-6s %-9s %-6s %s'
    print(fmt % ('Binary', 'Host', 'Zone', 'Status', 'State', 'Updated At'))
    for svc in rows:
        state = ':-)' if db_services.is_up(svc, conf.service_down_time) else 'XXX'
        status = 'disabled' if svc.disabled else 'enabled'
        print(fmt % (svc.binary, svc.host, 'nova', status, state,
                     svc.heartbeat_at.isoformat() if svc.heartbeat_at else '-'))


#: ``{category: (help, {action: (function, [(argument, help)])})}``
COMMANDS = {
    'db': ('The database: schema and backups.', {
        'sync': (db_sync, []),
        'version': (db_version, []),
        'backup': (db_backup, [('path', 'The new file to write the copy to.')]),
    }),
    'service': ('The services (api excepted) and their heartbeats.', {
        'list': (service_list, []),
    }),
}


def _add_parsers(subparsers):
    for category, (help_text, actions) in COMMANDS.items():
        parser = subparsers.add_parser(category, help=help_text, description=help_text)
        action_parsers = parser.add_subparsers(dest='action', title='Commands',
                                               metavar='<command>')
        action_parsers.required = True
        for action, (function, arguments) in actions.items():
            doc = function.__doc__
            action_parser = action_parsers.add_parser(
                action, help=doc.splitlines()[0], description=doc)
            for name, argument_help in arguments:
                action_parser.add_argument(name, help=argument_help)


def _register(conf):
    conf.register_cli_opt(cfg.SubCommandOpt('category', title='Commands',
                                            handler=_add_parsers))
    if not common.debug_asked():
        conf.set_default('default_log_levels',
                         logging.get_default_log_levels() + list(QUIET_LOGGERS))


def main():
    try:
        conf = common.setup(extra_opts=_register)
    except process.StartupError as e:
        failure = e
    else:
        failure = None
    if failure is not None:
        common.report_failure(failure, common.debug_asked())
        sys.exit(1)
    function = COMMANDS[conf.category.name][1][conf.category.action][0]
    try:
        function(conf)
    except exception.Invalid as e:
        print('%s' % e, file=sys.stderr)
        sys.exit(1)
    sys.exit(0)
