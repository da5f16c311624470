"""The RBD driver: volumes are images in a Ceph pool, consistency groups are RBD groups.

Names follow Cinder's RBD driver, so operators' Ceph tooling finds them:
image ``volume-<id>``, snapshot ``snapshot-<id>`` (``volume_name_template``,
``snapshot_name_template``). A consistency group is the RBD group
``group-<id>``; a cgsnapshot is one RBD group snapshot ``cgsnapshot-<id>``
of it, which librbd takes with every member quiesced and locked: crash
consistent across the members, whoever writes to them.

Copies are copy-on-write clones (clone format 2) wherever Ceph allows:

* a clone of a volume clones a temporary snapshot, removed at once (clone v2
  keeps it in the trash namespace while the clone needs it); a source at
  ``rbd_max_clone_depth`` gets a flattened clone, as in Cinder;
* a volume from a snapshot clones it (flattened with
  ``rbd_flatten_volume_from_snapshot``);
* a group from a cgsnapshot, or from a live group through a temporary group
  snapshot, clones each member's group snapshot where librbd clones by
  snapshot id (Ceph 19 "Squid"). Pacific's librbd finds a clone's parent
  snapshot by name in the user namespace only, and group snapshots are in the
  group namespace: there each member is copied from its group snapshot by a
  pool of ``rbd_group_copy_workers`` threads. :meth:`RBDDriver.do_setup`
  probes which applies, logs it and reports it as ``group_snapshot_clone``.

A volume that still has clones cannot be removed: it goes to the RBD trash,
as Cinder's driver does, and leaves it when its last clone is deleted.
Every call removes what it created when it fails, and never writes to a
source image's data.
"""

import collections
from concurrent import futures
import contextlib
import json
import threading

from oslo_log import log as logging

from cinderlite import exception
from cinderlite.volume import driver
from cinderlite.volume.drivers import rbd_images

try:  # the bindings come with Ceph (Debian: python3-rados, python3-rbd), not from PyPI
    import rados
    import rbd
except ImportError:
    rados = rbd = None

LOG = logging.getLogger(__name__)
#: librados' and librbd's errors (none without the bindings: connect() says what is missing).
_CEPH_ERRORS = (rados.Error, rbd.Error) if rados is not None else ()

GiB = 1024 ** 3
GROUP_NAME = 'group-%s'
CGSNAPSHOT_NAME = 'cgsnapshot-%s'
#: The temporary group snapshot a clone of a live group is made from (the new group's id).
CLONE_POINT_NAME = 'clone-%s'
COW = 'copy-on-write'
COPY = 'copy'
#: Ceph releases by the name ``osd dump`` gives ``require_min_compat_client``.
RELEASES = ('argonaut', 'bobtail', 'cuttlefish', 'dumpling', 'emperor', 'firefly', 'giant',
            'hammer', 'infernalis', 'jewel', 'kraken', 'luminous', 'mimic', 'nautilus',
            'octopus', 'pacific', 'quincy', 'reef', 'squid', 'tentacle')


def _backend_errors(what):
    """Turn librados/librbd errors of the wrapped call into VolumeBackendAPIException."""
    def decorate(function):
        def wrapper(self, *args, **kwargs):
            try:
                return function(self, *args, **kwargs)
            except _CEPH_ERRORS as e:
                raise exception.VolumeBackendAPIException(
                    data='Ceph failed to %s: %s' % (what, e)) from e
        wrapper.__name__ = function.__name__
        wrapper.__doc__ = function.__doc__
        return wrapper
    return decorate


def _require_consistent(group):
    """NotImplementedError for a group whose type does not ask for consistent snapshots."""
    if not driver.is_group_a_cg_snapshot_type(group or {}):
        raise NotImplementedError()


class RBDDriver(driver.VolumeDriver):
    """Volumes in the Ceph pool ``rbd_pool``; groups and group snapshots as RBD groups."""

    VERSION = '1.0.0'

    def __init__(self, conf, backend_conf, backend):
        super().__init__(conf, backend_conf, backend)
        self.group_clone = None
        self._stats = None
        # Group snapshots of one group, taken or removed at once, make librbd
        # answer ImageBusy: this service does them one after the other.
        self._group_locks = collections.defaultdict(threading.Lock)
        self._group_locks_guard = threading.Lock()

    # -- names ------------------------------------------------------------------

    def group_lock(self, group_name):
        """The lock this service holds while it changes the snapshots of ``group_name``."""
        with self._group_locks_guard:
            return self._group_locks[group_name]

    def volume_name(self, volume_id):
        return self.backend_conf.volume_name_template % volume_id

    def _is_volume_name(self, name):
        """Whether image ``name`` fits ``volume_name_template`` (``volume-%s``)."""
        prefix, _, suffix = self.backend_conf.volume_name_template.partition('%s')
        return (len(name) > len(prefix) + len(suffix) and name.startswith(prefix)
                and name.endswith(suffix))

    def snapshot_name(self, snapshot_id):
        return self.backend_conf.snapshot_name_template % snapshot_id

    # -- life cycle ---------------------------------------------------------------

    @contextlib.contextmanager
    def connect(self):
        """A connection to the cluster and an I/O context on ``rbd_pool``, for one call."""
        if rados is None:
            raise exception.VolumeDriverException(
                message='the Python rados and rbd modules are not installed (Debian: '
                        'python3-rados python3-rbd)')
        conf = self.backend_conf
        cluster = rados.Rados(rados_id=conf.rbd_user, clustername=conf.rbd_cluster_name,
                              conffile=conf.rbd_ceph_conf)
        try:
            if conf.rados_connect_timeout >= 0:
                cluster.connect(timeout=conf.rados_connect_timeout)
            else:
                cluster.connect()
            with cluster.open_ioctx(conf.rbd_pool) as ioctx:
                yield cluster, ioctx
        finally:
            cluster.shutdown()

    @_backend_errors('reach the cluster')
    def do_setup(self, context):
        with self.connect() as (cluster, ioctx):
            cow = rbd_images.can_clone_by_snapshot_id(ioctx)
        self.group_clone = COW if cow else COPY
        LOG.info('Backend %(backend)s (pool %(pool)s): groups are cloned from group '
                 'snapshots by %(how)s%(why)s',
                 {'backend': self.backend, 'pool': self.backend_conf.rbd_pool,
                  'how': self.group_clone,
                  'why': '' if cow else ' (librbd cannot clone by snapshot id before '
                                        'Ceph 19)'})

    @_backend_errors('check the cluster')
    def check_for_setup_error(self):
        with self.connect() as (cluster, ioctx):
            ret, out, err = cluster.mon_command(
                json.dumps({'prefix': 'osd dump', 'format': 'json'}), b'')
        if ret != 0:
            raise exception.VolumeDriverException(message='osd dump failed: %s' % err)
        release = json.loads(out).get('require_min_compat_client', '')
        if release not in RELEASES or RELEASES.index(release) < RELEASES.index('mimic'):
            raise exception.VolumeDriverException(
                message='clones need clone format 2: run "ceph osd '
                        'set-require-min-compat-client mimic" (it is %s)' % release)

    @_backend_errors('read the pool statistics')
    def get_volume_stats(self, refresh=False):
        if refresh or self._stats is None:
            self._stats = self._read_stats()
        return dict(self._stats)

    def _read_stats(self):
        pool = self.backend_conf.rbd_pool
        with self.connect() as (cluster, ioctx):
            ret, out, err = cluster.mon_command(json.dumps({'prefix': 'df', 'format': 'json'}),
                                                b'')
            if ret != 0:
                raise exception.VolumeBackendAPIException(data='ceph df failed: %s' % err)
            pools = {p['name']: p['stats'] for p in json.loads(out)['pools']}
            if pool not in pools:  # the pool statistics come from a ceph-mgr
                raise exception.VolumeBackendAPIException(
                    data='ceph df shows no pool %s: is a ceph-mgr running?' % pool)
            ret, out, err = cluster.mon_command(json.dumps(
                {'prefix': 'osd pool get-quota', 'pool': pool, 'format': 'json'}), b'')
            quota = json.loads(out).get('quota_max_bytes', 0) if ret == 0 else 0
            # Every image's size, the trashed ones' too (they hold data still):
            # the pool may be shared, so this counts more than this backend's.
            pool_stats = rbd.RBD().pool_stats_get(ioctx)
            provisioned = (pool_stats['image_max_provisioned_bytes']
                           + pool_stats['trash_max_provisioned_bytes'])
            # The volumes: not the trashed images, whose volumes are deleted.
            if self.backend_conf.rbd_exclusive_cinder_pool:
                allocated = pool_stats['image_max_provisioned_bytes']
            else:
                allocated = rbd_images.sizes_of(ioctx, self._is_volume_name)
        used = pools[pool]['bytes_used']
        total = used + pools[pool]['max_avail']
        if quota:
            total = min(total, quota)
        free = max(total - used, 0)
        return {'volume_backend_name': self.backend_name, 'vendor_name': 'Open Source',
                'driver_version': self.VERSION, 'storage_protocol': 'ceph',
                'total_capacity_gb': round(total / GiB, 2),
                'free_capacity_gb': round(free / GiB, 2),
                'provisioned_capacity_gb': round(provisioned / GiB, 2),
                'allocated_capacity_gb': round(allocated / GiB, 2),
                'thin_provisioning_support': True,
                'thick_provisioning_support': False,
                'consistencygroup_support': True,
                'consistent_group_snapshot_enabled': True,
                'group_snapshot_clone': self.group_clone}

    # -- volumes ------------------------------------------------------------------

    @_backend_errors('create a volume')
    def create_volume(self, volume):
        name = self.volume_name(volume.id)
        with self.connect() as (cluster, ioctx):
            rbd_images.undo(ioctx, [name], None)  # an earlier attempt's, cut off by a crash
            rbd.RBD().create(ioctx, name, volume.size * GiB, old_format=False)
            self._finish(ioctx, name, volume, None)

    @_backend_errors('delete a volume')
    def delete_volume(self, volume):
        name = self.volume_name(volume.id)
        with self.connect() as (cluster, ioctx):
            try:
                with rbd.Image(ioctx, name) as image:
                    kept = [s['name'] for s in image.list_snaps()
                            if s.get('namespace') != rbd.RBD_SNAP_NAMESPACE_TYPE_TRASH]
                    if kept:
                        raise exception.VolumeDriverException(
                            message='volume %s still has snapshots %s'
                                    % (volume.id, ', '.join(kept)))
                    rbd_images.leave_group(ioctx, image)
                    parent = rbd_images.parent_of(image)
            except rbd.ImageNotFound:
                LOG.info('Image %s was already gone', name)
                return
            try:
                rbd.RBD().remove(ioctx, name)
            except (rbd.ImageHasSnapshots, rbd.ImageBusy):
                # Clones still read from it. Cinder's answer: the trash, which
                # it leaves when its last clone goes (purge_trashed_parents).
                rbd.RBD().trash_move(ioctx, name, 0)
                LOG.info('Image %s has clones: moved to the trash', name)
                return
            rbd_images.purge_trashed_parents(cluster, parent)

    def retype(self, context, volume, new_type, diff, host):
        """Nothing to change on the image: as Cinder's RBD driver, the retype is done."""
        return True

    @_backend_errors('extend a volume')
    def extend_volume(self, volume, new_size):
        with self.connect() as (cluster, ioctx):
            with rbd.Image(ioctx, self.volume_name(volume.id)) as image:
                image.resize(new_size * GiB)

    @_backend_errors('clone a volume')
    def create_cloned_volume(self, volume, src_vref):
        source = self.volume_name(src_vref.id)
        name = self.volume_name(volume.id)
        snap = '%s.clone_snap' % name
        with self.connect() as (cluster, ioctx):
            rbd_images.undo(ioctx, [name], None)  # an earlier attempt's, cut off by a crash
            depth = rbd_images.clone_depth(cluster, ioctx, source)
            with rbd.Image(ioctx, source) as image:
                if any(s['name'] == snap for s in image.list_snaps()):
                    rbd_images.when_not_busy(image.remove_snap, snap)
                rbd_images.when_not_busy(image.create_snap, snap)
                try:
                    rbd.RBD().clone(ioctx, source, snap, ioctx, name)
                finally:
                    # Clone format 2: the snapshot stays, in the trash namespace,
                    # only as long as the clone depends on it.
                    rbd_images.when_not_busy(image.remove_snap, snap)
            flatten = depth >= self.backend_conf.rbd_max_clone_depth
            self._finish(ioctx, name, volume, flatten)
        LOG.info('Cloned %(src)s to %(dst)s%(flat)s',
                 {'src': source, 'dst': name, 'flat': ' (flattened)' if flatten else ''})

    # -- connections ------------------------------------------------------------------

    @_backend_errors('read the monitor map')
    def initialize_connection(self, volume, connector):
        """Cinder's ``rbd`` connection info: librbd on the host reaches the image itself.

        Nothing is exported (create_export, remove_export and
        terminate_connection keep the base class's defaults): the host's
        os-brick (or libvirt, with the key in the secret ``rbd_secret_uuid``)
        connects to the monitors as ``rbd_user``. RBD images take discards.
        """
        conf = self.backend_conf
        with self.connect() as (cluster, ioctx):
            hosts, ports = rbd_images.monitor_addresses(cluster)
        return {'driver_volume_type': 'rbd',
                'data': {'name': '%s/%s' % (conf.rbd_pool, self.volume_name(volume.id)),
                         'hosts': hosts, 'ports': ports,
                         'cluster_name': conf.rbd_cluster_name,
                         'auth_enabled': conf.rbd_user is not None,
                         'auth_username': conf.rbd_user,
                         'secret_type': 'ceph', 'secret_uuid': conf.rbd_secret_uuid,
                         'volume_id': volume.id, 'discard': True}}

    # -- snapshots ------------------------------------------------------------------

    @_backend_errors('create a snapshot')
    def create_snapshot(self, snapshot):
        with self.connect() as (cluster, ioctx):
            with rbd.Image(ioctx, self.volume_name(snapshot.volume_id)) as image:
                rbd_images.when_not_busy(image.create_snap, self.snapshot_name(snapshot.id))

    @_backend_errors('delete a snapshot')
    def delete_snapshot(self, snapshot):
        # A member of an RBD group snapshot has no snapshot of its own (its
        # share goes with delete_cgsnapshot) and is "already gone" here; a
        # member of a group snapshot of a group that is not consistent is an
        # ordinary snapshot.
        with self.connect() as (cluster, ioctx):
            try:
                with rbd.Image(ioctx, self.volume_name(snapshot.volume_id)) as image:
                    # With clones, clone format 2 keeps it in the trash namespace
                    # until the last of them goes.
                    rbd_images.when_not_busy(image.remove_snap,
                                             self.snapshot_name(snapshot.id))
            except rbd.ImageNotFound:
                LOG.info('Snapshot %s was already gone', snapshot.id)

    @_backend_errors('revert a volume to a snapshot')
    def revert_to_snapshot(self, context, volume, snapshot):
        """``rbd snap rollback``: the image's data becomes the snapshot's, in place."""
        if snapshot.cgsnapshot_id:
            # Its data is a group snapshot's, in the group namespace: no rollback by name.
            raise exception.VolumeDriverException(
                message='snapshot %s is part of a group snapshot, which RBD cannot roll a '
                        'single volume back to' % snapshot.id)
        with self.connect() as (cluster, ioctx):
            with rbd.Image(ioctx, self.volume_name(volume.id)) as image:
                rbd_images.when_not_busy(image.rollback_to_snap,
                                         self.snapshot_name(snapshot.id))

    @_backend_errors('create a volume from a snapshot')
    def create_volume_from_snapshot(self, volume, snapshot):
        source = self.volume_name(snapshot.volume_id)
        name = self.volume_name(volume.id)
        with self.connect() as (cluster, ioctx):
            rbd_images.undo(ioctx, [name], None)  # an earlier attempt's, cut off by a crash
            if snapshot.cgsnapshot_id and not rbd_images.has_user_snapshot(
                    ioctx, source, self.snapshot_name(snapshot.id)):
                self._from_group_snapshot(cluster, ioctx, source,
                                          CGSNAPSHOT_NAME % snapshot.cgsnapshot_id, volume)
                flatten = None
            else:
                rbd.RBD().clone(ioctx, source, self.snapshot_name(snapshot.id), ioctx, name)
                flatten = (self.backend_conf.rbd_flatten_volume_from_snapshot
                           or rbd_images.clone_depth(cluster, ioctx, source)
                           >= self.backend_conf.rbd_max_clone_depth)
            self._finish(ioctx, name, volume, flatten)

    # -- consistency groups ------------------------------------------------------------

    @_backend_errors('create a group')
    def create_consistencygroup(self, context, group):
        with self.connect() as (cluster, ioctx):
            rbd_images.ensure_group(ioctx, GROUP_NAME % group.id)
        return {'status': 'available'}

    @_backend_errors('delete a group')
    def delete_consistencygroup(self, context, group, volumes):
        with self.connect() as (cluster, ioctx):
            rbd_images.remove_group(ioctx, GROUP_NAME % group.id)
        updates = []
        for volume in volumes:
            try:
                self.delete_volume(volume)
                updates.append({'id': volume.id, 'status': 'deleted'})
            except exception.VolumeDriverException:
                LOG.exception('Deleting volume %s of group %s failed', volume.id, group.id)
                updates.append({'id': volume.id, 'status': 'error_deleting'})
        return None, updates

    @_backend_errors('update a group')
    def update_consistencygroup(self, context, group, add_volumes=None,
                                remove_volumes=None):
        with self.connect() as (cluster, ioctx):
            rbd_images.change_members(
                ioctx, GROUP_NAME % group.id,
                [self.volume_name(v.id) for v in add_volumes or ()],
                [self.volume_name(v.id) for v in remove_volumes or ()])
        return None, None, None

    @_backend_errors('create a group snapshot')
    def create_cgsnapshot(self, context, cgsnapshot, snapshots):
        group_name = GROUP_NAME % cgsnapshot.consistencygroup_id
        with self.connect() as (cluster, ioctx), self.group_lock(group_name):
            self._join_group(ioctx, group_name, [s.volume_id for s in snapshots])
            rbd_images.create_group_snap(rbd.Group(ioctx, group_name),
                                         CGSNAPSHOT_NAME % cgsnapshot.id)
        return ({'status': 'available'},
                [{'id': s.id, 'status': 'available'} for s in snapshots])

    @_backend_errors('delete a group snapshot')
    def delete_cgsnapshot(self, context, cgsnapshot, snapshots):
        group_name = GROUP_NAME % cgsnapshot.consistencygroup_id
        with self.connect() as (cluster, ioctx), self.group_lock(group_name):
            try:
                group = rbd.Group(ioctx, group_name)
            except (rbd.ObjectNotFound, rbd.ImageNotFound):
                LOG.info('The group of cgsnapshot %s was already gone', cgsnapshot.id)
            else:
                rbd_images.remove_group_snap(group, CGSNAPSHOT_NAME % cgsnapshot.id)
        return None, [{'id': s.id, 'status': 'deleted'} for s in snapshots]

    @_backend_errors('create a group from a source')
    def create_consistencygroup_from_src(self, context, group, volumes,
                                         cgsnapshot=None, snapshots=None,
                                         src_group=None, src_volumes=None):
        with self.connect() as (cluster, ioctx):
            if cgsnapshot is not None:
                sources = [self.volume_name(s.volume_id) for s in snapshots]
                self._group_from_snapshot(cluster, ioctx, group, volumes, sources,
                                          CGSNAPSHOT_NAME % cgsnapshot.id)
            else:
                self._group_from_group(cluster, ioctx, group, volumes, src_group,
                                       src_volumes)
        return ({'status': 'available'},
                [{'id': v.id, 'status': 'available'} for v in volumes])

    # -- generic volume groups ---------------------------------------------------------
    #
    # A group whose type asks for consistent snapshots is an RBD group, as a
    # consistency group is. For any other type these raise NotImplementedError,
    # as Cinder's drivers do: the manager keeps its membership in the database,
    # and its group snapshots are user snapshots ``snapshot-<id>`` taken one by
    # one, which volumes clone copy-on-write even on Pacific.

    def create_group(self, context, group):
        _require_consistent(group)
        return self.create_consistencygroup(context, group)

    def delete_group(self, context, group, volumes):
        _require_consistent(group)
        return self.delete_consistencygroup(context, group, volumes)

    def update_group(self, context, group, add_volumes=None, remove_volumes=None):
        _require_consistent(group)
        return self.update_consistencygroup(context, group, add_volumes, remove_volumes)

    def create_group_snapshot(self, context, group_snapshot, snapshots):
        _require_consistent(group_snapshot.get('group'))
        return self.create_cgsnapshot(context, group_snapshot, snapshots)

    def delete_group_snapshot(self, context, group_snapshot, snapshots):
        _require_consistent(group_snapshot.get('group'))
        return self.delete_cgsnapshot(context, group_snapshot, snapshots)

    def create_group_from_src(self, context, group, volumes, group_snapshot=None,
                              snapshots=None, source_group=None, source_vols=None):
        _require_consistent(group)
        return self.create_consistencygroup_from_src(
            context, group, volumes, cgsnapshot=group_snapshot, snapshots=snapshots,
            src_group=source_group, src_volumes=source_vols)

    # -- helpers ----------------------------------------------------------------------

    def _group_from_group(self, cluster, ioctx, group, volumes, src_group, src_volumes):
        """Clone a live group through a temporary group snapshot: one consistent cut."""
        src_name = GROUP_NAME % src_group.id
        src = rbd.Group(ioctx, src_name)
        point = CLONE_POINT_NAME % group.id
        with self.group_lock(src_name):
            self._join_group(ioctx, src_name, [v.id for v in src_volumes])
            rbd_images.remove_group_snap(src, point)  # an earlier attempt's, cut off by a crash
            rbd_images.create_group_snap(src, point)
        try:
            self._group_from_snapshot(cluster, ioctx, group, volumes,
                                      [self.volume_name(v.id) for v in src_volumes], point)
        finally:
            with self.group_lock(src_name):
                rbd_images.remove_group_snap(src, point)

    def _group_from_snapshot(self, cluster, ioctx, group, volumes, sources, snap_name):
        """Make each of ``volumes`` from its source's share of group snapshot ``snap_name``.

        Creates the RBD group of ``group`` with them as members. The names are
        this clone's own: whatever an earlier attempt left under them goes
        first, and on failure the images and the group go again.
        """
        group_name = GROUP_NAME % group.id
        names = [self.volume_name(v.id) for v in volumes]
        rbd_images.undo(ioctx, names, group_name)
        workers = min(self.backend_conf.rbd_group_copy_workers, len(volumes)) or 1
        try:
            rbd.RBD().group_create(ioctx, group_name)
            with futures.ThreadPoolExecutor(workers, thread_name_prefix='rbd-copy') as pool:
                jobs = [pool.submit(self._from_group_snapshot, cluster, ioctx, source,
                                    snap_name, volume)
                        for volume, source in zip(volumes, sources)]
                for job in jobs:
                    job.result()
            group_images = rbd.Group(ioctx, group_name)
            for name in names:  # new images: in no group yet
                group_images.add_image(ioctx, name)
        except BaseException:
            rbd_images.undo(ioctx, names, group_name)
            raise
        LOG.info('Made %(count)d volumes of group %(group)s from group snapshot %(snap)s '
                 'by %(how)s', {'count': len(volumes), 'group': group.id, 'snap': snap_name,
                                'how': self.group_clone})

    def _from_group_snapshot(self, cluster, ioctx, source, snap_name, volume):
        """Make ``volume``'s image from ``source``'s share of group snapshot ``snap_name``."""
        name = self.volume_name(volume.id)
        with rbd.Image(ioctx, source, read_only=True) as image:
            snap_id = rbd_images.group_snapshot_id(image, snap_name)
            image.set_snap_by_id(snap_id)
            flatten = False
            if self.group_clone == COW:
                rbd.RBD().clone(ioctx, source, snap_id, ioctx, name)
                depth = rbd_images.clone_depth(cluster, ioctx, source)
                flatten = depth >= self.backend_conf.rbd_max_clone_depth
            else:
                image.copy(ioctx, name)
            grow = image.size() < volume.size * GiB
        if flatten or grow:
            with rbd.Image(ioctx, name) as made:
                if flatten:
                    made.flatten()
                if grow:
                    made.resize(volume.size * GiB)

    def _join_group(self, ioctx, group_name, volume_ids):
        rbd_images.change_members(ioctx, group_name, [self.volume_name(i) for i in volume_ids],
                                  ())

    def _finish(self, ioctx, name, volume, flatten):
        """Flatten, grow to ``volume.size``, join the volume's RBD group; remove it on failure."""
        try:
            with rbd.Image(ioctx, name) as image:
                if flatten:
                    image.flatten()
                if image.size() < volume.size * GiB:
                    image.resize(volume.size * GiB)
            if volume.consistencygroup_id:
                # Only a consistent group has an RBD group (create_group).
                rbd_images.join_existing_group(ioctx, GROUP_NAME % volume.consistencygroup_id,
                                               name)
        except BaseException:
            rbd_images.undo(ioctx, [name], None)
            raise
