"""copy_file, the file driver's copy: a reflink, else a sparse-aware copy.

The sparse copy is tested on its own, so that it runs whatever the
filesystem under the test's folder does with reflinks.
"""

import hashlib
import os

from cinderlite.volume.drivers import file as file_driver

MiB = 1024 ** 2


def _sparse_file(path, size, extents):
    """A file of ``size`` bytes holding ``{offset: data}`` and holes everywhere else."""
    with open(path, 'wb') as f:
        for offset, data in extents.items():
            f.seek(offset)
            f.write(data)
        f.truncate(size)


def _digest(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(MiB), b''):
            digest.update(chunk)
    return digest.hexdigest()


def test_sparse_copy_keeps_bytes_and_holes(tmp_path):
    src, dst = tmp_path / 'src', tmp_path / 'dst'
    # Data at the start, in the middle and just before a trailing hole.
    _sparse_file(src, 64 * MiB, {0: b'a' * 4096, 16 * MiB: b'b' * 65536,
                                 48 * MiB - 4096: b'c' * 4096})

    with open(src, 'rb') as fin, open(dst, 'wb') as fout:
        file_driver.sparse_copy(fin.fileno(), fout.fileno())
        os.ftruncate(fout.fileno(), 64 * MiB)

    assert os.stat(dst).st_size == 64 * MiB
    assert _digest(dst) == _digest(src)
    assert os.stat(dst).st_blocks == os.stat(src).st_blocks


def test_copy_to_a_larger_size_reads_zeros_beyond_the_source(tmp_path):
    src, dst = tmp_path / 'src', tmp_path / 'dst'
    data = bytes(range(256)) * 4096
    _sparse_file(src, MiB, {0: data})

    file_driver.copy_file(str(src), str(dst), 8 * MiB)

    assert os.stat(dst).st_size == 8 * MiB
    with open(dst, 'rb') as f:
        assert f.read(MiB) == data
        assert f.read() == bytes(7 * MiB)
    # The extension is a hole: it takes no space.
    assert os.stat(dst).st_blocks == os.stat(src).st_blocks
