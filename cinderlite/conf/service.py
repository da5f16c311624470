"""Options naming this node and its message bus."""

import socket

from oslo_config import cfg

OPTS = [
    cfg.IntOpt('rpc_cast_retries', default=3, min=0,
               help='Times the API retries sending a message when the message bus '
                    'does not answer. When they run out the request fails with 503 '
                    'and what it had written is undone.'),
    cfg.StrOpt('host', default=socket.gethostname(), sample_default='<hostname>',
               help='Name of this node. Volume services are addressed as '
                    'host@backend; renaming a host strands the volumes it holds.'),
]

UPGRADE_OPTS = [
    cfg.StrOpt('volume',
               help='Highest RPC version the volume API sends, such as "1.0", while '
                    'some volume services are older. Unset: the newest.'),
    cfg.StrOpt('scheduler',
               help='Highest RPC version the scheduler API sends. Unset: the newest.'),
]


def register_opts(conf):
    conf.register_opts(OPTS)
    conf.register_opts(UPGRADE_OPTS, group='upgrade_levels')


def list_opts():
    return [('DEFAULT', OPTS), ('upgrade_levels', UPGRADE_OPTS)]
