"""The file driver: each volume is a sparse file under ``state_path``.

Copies (snapshots, clones) are reflinks (the FICLONE ioctl: instant,
copy-on-write, atomic per file) where the filesystem supports them, and a
sparse-aware copy (``SEEK_DATA``/``SEEK_HOLE`` plus ``copy_file_range``)
elsewhere, so a copy's bytes are really its source's bytes.

Consistency across several volumes (group snapshots, clones of a live
group), as :mod:`backing` grades it:

* Where the volume directory is a btrfs subvolume, one read-only snapshot
  of it is the cut: every member as of one instant, whoever writes them
  (an attached guest, any process). The members are reflinked out of it,
  and it is deleted.
* Everywhere, the data path to a volume file is :func:`volume_io`, which
  holds a *shared* ``flock`` on the file for each write. A group copy takes
  an *exclusive* ``flock`` on every member, in id order so two group copies
  cannot deadlock, then takes every copy point (or the btrfs snapshot),
  then releases them all. Writers that use the lock are fenced for that
  moment only, so the copies show every member as of one instant: crash
  consistent, as a power cut would leave them. Without a btrfs subvolume,
  that is all a writer that ignores the lock gets across members; on its
  own file, a reflink is still one atomic copy.
"""

import contextlib
import errno
import fcntl
import os
import time
import uuid

from oslo_log import log as logging

from cinderlite import exception
from cinderlite.volume import driver
from cinderlite.volume.drivers import backing as backing_fs
from cinderlite.volume.drivers import btrfs
from cinderlite.volume.drivers import progress

LOG = logging.getLogger(__name__)

GiB = 1024 ** 3
FICLONE = backing_fs.FICLONE
NO_REFLINK_ERRNOS = backing_fs.NO_REFLINK_ERRNOS
reflinks_supported = backing_fs.reflinks_supported
#: The name of a group cut (a btrfs snapshot) inside the volume directory.
CUT_PREFIX = '.cut-'
#: What the log says of each level (see :mod:`backing`).
GROUP_CONSISTENCY = {
    backing_fs.CRASH_CONSISTENT: 'one btrfs snapshot of the volume directory cuts every '
                                 'member at one instant, whoever writes them',
    backing_fs.PER_VOLUME_ATOMIC: 'each member is one atomic reflink, but the members '
                                  'are cut at one instant only for writers that take the '
                                  "driver's lock; make the volume directory a btrfs "
                                  'subvolume for every writer',
    backing_fs.COOPERATIVE: "members are cut at one instant only for writers that take "
                            "the driver's lock; make the volume directory a btrfs "
                            'subvolume for every writer'}


@contextlib.contextmanager
def volume_io(path):
    """Open a volume file for I/O under a shared lock (the fenced data path).

    Readers and writers outside the driver use this; group copies wait for
    open ones and block new ones while they take their copy points. What the
    block wrote is flushed to the file before the lock is released: a write
    still in the file object's buffer would otherwise land during a copy and
    split the I/O.
    """
    with open(path, 'r+b') as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_SH)
        try:
            yield f
        finally:
            try:
                f.flush()
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def fenced(paths):
    """Hold exclusive locks on every path (sorted, to avoid deadlock) for the block."""
    files = []
    try:
        for path in sorted(set(paths)):
            f = open(path, 'rb')
            files.append(f)
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        for f in reversed(files):
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
            f.close()


def copy_file(src, dst, size_bytes):
    """Copy ``src`` to a new ``dst`` of ``size_bytes``: reflink, else sparse copy."""
    with open(src, 'rb') as fin, open(dst, 'wb') as fout:
        try:
            fcntl.ioctl(fout.fileno(), FICLONE, fin.fileno())
        except OSError as e:
            if e.errno not in NO_REFLINK_ERRNOS:
                raise
            sparse_copy(fin.fileno(), fout.fileno())
        src_size = os.fstat(fin.fileno()).st_size
        os.ftruncate(fout.fileno(), max(size_bytes, 0) or src_size)


def sparse_copy(fd_in, fd_out):
    """Copy only the data extents; holes stay holes (copy_file's fallback without reflinks)."""
    end = os.fstat(fd_in).st_size
    offset = 0
    while offset < end:
        try:
            data = os.lseek(fd_in, offset, os.SEEK_DATA)
        except OSError as e:
            if e.errno == errno.ENXIO:
                break
            raise
        hole = os.lseek(fd_in, data, os.SEEK_HOLE)
        position = data
        while position < hole:
            copied = os.copy_file_range(fd_in, fd_out, hole - position, position,
                                        position)
            if copied == 0:
                break
            position += copied
        offset = hole


class FileDriver(driver.VolumeDriver):
    """Sparse files in ``volumes_dir`` (default ``$state_path/volumes/<backend>``)."""

    VERSION = '1.0.0'

    @property
    def volumes_dir(self):
        return self.backend_conf.volumes_dir or os.path.join(
            self.conf.state_path, 'volumes', self.backend)

    def volume_path(self, volume_id):
        return os.path.join(self.volumes_dir, 'volume-%s' % volume_id)

    def snapshot_path(self, snapshot_id):
        return os.path.join(self.volumes_dir, 'snapshot-%s' % snapshot_id)

    @property
    def backing(self):
        """The :class:`backing_fs.Backing` of ``volumes_dir`` (probed once, at setup)."""
        if self._backing is None:
            self._backing = backing_fs.probe(self.volumes_dir)
        return self._backing

    _backing = None

    def do_setup(self, context):
        backing_fs.make_volume_dir(self.volumes_dir)
        self._backing = None
        found = self.backing
        self._remove_stale_cuts()
        if found.reflink:
            LOG.info('Backend %(backend)s: the filesystem of %(dir)s gives reflinks: '
                     'snapshots and clones are instant copy-on-write copies',
                     {'backend': self.backend, 'dir': self.volumes_dir})
        else:
            LOG.info('Backend %(backend)s: the filesystem of %(dir)s has no reflinks: '
                     'snapshots and clones are full copies, which take time and '
                     'space in proportion to the data (XFS and Btrfs give reflinks)',
                     {'backend': self.backend, 'dir': self.volumes_dir})
        LOG.info('Backend %(backend)s: group snapshots and clones of live groups are '
                 '%(level)s: %(what)s', {'backend': self.backend,
                                         'level': found.group_consistency,
                                         'what': GROUP_CONSISTENCY[found.group_consistency]})

    def _remove_stale_cuts(self):
        """Delete group cuts a crash left behind (they are never in use at start)."""
        with os.scandir(self.volumes_dir) as entries:
            stale = [e.name for e in entries if e.name.startswith(CUT_PREFIX)]
        for name in stale:
            LOG.warning('Deleting %s, a group cut left by an interrupted copy', name)
            self._delete_cut(name)

    def check_for_setup_error(self):
        if not os.access(self.volumes_dir, os.W_OK):
            raise exception.VolumeDriverException(
                message='%s is not writable' % self.volumes_dir)

    def get_volume_stats(self, refresh=False):
        """Capacity in Cinder's thin-provisioning terms (see the base class).

        The files are sparse, so the filesystem's free space says little about
        how much more may be promised: ``provisioned_capacity_gb`` adds up the
        apparent sizes of every file (volumes and snapshots),
        ``allocated_capacity_gb`` those of the volumes alone.

        ``group_consistency`` says what a group snapshot or a clone of a live
        group guarantees (see :mod:`backing`), ``reflink`` whether copies are
        instant copy-on-write clones.
        """
        st = os.statvfs(self.volumes_dir)
        provisioned, allocated = self._apparent_sizes()
        return {'volume_backend_name': self.backend_name,
                'vendor_name': 'cinderlite', 'driver_version': self.VERSION,
                'storage_protocol': 'file',
                'total_capacity_gb': round(st.f_blocks * st.f_frsize / GiB, 2),
                'free_capacity_gb': round(st.f_bavail * st.f_frsize / GiB, 2),
                'provisioned_capacity_gb': round(provisioned / GiB, 2),
                'allocated_capacity_gb': round(allocated / GiB, 2),
                'thin_provisioning_support': True,
                # A file grows while a host has it open (3.42's in-use extend).
                'online_extend_support': True,
                'thick_provisioning_support': False,
                'consistencygroup_support': True,
                'group_consistency': self.backing.group_consistency,
                'reflink': self.backing.reflink,
                # Several hosts may open one file: types with multiattach="<is> True".
                'multiattach': True}

    def _apparent_sizes(self):
        """Bytes of every file in ``volumes_dir``, and of the volume files among them."""
        everything = volumes = 0
        with os.scandir(self.volumes_dir) as entries:
            for entry in entries:
                try:
                    if not entry.is_file(follow_symlinks=False):
                        continue
                    size = entry.stat(follow_symlinks=False).st_size
                except FileNotFoundError:
                    continue    # deleted while we looked
                everything += size
                if entry.name.startswith('volume-'):
                    volumes += size
        return everything, volumes

    def _location(self, path):
        return {'provider_location': path}

    def create_volume(self, volume):
        path = self.volume_path(volume.id)
        with open(path, 'wb') as f:
            os.ftruncate(f.fileno(), volume.size * GiB)
        return self._location(path)

    def delete_volume(self, volume):
        self._remove(self.volume_path(volume.id))

    def extend_volume(self, volume, new_size):
        os.truncate(self.volume_path(volume.id), new_size * GiB)

    def initialize_connection(self, volume, connector):
        """The volume's file, for os-brick's LocalConnector (a host sharing this filesystem).

        Nothing is exported, so create_export, remove_export and
        terminate_connection keep the base class's defaults. A client that
        writes through the path directly is not fenced by :func:`volume_io`:
        group copies cut it at one instant only where ``volumes_dir`` is a
        btrfs subvolume (``group_consistency`` ``crash-consistent``).
        """
        return {'driver_volume_type': 'local',
                'data': {'device_path': self.volume_path(volume.id)}}

    def create_cloned_volume(self, volume, src_vref):
        path = self.volume_path(volume.id)
        with fenced([self.volume_path(src_vref.id)]):
            copy_file(self.volume_path(src_vref.id), path, volume.size * GiB)
        return self._location(path)

    def create_snapshot(self, snapshot):
        path = self.snapshot_path(snapshot.id)
        with fenced([self.volume_path(snapshot.volume_id)]):
            copy_file(self.volume_path(snapshot.volume_id), path, snapshot.size * GiB)
        return self._location(path)

    def delete_snapshot(self, snapshot):
        self._remove(self.snapshot_path(snapshot.id))

    def revert_to_snapshot(self, context, volume, snapshot):
        """A copy of the snapshot's file (a reflink where it can) replaces the volume's.

        The copy is made beside the volume and renamed over it: the volume
        file is whole before and after, never half copied.
        """
        path = self.volume_path(volume.id)
        reverted = os.path.join(self.volumes_dir, '.revert-%s' % volume.id)
        try:
            copy_file(self.snapshot_path(snapshot.id), reverted, volume.size * GiB)
            os.replace(reverted, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(reverted)

    def create_volume_from_snapshot(self, volume, snapshot):
        path = self.volume_path(volume.id)
        copy_file(self.snapshot_path(snapshot.id), path, volume.size * GiB)
        return self._location(path)

    def create_consistencygroup(self, context, group):
        return {'status': 'available'}

    def delete_consistencygroup(self, context, group, volumes):
        for volume in volumes:
            self.delete_volume(volume)
        return None, [{'id': v.id, 'status': 'deleted'} for v in volumes]

    def update_consistencygroup(self, context, group, add_volumes=None,
                                remove_volumes=None):
        return None, None, None

    def create_cgsnapshot(self, context, cgsnapshot, snapshots):
        sources = [self.volume_path(s.volume_id) for s in snapshots]
        done = self._progress('Copying cgsnapshot %s' % cgsnapshot.id, len(snapshots))
        with self._cut(sources, 'cgsnapshot %s' % cgsnapshot.id) as frozen:
            for snap, src in zip(snapshots, sources):
                self._take_copy_point(frozen[src], self.snapshot_path(snap.id), snap.size)
                done.member_done()
        return ({'status': 'available'},
                [dict(self._location(self.snapshot_path(s.id)), id=s.id,
                      status='available') for s in snapshots])

    def delete_cgsnapshot(self, context, cgsnapshot, snapshots):
        for snap in snapshots:
            self.delete_snapshot(snap)
        return None, [{'id': s.id, 'status': 'deleted'} for s in snapshots]

    def create_consistencygroup_from_src(self, context, group, volumes,
                                         cgsnapshot=None, snapshots=None,
                                         src_group=None, src_volumes=None):
        if snapshots is not None:
            sources = [self.snapshot_path(s.id) for s in snapshots]
        else:
            sources = [self.volume_path(v.id) for v in src_volumes]
        done = self._progress('Copying into group %s' % group.id, len(volumes))
        # Snapshots never change; live sources are cut at one instant.
        with self._cut(sources if src_volumes is not None else [],
                       'group %s' % group.id) as frozen:
            for volume, src in zip(volumes, sources):
                self._take_copy_point(frozen.get(src, src), self.volume_path(volume.id),
                                      volume.size)
                done.member_done()
        return ({'status': 'available'},
                [dict(self._location(self.volume_path(v.id)), id=v.id,
                      status='available') for v in volumes])

    @contextlib.contextmanager
    def _cut(self, paths, what):
        """Yield ``{path: the file to copy it from}``: every path as of one instant.

        On a btrfs subvolume, the files of one read-only snapshot of the
        volume directory, taken while the cooperative writers of ``paths`` are
        fenced (so it holds each of their I/Os whole), and deleted after the
        block, also when the block fails. Elsewhere the paths themselves,
        fenced for the whole block.
        """
        if not paths or not self.backing.subvolume:
            with fenced(paths):
                yield {path: path for path in paths}
            return
        name = CUT_PREFIX + uuid.uuid4().hex
        try:
            with fenced(paths):
                started = time.monotonic()
                cut = btrfs.snapshot(self.volumes_dir, self.volumes_dir, name)
                elapsed = (time.monotonic() - started) * 1000
            LOG.info('Cut %(n)d members of %(what)s at one instant: a btrfs snapshot in '
                     '%(ms).1f ms', {'n': len(paths), 'what': what, 'ms': elapsed})
            yield {path: os.path.join(cut, os.path.basename(path)) for path in paths}
        finally:
            self._delete_cut(name)

    def _delete_cut(self, name):
        """Delete a cut; one that will not go is left for the next start, not an error.

        The copies taken from it are done (or failed for their own reason):
        a cut that stays only takes room until then.
        """
        try:
            btrfs.delete_subvolume(self.volumes_dir, name)
        except OSError:
            LOG.exception('Could not delete the group cut %s of %s; the next start of '
                          'the volume service deletes it', name, self.volumes_dir)

    def _progress(self, what, total):
        return progress.Progress(what, total, self.conf.progress_log_interval)

    # Generic groups: the same operations for a consistent group type; for any
    # other type, snapshots and clones are left to the manager's generic path
    # (several members at once in its bounded pool), as Cinder's drivers do.

    def create_group(self, context, group):
        return self.create_consistencygroup(context, group)

    def delete_group(self, context, group, volumes):
        return self.delete_consistencygroup(context, group, volumes)

    def update_group(self, context, group, add_volumes=None, remove_volumes=None):
        return self.update_consistencygroup(context, group, add_volumes, remove_volumes)

    def create_group_snapshot(self, context, group_snapshot, snapshots):
        self._require_consistent(group_snapshot.get('group'))
        return self.create_cgsnapshot(context, group_snapshot, snapshots)

    def delete_group_snapshot(self, context, group_snapshot, snapshots):
        return self.delete_cgsnapshot(context, group_snapshot, snapshots)

    def create_group_from_src(self, context, group, volumes, group_snapshot=None,
                              snapshots=None, source_group=None, source_vols=None):
        self._require_consistent(group)
        return self.create_consistencygroup_from_src(
            context, group, volumes, cgsnapshot=group_snapshot, snapshots=snapshots,
            src_group=source_group, src_volumes=source_vols)

    @staticmethod
    def _require_consistent(group):
        if not driver.is_group_a_cg_snapshot_type(group or {}):
            raise NotImplementedError()

    def _take_copy_point(self, src, dst, size_gb):
        """One member's copy while the group is fenced; a hook for slow-driver tests."""
        copy_file(src, dst, size_gb * GiB)

    @staticmethod
    def _remove(path):
        try:
            os.unlink(path)
        except FileNotFoundError:
            LOG.debug('%s was already gone', path)
