"""Btrfs subvolumes and read-only snapshots through the kernel's ioctls.

The file driver cuts a live group with one read-only snapshot of the
subvolume its volume files live in: every file of the subvolume as of one
instant, whoever writes them. These are the ioctls ``btrfs subvolume
snapshot -r`` and ``btrfs subvolume delete`` issue, called directly: no
btrfs-progs on the volume host, no process spawned per group copy from a
threaded service, and the kernel's errno instead of a parsed message.

The argument structures (``linux/btrfs.h``), both 4096 bytes::

    struct btrfs_ioctl_vol_args    { __s64 fd; char name[4088]; };
    struct btrfs_ioctl_vol_args_v2 { __s64 fd; __u64 transid; __u64 flags;
                                     __u64 unused[4]; char name[4040]; };
"""

import errno
import fcntl
import os
import shutil
import stat
import struct

#: The inode number of the root directory of every btrfs subvolume.
FIRST_FREE_OBJECTID = 256
SUPER_MAGIC = 0x9123683E

_VOL_ARGS = struct.Struct('=q4088s')
_VOL_ARGS_V2 = struct.Struct('=qQQ32s4040s')
_MAGIC = 0x94


def _iow(nr, size):
    """Linux's _IOW(0x94, nr, size)."""
    return (1 << 30) | (size << 16) | (_MAGIC << 8) | nr


def _ior(nr, size):
    return (2 << 30) | (size << 16) | (_MAGIC << 8) | nr


IOC_SNAP_DESTROY = _iow(15, _VOL_ARGS.size)
IOC_SUBVOL_CREATE = _iow(14, _VOL_ARGS.size)
IOC_SNAP_CREATE_V2 = _iow(23, _VOL_ARGS_V2.size)
IOC_SUBVOL_GETFLAGS = _ior(25, 8)
IOC_SUBVOL_SETFLAGS = _iow(26, 8)
SUBVOL_RDONLY = 1 << 1


def is_subvolume(path):
    """Whether ``path`` is the root directory of a btrfs subvolume.

    As btrfs-progs decides it: a directory whose inode is 256. The caller
    knows the filesystem is btrfs (elsewhere inode 256 means nothing).
    """
    st = os.stat(path)
    return stat.S_ISDIR(st.st_mode) and st.st_ino == FIRST_FREE_OBJECTID


def _name(name):
    encoded = os.fsencode(name)
    if b'/' in encoded or not encoded or len(encoded) > 255:
        raise ValueError('not a file name: %r' % name)
    return encoded


def _dir_fd(path):
    return os.open(path, os.O_RDONLY | os.O_DIRECTORY)


def create_subvolume(parent, name):
    """Create an empty subvolume ``parent/name`` (``btrfs subvolume create``)."""
    fd = _dir_fd(parent)
    try:
        fcntl.ioctl(fd, IOC_SUBVOL_CREATE, bytearray(_VOL_ARGS.pack(0, _name(name))))
    finally:
        os.close(fd)


def snapshot(subvolume, parent, name):
    """Take a read-only snapshot of ``subvolume`` at ``parent/name``; return its path.

    One atomic cut of every file in the subvolume (nested subvolumes are
    not included). ``parent`` must be on the same filesystem.
    """
    src = _dir_fd(subvolume)
    try:
        dst = _dir_fd(parent)
        try:
            args = _VOL_ARGS_V2.pack(src, 0, SUBVOL_RDONLY, b'', _name(name))
            fcntl.ioctl(dst, IOC_SNAP_CREATE_V2, bytearray(args))
        finally:
            os.close(dst)
    finally:
        os.close(src)
    return os.path.join(parent, name)


def delete_subvolume(parent, name):
    """Delete the subvolume (or snapshot) ``parent/name``; absent is not an error.

    ``BTRFS_IOC_SNAP_DESTROY`` needs CAP_SYS_ADMIN or the mount option
    ``user_subvol_rm_allowed``. Without either, the owner of a snapshot can
    still make it writable, empty it and remove its directory (``rmdir`` of
    an empty subvolume, Linux 4.18+): that is done instead.
    """
    path = os.path.join(parent, name)
    if not os.path.lexists(path):
        return
    fd = _dir_fd(parent)
    try:
        fcntl.ioctl(fd, IOC_SNAP_DESTROY, bytearray(_VOL_ARGS.pack(0, _name(name))))
        return
    except OSError as e:
        if e.errno == errno.ENOENT:
            return
        if e.errno != errno.EPERM:
            raise
    finally:
        os.close(fd)
    _empty_and_remove(path)


def _empty_and_remove(path):
    """Delete a flat subvolume the unprivileged way: writable, files removed, rmdir."""
    fd = _dir_fd(path)
    try:
        flags = bytearray(8)
        fcntl.ioctl(fd, IOC_SUBVOL_GETFLAGS, flags)
        value = struct.unpack('=Q', flags)[0] & ~SUBVOL_RDONLY
        fcntl.ioctl(fd, IOC_SUBVOL_SETFLAGS, bytearray(struct.pack('=Q', value)))
    finally:
        os.close(fd)
    # Files, and the empty directories that stand for nested subvolumes.
    shutil.rmtree(path)
