"""Options naming this node and its message bus."""

import socket

from oslo_config import cfg

OPTS = [
    cfg.IntOpt('rpc_cast_retries', default=3, min=0,
               help='Times the API retries sending a message when the message bus '
                    'does not answer. When they run out the request fails with 503 '
                    'and what it had written is undone.'),
    cfg.IntOpt('rpc_startup_timeout', default=60, min=0,
               help='Seconds a starting service keeps trying to reach the message '
                    'bus (transport_url) before it exits with an error naming this '
                    'option. Each failed attempt logs one warning. A login or virtual '
                    'host the bus refuses fails at once. The database has its own: '
                    '[database] max_retries and retry_interval.'),
    cfg.StrOpt('host', default=socket.gethostname(), sample_default='<hostname>',
               help='Name of this node. Volume services are addressed as '
                    'host@backend; renaming a host strands the volumes it holds.'),
    cfg.StrOpt('scheduler_topic', default='cinderlite-scheduler',
               help='Message queue the scheduler consumes. Every service of one '
                    'deployment must use the same value. RabbitMQ names queues '
                    'after the topic alone, whatever control_exchange is, so two '
                    'deployments that share a virtual host need different topics '
                    'or they take each other\'s messages; a virtual host per '
                    'deployment is the simpler way to keep them apart.'),
    cfg.StrOpt('volume_topic', default='cinderlite-volume',
               help='Message queue prefix of the volume services (each consumes '
                    '<volume_topic>.<host>@<backend>). The same value on every '
                    'service of one deployment; see scheduler_topic.'),
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
