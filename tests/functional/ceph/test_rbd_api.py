"""The RBD driver through the real API and services: group clones and attaching.

A cloud (API over HTTP, scheduler, volume manager, SQLite) serves one backend
on the test cluster; the tests write into the source images through librbd,
clone with the real cinderclient, read every clone back, and leave nothing in
the pool once the resources are deleted through the API.
"""

import os
import uuid

import pytest
import rbd

from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional.ceph import conftest

CONNECTOR = {'host': 'compute-1', 'ip': '192.0.2.20', 'platform': 'x86_64',
             'os_type': 'linux', 'multipath': False}
# Message lists read their filters from 3.5 (MESSAGES_PAGINATION).
MESSAGES_VERSION = {'OpenStack-API-Version': 'volume 3.5'}
REGIONS = ((0, 64 * 1024), (512 << 20, 4096), ((1 << 30) - 8192, 8192))


@pytest.fixture
def rbd_cloud(make_cloud, rbd_backend, ceph_io):
    before = conftest.pool_contents(ceph_io)
    cloud = make_cloud(backends={'ceph': rbd_backend})
    h.create_type(cloud)
    yield cloud
    delete_everything(cloud)
    assert conftest.pool_contents(ceph_io) == before, 'deleting through the API left these'


def delete_everything(cloud):
    """Delete every cgsnapshot and group (with its volumes) of project p1 through the API."""
    cs = cloud.cinder()
    for cgsnapshot in cs.cgsnapshots.list():
        fixtures.wait_status(cloud, 'cgsnapshots', cgsnapshot.id, ('available', 'error'))
        cs.cgsnapshots.delete(cgsnapshot.id)
        fixtures.wait_status(cloud, 'cgsnapshots', cgsnapshot.id, 'deleted')
    for group in h.list_groups(cloud):
        fixtures.wait_status(cloud, 'consistencygroups', group['id'], ('available', 'error'))
        assert cloud.request('POST', '/v3/p1/consistencygroups/%s/delete' % group['id'],
                             body={'consistencygroup': {'force': True}}).status == 202
        fixtures.wait_status(cloud, 'consistencygroups', group['id'], 'deleted')


def write_regions(ioctx, volume_id):
    """Random bytes in a few regions of the volume's image; returns them by offset."""
    written = {}
    with rbd.Image(ioctx, 'volume-%s' % volume_id) as image:
        for offset, length in REGIONS:
            written[offset] = os.urandom(length)
            image.write(written[offset], offset)
    return written


def read_regions(ioctx, volume_id):
    with rbd.Image(ioctx, 'volume-%s' % volume_id, read_only=True) as image:
        return {offset: image.read(offset, length) for offset, length in REGIONS}


def clones_of(cloud, group_id):
    return [v for v in h.list_volumes(cloud) if v['consistencygroup_id'] == group_id]


def test_clone_of_live_group_has_every_source_bytes(rbd_cloud, ceph_io):
    cloud = rbd_cloud
    group_id, sources = h.group_with_volumes(cloud, 3)
    data = {v: write_regions(ceph_io, v) for v in sources}
    new_id = cloud.cinder().consistencygroups.create_from_src(
        None, group_id, name='clone')['id']
    fixtures.wait_status(cloud, 'consistencygroups', new_id, 'available')
    clones = clones_of(cloud, new_id)
    assert sorted(c['source_volid'] for c in clones) == sorted(sources)
    for clone in clones:
        assert clone['status'] == 'available'
        assert read_regions(ceph_io, clone['id']) == data[clone['source_volid']]
    members = rbd.Group(ceph_io, 'group-%s' % new_id).list_images()
    assert sorted(m['name'] for m in members) == sorted('volume-%s' % c['id'] for c in clones)
    assert list(rbd.Group(ceph_io, 'group-%s' % group_id).list_snaps()) == []


def test_clone_of_cgsnapshot_has_the_bytes_at_the_snapshot(rbd_cloud, ceph_io):
    cloud = rbd_cloud
    group_id, sources = h.group_with_volumes(cloud, 3)
    data = {v: write_regions(ceph_io, v) for v in sources}
    cs = cloud.cinder()
    cgsnapshot = cs.cgsnapshots.create(group_id, name='cut')
    fixtures.wait_status(cloud, 'cgsnapshots', cgsnapshot.id, 'available')
    assert [s['name'] for s in rbd.Group(ceph_io, 'group-%s' % group_id).list_snaps()] == [
        'cgsnapshot-%s' % cgsnapshot.id]
    for volume_id in sources:
        write_regions(ceph_io, volume_id)  # the sources move on after the cut
    new_id = cs.consistencygroups.create_from_src(
        cgsnapshot.id, None, name='from-cut')['id']
    fixtures.wait_status(cloud, 'consistencygroups', new_id, 'available')
    snapshots = {s['id']: s['volume_id'] for s in cloud.request(
        'GET', '/v3/p1/snapshots/detail').json['snapshots']}
    clones = clones_of(cloud, new_id)
    assert len(clones) == 3
    for clone in clones:
        assert read_regions(ceph_io, clone['id']) == data[snapshots[clone['snapshot_id']]]


def test_failed_clone_is_error_with_a_message_and_leaves_nothing(rbd_cloud, ceph_io):
    """The cluster lost the group snapshot: the clone fails cleanly, the source stays."""
    cloud = rbd_cloud
    group_id, sources = h.group_with_volumes(cloud, 2)
    data = {v: write_regions(ceph_io, v) for v in sources}
    cgsnapshot_id = h.create_cgsnapshot(cloud, group_id)
    rbd.Group(ceph_io, 'group-%s' % group_id).remove_snap('cgsnapshot-%s' % cgsnapshot_id)
    before = conftest.pool_contents(ceph_io)
    resp = h.clone(cloud, cgsnapshot_id=cgsnapshot_id)
    assert resp.status == 202, resp
    new_id = resp.json['consistencygroup']['id']
    fixtures.wait_status(cloud, 'consistencygroups', new_id, 'error')
    assert {c['status'] for c in clones_of(cloud, new_id)} == {'error'}
    messages = cloud.request('GET', '/v3/p1/messages?resource_uuid=%s' % new_id,
                             headers=MESSAGES_VERSION).json['messages']
    assert len(messages) == 1
    assert 'has no share of group snapshot' in messages[0]['user_message']
    assert conftest.pool_contents(ceph_io) == before
    for volume_id in sources:
        assert read_regions(ceph_io, volume_id) == data[volume_id]


def test_two_backends_share_one_pool(make_cloud, rbd_backend, ceph_io):
    """Every name the driver makes carries an id: backends on one pool keep apart."""
    before = conftest.pool_contents(ceph_io)
    cloud = make_cloud(backends={'ceph-a': rbd_backend, 'ceph-b': rbd_backend})
    for backend in ('ceph-a', 'ceph-b'):
        h.create_type(cloud, backend, backend_name=backend)
    made = {}
    for backend in ('ceph-a', 'ceph-b'):
        group_id = h.create_group(cloud, types=backend)
        sources = [h.create_volume(cloud, group_id, vtype=backend) for _ in range(2)]
        data = {v: write_regions(ceph_io, v) for v in sources}
        resp = h.clone(cloud, source_cgid=group_id)
        assert resp.status == 202, resp
        made[backend] = (data, resp.json['consistencygroup']['id'])
    for backend, (data, new_id) in made.items():
        fixtures.wait_status(cloud, 'consistencygroups', new_id, 'available')
        clones = clones_of(cloud, new_id)
        for volume in clones + [v for v in h.list_volumes(cloud) if v['id'] in data]:
            assert volume['os-vol-host-attr:host'].split('#')[0].endswith('@' + backend)
        for clone in clones:
            assert read_regions(ceph_io, clone['id']) == data[clone['source_volid']]
    delete_everything(cloud)
    assert conftest.pool_contents(ceph_io) == before


def delete_volume(cloud, volume_id):
    assert cloud.request('DELETE', '/v3/p1/volumes/%s' % volume_id).status == 202
    fixtures.wait_status(cloud, 'volumes', volume_id, 'deleted')


def test_attach_with_cinderclient_and_the_rbd_connection_info(rbd_cloud, ceph, ceph_io):
    """python-brick-cinderclient-ext's flow; the host reaches the image with the info alone."""
    cloud = rbd_cloud
    volume_id = h.create_volume(cloud)
    data = write_regions(ceph_io, volume_id)
    cs = cloud.cinder()
    cs.volumes.reserve(volume_id)
    info = cs.volumes.initialize_connection(volume_id, CONNECTOR)
    assert info['driver_volume_type'] == 'rbd'
    connection = info['data']
    assert {key: connection[key] for key in (
        'name', 'auth_enabled', 'auth_username', 'secret_type', 'cluster_name', 'volume_id',
        'discard', 'access_mode', 'encrypted')} == {
        'name': '%s/volume-%s' % (ceph.pool, volume_id), 'auth_enabled': True,
        'auth_username': ceph.user, 'secret_type': 'ceph', 'cluster_name': 'ceph',
        'volume_id': volume_id, 'discard': True, 'access_mode': 'rw', 'encrypted': False}
    with conftest.image_from_connection(connection, ceph.user_keyring) as image:
        assert {offset: image.read(offset, length) for offset, length in REGIONS} == data
        image.write(b'written by the instance', 0)
    cs.volumes.attach(volume_id, str(uuid.uuid4()), '/dev/vdb')
    fixtures.wait_status(cloud, 'volumes', volume_id, 'in-use')
    cs.volumes.begin_detaching(volume_id)
    cs.volumes.terminate_connection(volume_id, CONNECTOR)
    cs.volumes.detach(volume_id)
    fixtures.wait_status(cloud, 'volumes', volume_id, 'available')
    assert read_regions(ceph_io, volume_id)[0][:23] == b'written by the instance'
    delete_volume(cloud, volume_id)


def test_attachments_api_answers_the_rbd_connection_info(rbd_cloud, ceph):
    """Nova's flow (microversion 3.54): the info comes flat."""
    cloud = rbd_cloud
    volume_id = h.create_volume(cloud)
    headers = {'OpenStack-API-Version': 'volume 3.54'}
    resp = cloud.request('POST', '/v3/p1/attachments', headers=headers, body={'attachment': {
        'volume_uuid': volume_id, 'instance_uuid': str(uuid.uuid4()), 'connector': CONNECTOR}})
    assert resp.status == 200, resp
    attachment = resp.json['attachment']
    info = attachment['connection_info']
    assert (info['driver_volume_type'], info['name'], info['attachment_id']) == (
        'rbd', '%s/volume-%s' % (ceph.pool, volume_id), attachment['id'])
    with conftest.image_from_connection(info, ceph.user_keyring) as image:
        assert image.size() == 1 << 30
    resp = cloud.request('DELETE', '/v3/p1/attachments/%s' % attachment['id'],
                         headers=headers)
    assert resp.status == 200, resp
    fixtures.wait_status(cloud, 'volumes', volume_id, 'available')
    delete_volume(cloud, volume_id)
