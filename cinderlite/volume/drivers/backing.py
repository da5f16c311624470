"""What the filesystem under a file backend's volume directory can guarantee.

Three levels of consistency for a copy of several live volumes at once (a
group snapshot, or a clone of a live group), strongest first:

``crash-consistent``
    The directory is a btrfs subvolume: the driver takes one read-only
    snapshot of it, one atomic cut across all files *whoever writes them*,
    and reflinks the members out of it.
``per-volume-atomic``
    Reflinks (XFS with ``reflink=1``, btrfs outside a subvolume): each
    member's copy is one atomic clone of its file, but the members are
    cloned one after the other.
``cooperative``
    No reflinks: each member is copied block by block.

At every level the copies are crash consistent across members for writers
that take the driver's cooperative lock (:func:`file.volume_io`): the driver
holds off those writers while it takes its copy points. The weaker two
give no more than that to a writer that ignores the lock.
"""

import ctypes
import dataclasses
import errno
import fcntl
import os
import tempfile

from cinderlite.volume.drivers import btrfs

CRASH_CONSISTENT = 'crash-consistent'
PER_VOLUME_ATOMIC = 'per-volume-atomic'
COOPERATIVE = 'cooperative'

FICLONE = 0x40049409
#: What FICLONE fails with where the filesystem cannot share extents.
NO_REFLINK_ERRNOS = (errno.EOPNOTSUPP, errno.EXDEV, errno.EINVAL, errno.ENOTTY,
                     errno.ENOSYS, errno.EPERM)

#: statfs(2) f_type of the filesystems worth naming in a log line.
FILESYSTEMS = {btrfs.SUPER_MAGIC: 'btrfs', 0x58465342: 'xfs', 0xEF53: 'ext4',
               0x01021994: 'tmpfs', 0x794C7630: 'overlayfs', 0x6969: 'nfs',
               0x2FC12FC1: 'zfs', 0xF2F52010: 'f2fs', 0xCA451A4E: 'bcachefs'}

_libc = ctypes.CDLL(None, use_errno=True)
#: struct statfs is 120 bytes on 64-bit Linux; f_type (a long) comes first.
_STATFS_SIZE = 256


def filesystem_type(path):
    """The ``f_type`` magic number statfs(2) gives for ``path``'s filesystem."""
    buf = ctypes.create_string_buffer(_STATFS_SIZE)
    if _libc.statfs(os.fsencode(path), buf) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), path)
    return ctypes.c_long.from_buffer(buf).value & 0xFFFFFFFF


def filesystem_name(path):
    magic = filesystem_type(path)
    return FILESYSTEMS.get(magic, hex(magic))


def reflinks_supported(folder):
    """True when ``folder``'s filesystem clones a file instantly (FICLONE)."""
    with tempfile.NamedTemporaryFile(dir=folder, prefix='.reflink-probe-') as src, \
            tempfile.NamedTemporaryFile(dir=folder, prefix='.reflink-probe-') as dst:
        src.write(b'\0' * 4096)
        src.flush()
        try:
            fcntl.ioctl(dst.fileno(), FICLONE, src.fileno())
        except OSError as e:
            if e.errno not in NO_REFLINK_ERRNOS:
                raise
            return False
    return True


@dataclasses.dataclass(frozen=True)
class Backing:
    """The filesystem facts of one volume directory."""

    filesystem: str
    reflink: bool
    #: The directory is the root of a btrfs subvolume: a group cut is one snapshot.
    subvolume: bool

    @property
    def group_consistency(self):
        if self.subvolume:
            return CRASH_CONSISTENT
        return PER_VOLUME_ATOMIC if self.reflink else COOPERATIVE


def probe(folder):
    """The :class:`Backing` of ``folder`` (which exists)."""
    on_btrfs = filesystem_type(folder) == btrfs.SUPER_MAGIC
    return Backing(filesystem=filesystem_name(folder),
                   reflink=reflinks_supported(folder),
                   subvolume=on_btrfs and btrfs.is_subvolume(folder))


def make_volume_dir(folder):
    """Create ``folder`` and its parents; on btrfs, ``folder`` itself as a subvolume.

    A volume directory made this way gets the strongest group consistency
    without the operator doing anything. An existing directory is left as
    it is.
    """
    if os.path.isdir(folder):
        return
    parent, name = os.path.split(os.path.abspath(folder))
    os.makedirs(parent, exist_ok=True)
    if filesystem_type(parent) == btrfs.SUPER_MAGIC:
        try:
            btrfs.create_subvolume(parent, name)
            return
        except FileExistsError:
            return
        except OSError:
            pass    # e.g. a read-only parent subvolume: a plain directory will do
    os.makedirs(folder, exist_ok=True)
