"""Default quota limits, used for every project without its own limits."""

from oslo_config import cfg

OPTS = [
    cfg.IntOpt('quota_volumes', default=10,
               help='Volumes a project may hold. -1 is unlimited.'),
    cfg.IntOpt('quota_snapshots', default=10,
               help='Snapshots a project may hold, cgsnapshot members included. '
                    '-1 is unlimited.'),
    cfg.IntOpt('quota_gigabytes', default=1000,
               help='Total GiB of volumes a project may hold. -1 is unlimited.'),
    cfg.IntOpt('quota_groups', default=10, deprecated_name='quota_consistencygroups',
               help='Groups a project may hold; a consistency group is one. '
                    '-1 is unlimited.'),
    cfg.IntOpt('quota_backups', default=10,
               help='Backups a project may hold, shown in quota sets as Cinder '
                    'shows it. cinderlite has no backup service: nothing consumes '
                    'it. -1 is unlimited.'),
    cfg.IntOpt('quota_backup_gigabytes', default=1000,
               help='Total GiB of backups a project may hold, shown as Cinder shows '
                    'it. cinderlite has no backup service: nothing consumes it. '
                    '-1 is unlimited.'),
    cfg.IntOpt('per_volume_size_limit', default=-1,
               help='Largest volume a project may create, in GiB (the '
                    '"per_volume_gigabytes" quota). -1 is unlimited.'),
]


def register_opts(conf):
    conf.register_opts(OPTS)


def list_opts():
    return [('DEFAULT', OPTS)]
