"""Options of the volume service and of its backends."""

from oslo_config import cfg

from cinderlite.conf import rbd

OPTS = [
    cfg.ListOpt('enabled_backends', default=['file'],
                help='Backends this volume service runs, each configured in a '
                     'section of its own name and served as host@name.'),
    cfg.IntOpt('clone_workers', default=4, min=1,
               help='Threads that clone volumes at once when a driver does not '
                    'clone a whole consistency group itself.'),
    cfg.IntOpt('progress_log_interval', default=5, min=1,
               help='Seconds between two INFO lines "<n> of <total> members done" '
                    'of a long group clone, cgsnapshot or group copy.'),
]

BACKEND_OPTS = [
    cfg.StrOpt('volume_driver', default='file',
               help='The driver of this backend: an entry point name of '
                    'cinderlite.volume.drivers (such as "file") or a dotted path '
                    'module.Class.'),
    cfg.StrOpt('volume_backend_name',
               help='Name volume types match with the extra spec '
                    'volume_backend_name. Defaults to the section name.'),
    cfg.StrOpt('volumes_dir',
               help='File driver: the directory of its volume files. Defaults to '
                    '$state_path/volumes/<backend>.'),
    cfg.FloatOpt('max_over_subscription_ratio', default=20.0, min=1.0,
                 help='How many times its usable capacity a thin-provisioning '
                      'backend may provision: with 20.0, volumes whose sizes add '
                      'up to 20 times the disk are accepted, because sparse '
                      'volumes use only what is written to them. When the sizes '
                      'of its volumes and snapshots reach this limit, volumes '
                      'that need more fail with "No valid host". 1.0 never '
                      'over-subscribes. Ignored by thick-provisioning backends.'),
    cfg.IntOpt('reserved_percentage', default=0, min=0, max=100,
               help='Percentage of the backend\'s total capacity kept out of '
                    'reach of new volumes (headroom for growth of the volumes '
                    'already there); it is taken off before '
                    'max_over_subscription_ratio is applied.'),
]


def register_opts(conf):
    conf.register_opts(OPTS)


def register_backend_opts(conf, backend):
    """Register the per-backend options in the section named ``backend``."""
    conf.register_opts(BACKEND_OPTS, group=backend)
    conf.register_opts(rbd.RBD_OPTS, group=backend)
    return conf[backend]


def list_opts():
    return [('DEFAULT', OPTS), ('file', BACKEND_OPTS), ('rbd', BACKEND_OPTS + rbd.RBD_OPTS)]
