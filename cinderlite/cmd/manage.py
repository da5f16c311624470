"""cinderlite-manage: ``db sync``, ``db version``, ``service list``."""

import sys

from oslo_config import cfg
from oslo_log import log as logging

from cinderlite import context as cl_context
from cinderlite import process
from cinderlite.cmd import common
from cinderlite.db import migration
from cinderlite.db import services as db_services

LOG = logging.getLogger(__name__)


def db_sync(conf):
    migration.upgrade()
    print('Database is at revision %s' % migration.current_version())


def db_version(conf):
    print(migration.current_version() or 'None')


def service_list(conf):
    rows = db_services.list_services(cl_context.get_admin_context())
    fmt = '%-22s %-30s %-6s %-9s %-6s %s'
    print(fmt % ('Binary', 'Host', 'Zone', 'Status', 'State', 'Updated At'))
    for svc in rows:
        state = ':-)' if db_services.is_up(svc, conf.service_down_time) else 'XXX'
        status = 'disabled' if svc.disabled else 'enabled'
        print(fmt % (svc.binary, svc.host, 'nova', status, state,
                     svc.heartbeat_at.isoformat() if svc.heartbeat_at else '-'))


COMMANDS = {'db': {'sync': db_sync, 'version': db_version},
            'service': {'list': service_list}}


def _add_parsers(subparsers):
    for category, actions in COMMANDS.items():
        parser = subparsers.add_parser(category)
        parser.add_argument('action', choices=sorted(actions))


def _register(conf):
    conf.register_cli_opt(cfg.SubCommandOpt('category', title='Commands',
                                            handler=_add_parsers))


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
    COMMANDS[conf.category.name][conf.category.action](conf)
    sys.exit(0)
