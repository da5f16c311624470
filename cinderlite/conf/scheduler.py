"""Options of the scheduler and of service liveness."""

from oslo_config import cfg

OPTS = [
    cfg.IntOpt('service_down_time', default=60, min=1,
               help='Seconds after its last heartbeat that a service counts as down. '
                    'The scheduler places nothing on a down host and a clone whose '
                    'source lives there is refused.'),
    cfg.IntOpt('report_interval', default=10, min=1,
               help='Seconds between a service\'s heartbeats (and the volume '
                    'service\'s capacity reports). Keep it well below '
                    'service_down_time.'),
]


def register_opts(conf):
    conf.register_opts(OPTS)


def list_opts():
    return [('DEFAULT', OPTS)]
