"""The byte copy of a migration: local connections only, every byte, holes kept."""

import os

import pytest

from cinderlite import exception
from cinderlite.volume import migrations

MiB = 1024 * 1024


def local(path):
    return {'driver_volume_type': 'local', 'data': {'device_path': str(path)}}


def test_every_byte_arrives_and_zeros_stay_holes(tmp_path):
    src, dst = tmp_path / 'src', tmp_path / 'dst'
    with open(src, 'wb') as f:
        f.truncate(16 * MiB)
        f.seek(0)
        f.write(b'head' * 1024)
        f.seek(13 * MiB + 5)
        f.write(b'tail')
    with open(dst, 'wb') as f:
        f.truncate(16 * MiB)
    migrations.copy_local(local(src), local(dst), 16 * MiB)
    assert src.read_bytes() == dst.read_bytes()
    # Only the two written chunks were written: the rest is still a hole.
    assert os.stat(dst).st_blocks * 512 <= 2 * migrations.CHUNK


@pytest.mark.parametrize('kind', ['rbd', 'iscsi', None])
def test_a_connection_that_is_not_local_is_refused(tmp_path, kind):
    (tmp_path / 'dst').write_bytes(b'')
    with pytest.raises(exception.VolumeDriverException, match='local connections only'):
        migrations.copy_local({'driver_volume_type': kind, 'data': {}},
                              local(tmp_path / 'dst'), MiB)
