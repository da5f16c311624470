"""Comparing volume files by content, reading only their data extents.

Volumes are sparse files of whole GiBs holding a few KiB of data: reading
every byte (zeros from holes included) made one test hash several GiB.
"""

import fcntl
import hashlib
import os
import struct

BLOCK = 4096


def content_digest(path):
    """A digest of a file's bytes that reads only its data extents (holes are zeros).

    Equal digests mean equal contents, however each file happens to be
    sparse: the size is hashed, and so is every block that holds a non-zero
    byte, with its offset.
    """
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY)
    try:
        end = os.fstat(fd).st_size
        digest.update(b'size=%d;' % end)
        offset = 0
        while offset < end:
            try:
                data = os.lseek(fd, offset, os.SEEK_DATA)
            except OSError:
                break
            hole = os.lseek(fd, data, os.SEEK_HOLE)
            block_at = data - data % BLOCK
            while block_at < hole:
                block = os.pread(fd, BLOCK, block_at)
                if block.strip(b'\0'):
                    digest.update(b'%d:' % block_at + block)
                block_at += BLOCK
            offset = hole
    finally:
        os.close(fd)
    return digest.hexdigest()


FS_IOC_FIEMAP = 0xC020660B
FIEMAP_EXTENT_SHARED = 0x2000
FIEMAP_EXTENT_LAST = 0x1
_FIEMAP = struct.Struct('=QQIIII')
_EXTENT = struct.Struct('=QQQQQIIII')


def shared_bytes(path):
    """Bytes of ``path`` in extents the filesystem shares with another file (reflinks).

    FIEMAP's ``FIEMAP_EXTENT_SHARED`` flag, as ``filefrag -v`` shows it.
    """
    shared = 0
    start = 0
    count = 64
    with open(path, 'rb') as f:
        while True:
            request = bytearray(_FIEMAP.pack(start, 2 ** 64 - 1 - start, 1, 0, count, 0)
                                + bytes(_EXTENT.size * count))
            fcntl.ioctl(f.fileno(), FS_IOC_FIEMAP, request)
            mapped = _FIEMAP.unpack_from(request)[3]
            if not mapped:
                return shared
            for i in range(mapped):
                logical, _, length, _, _, flags, _, _, _ = _EXTENT.unpack_from(
                    request, _FIEMAP.size + i * _EXTENT.size)
                if flags & FIEMAP_EXTENT_SHARED:
                    shared += length
                if flags & FIEMAP_EXTENT_LAST:
                    return shared
            start = logical + length
