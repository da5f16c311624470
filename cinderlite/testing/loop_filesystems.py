"""Btrfs, XFS and ext4 filesystems on loop devices, to test a file backend on each.

:func:`mounted` makes a filesystem in a sparse image file, attaches it to a
loop device, mounts it, and after the block unmounts it and detaches the
device. It needs root, loop devices and the tools of Debian's
``btrfs-progs`` and ``xfsprogs`` (:func:`ensure_packages` installs them;
``.ci/run`` calls it before the tests: ``python3 -m
cinderlite.testing.loop_filesystems``).

XFS is made with ``reflink=1``; btrfs as ``mkfs.btrfs`` makes it, the mount
point being its top-level subvolume.
"""

import contextlib
import os
import shutil
import subprocess
import time

from cinderlite.testing import debian_packages

PACKAGES = ('btrfs-progs', 'xfsprogs')
KINDS = {
    'btrfs': ['mkfs.btrfs', '-q', '-f'],
    'xfs': ['mkfs.xfs', '-q', '-f', '-m', 'reflink=1'],
    'ext4': ['mkfs.ext4', '-q', '-F'],
}
#: Sparse: only what mkfs writes takes room. Large enough that the scheduler
#: places a few 1 GiB thin volumes on it (mkfs.xfs wants 300 MiB at least).
IMAGE_BYTES = 4 << 30


class LoopFilesystemUnavailable(Exception):
    """This machine cannot make one (not root, no loop device, no tools)."""


def ensure_packages(log_path):
    """Install btrfs-progs and xfsprogs when they are missing (apt-get, as root)."""
    try:
        debian_packages.ensure(PACKAGES, log_path)
    except debian_packages.PackagesUnavailable as e:
        raise LoopFilesystemUnavailable(str(e)) from e


def why_unavailable():
    """None when :func:`mounted` can work here, else the reason it cannot."""
    if os.geteuid() != 0:
        return 'loop filesystems need root'
    if not os.path.exists('/dev/loop-control'):
        return 'no loop devices (/dev/loop-control is missing)'
    missing = [tool for tool in ('losetup', 'mount', 'umount', 'mkfs.btrfs', 'mkfs.xfs',
                                       'mkfs.ext4')
               if not shutil.which(tool)]
    if missing:
        return 'missing tools: %s (Debian: %s)' % (', '.join(missing), ' '.join(PACKAGES))
    return None


def _run(argv):
    result = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise LoopFilesystemUnavailable('%s failed (%d): %s' % (
            ' '.join(argv), result.returncode, (result.stderr or result.stdout).strip()))
    return result.stdout.strip()


@contextlib.contextmanager
def mounted(kind, where, size=IMAGE_BYTES):
    """Yield the mount point of a new ``kind`` filesystem made under ``where``.

    ``kind`` is ``btrfs``, ``xfs`` or ``ext4`` (no reflinks). The image is
    ``where/<kind>.img``, the mount point ``where/<kind>``. Unmounted and detached after the block,
    also when it fails.
    """
    reason = why_unavailable()
    if reason:
        raise LoopFilesystemUnavailable(reason)
    image = os.path.join(where, '%s.img' % kind)
    mount_point = os.path.join(where, kind)
    os.makedirs(mount_point, exist_ok=True)
    with open(image, 'wb') as f:
        os.ftruncate(f.fileno(), size)
    _run(KINDS[kind] + [image])
    device = _attach(image)
    try:
        _run(['mount', device, mount_point])
        try:
            yield mount_point
        finally:
            _unmount(mount_point)
    finally:
        _run(['losetup', '--detach', device])
        os.unlink(image)


def _attach(image, tries=5):
    """``losetup --find --show``; retried when another process took the same free device."""
    for attempt in range(tries):
        try:
            return _run(['losetup', '--find', '--show', image])
        except LoopFilesystemUnavailable as e:
            if 'busy' not in str(e).lower() or attempt == tries - 1:
                raise
            time.sleep(0.1)


def _unmount(mount_point):
    """Unmount; a process still holding a file open gets a lazy unmount instead."""
    result = subprocess.run(['umount', mount_point], capture_output=True, text=True,
                            timeout=120)
    if result.returncode != 0:
        _run(['umount', '--lazy', mount_point])


if __name__ == '__main__':
    # .ci/run installs the tools before the tests.
    ensure_packages(os.path.join(os.environ.get('TMPDIR', '/tmp'),
                                 'cinderlite-loop-apt.log'))
