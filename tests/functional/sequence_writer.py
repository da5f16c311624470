"""A writer that knows nothing of cinderlite: numbered blocks, round-robin over files.

Run as ``python3 sequence_writer.py FILE...`` (the standard library only, as
any other program writing to attached volumes would). Write number ``s``
(0, 1, 2, ...) goes to file ``s % n`` at block ``s // n``: 4 KiB holding
a magic, ``s``, the file's index, a filler made from ``s`` and a CRC of it
all, written with ``O_DSYNC``: each write is on stable storage before the
next is issued, as a guest's write is when its disk honours flushes.

A crash-consistent copy of the files then holds exactly writes 0..K-1 for
some K: :func:`read_sequence` reads a copy back and checks each block.

It prints ``ready`` once every file has a block, then writes until its
standard input closes (or the files are full), and prints the number of
writes. It takes no lock and asks nothing of anyone. :class:`Writer` runs
it for a test.
"""

import mmap
import os
import struct
import subprocess
import sys
import threading
import zlib

BLOCK = 4096
MAGIC = b'SEQW'
HEADER = struct.Struct('<4sQI')


def block(seq, index):
    body = HEADER.pack(MAGIC, seq, index)
    filler = struct.pack('<Q', seq * 0x9E3779B97F4A7C15 & (2 ** 64 - 1))
    body += filler * ((BLOCK - 4 - len(body)) // len(filler))
    body += b'\0' * (BLOCK - 4 - len(body))
    return body + struct.pack('<I', zlib.crc32(body))


def parse(data, index):
    """The write number in one block of file ``index``; None for an unwritten block.

    :raises ValueError: the block is torn, or holds another file's write.
    """
    if not data.strip(b'\0'):
        return None
    magic, seq, found = HEADER.unpack_from(data)
    if magic != MAGIC or found != index or data != block(seq, index):
        raise ValueError('block of file %d is not one whole write: %r' % (index, data[:16]))
    return seq


def read_sequence(paths, first_index=0):
    """The write numbers held by each file, in block order; checks every block.

    ``paths[i]`` holds (a copy of) the writer's file ``first_index + i``.
    """
    found = []
    for index, path in enumerate(paths, first_index):
        seqs = []
        with open(path, 'rb') as f:
            while True:
                seq = parse(f.read(BLOCK), index)
                if seq is None:
                    break
                seqs.append(seq)
        found.append(seqs)
    return found


class Writer:
    """``sequence_writer.py`` over ``paths`` in a process of its own, for a ``with`` block."""

    def __init__(self, paths):
        self.paths = paths
        self.process = None
        self.total = None

    def __enter__(self):
        self.process = subprocess.Popen([sys.executable, __file__] + self.paths,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        assert self.process.stdout.readline().strip() == 'ready'
        return self

    def written(self):
        """How many writes the files show now (read while it writes: blocks not checked)."""
        count = 0
        for path in self.paths:
            with open(path, 'rb') as f:
                while f.read(BLOCK).strip(b'\0'):
                    count += 1
        return count

    def __exit__(self, *exc):
        out, _ = self.process.communicate('', timeout=30)
        self.total = int(out.split()[-1])


def each_file_whole(found):
    """Whether every member copy holds its own writes 0, n, 2n, ... with no gap.

    That is what one atomic copy of each file gives, whatever the others.
    """
    n = len(found)
    return all(seqs == list(range(index, index + n * len(seqs), n))
               for index, seqs in enumerate(found))


def is_prefix(found):
    """Whether the copies together hold exactly writes 0..K-1: one cut at one instant."""
    total = sum(len(seqs) for seqs in found)
    return (each_file_whole(found)
            and sorted(s for seqs in found for s in seqs) == list(range(total)))


def assert_each_file_whole(found):
    assert each_file_whole(found), [seqs[-3:] for seqs in found]


def assert_prefix(found):
    """Assert :func:`is_prefix`; return K, the number of writes the copies hold."""
    assert is_prefix(found), [seqs[-3:] for seqs in found]
    return sum(len(seqs) for seqs in found)


def main(paths):
    fds = [os.open(p, os.O_WRONLY | os.O_DSYNC) for p in paths]
    limit = min(os.fstat(fd).st_size for fd in fds) // BLOCK * len(fds)
    buf = mmap.mmap(-1, BLOCK)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    seq = 0
    while not stop.is_set() and seq < limit:
        index = seq % len(fds)
        buf[:] = block(seq, index)
        os.pwrite(fds[index], buf, seq // len(fds) * BLOCK)
        seq += 1
        if seq == len(fds):
            print('ready', flush=True)
    print(seq, flush=True)


if __name__ == '__main__':
    main(sys.argv[1:])
