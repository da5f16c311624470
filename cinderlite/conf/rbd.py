"""Options of an RBD (Ceph) backend, registered in its backend section; Cinder's names."""

from oslo_config import cfg

RBD_OPTS = [
    cfg.StrOpt('rbd_cluster_name', default='ceph',
               help='RBD driver: the name of the Ceph cluster; librados reads '
                    '/etc/ceph/<name>.conf when rbd_ceph_conf is not set.'),
    cfg.StrOpt('rbd_pool', default='rbd',
               help='RBD driver: the RADOS pool that holds the volume images. It must '
                    'exist and have the "rbd" application enabled.'),
    cfg.StrOpt('rbd_user',
               help='RBD driver: the cephx user the volume service connects as, without '
                    'the "client." prefix (librados finds its keyring through the '
                    '"keyring" option of the conf file). Unset means client.admin.'),
    cfg.StrOpt('rbd_ceph_conf', default='',
               help='RBD driver: path to the ceph.conf naming the monitors. Empty means '
                    'librados looks in its default places.'),
    cfg.StrOpt('rbd_secret_uuid',
               help='RBD driver: the UUID of the libvirt secret that holds rbd_user\'s '
                    'key on the compute hosts; handed to them in the connection info.'),
    cfg.BoolOpt('rbd_exclusive_cinder_pool', default=True,
                help='RBD driver: whether the pool holds only this service\'s volumes. '
                     'Then allocated_capacity_gb is the sizes of all images in the pool, '
                     'from one call; set it to False for a shared pool, and the driver '
                     'adds up the sizes of the images named by volume_name_template, one '
                     'image at a time.'),
    cfg.IntOpt('rbd_max_clone_depth', default=5, min=0,
               help='RBD driver: the longest chain of copy-on-write clones a new clone '
                    'may extend. A clone of a volume at this depth is flattened (its '
                    'data copied) at once; 0 flattens every clone. Long chains make '
                    'reads slower.'),
    cfg.BoolOpt('rbd_flatten_volume_from_snapshot', default=False,
                help='RBD driver: flatten a volume made from a snapshot, so that it does '
                     'not depend on the snapshot (the copy takes time and space).'),
    cfg.IntOpt('rados_connect_timeout', default=-1,
               help='RBD driver: seconds to wait for the cluster when connecting; a '
                    'negative value keeps librados\' default.'),
    cfg.IntOpt('rbd_group_copy_workers', default=8, min=1,
               help='RBD driver: images copied at once when a group is made from a group '
                    'snapshot and the cluster cannot clone copy-on-write from one (Ceph '
                    'before 19 "Squid").'),
    cfg.StrOpt('volume_name_template', default='volume-%s',
               help='RBD driver: the image name of a volume; %s is its id.'),
    cfg.StrOpt('snapshot_name_template', default='snapshot-%s',
               help='RBD driver: the RBD snapshot name of a snapshot; %s is its id.'),
]

