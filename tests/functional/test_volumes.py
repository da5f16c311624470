"""Volumes end to end against one live cinderlite: the real cinderclient, views,
pagination, filters, tenant isolation, bad input and the bytes of clones.

One cloud serves the whole module (starting one costs seconds); every test
works in a project of its own, so tests never see each other's volumes or quota.
"""

import hashlib
import json
import os
from urllib import parse
import uuid

from cinderclient import exceptions as cinder_exc
import pytest

from cinderlite.volume.drivers import file as file_driver
from tests import fixtures
from tests.contents import content_digest

# API.md section 10: a volume at microversion 3.0, as strict clients validate it.
VOLUME_FIELDS_3_0 = {
    'attachments', 'links', 'encrypted', 'updated_at', 'replication_status', 'id', 'size',
    'user_id', 'availability_zone', 'metadata', 'status', 'description', 'multiattach',
    'consistencygroup_id', 'name', 'bootable', 'created_at', 'volume_type', 'snapshot_id',
    'source_volid'}
OWNER_FIELDS = {'os-vol-tenant-attr:tenant_id'}
ADMIN_FIELDS = {'os-vol-host-attr:host', 'migration_status',
                'os-vol-mig-status-attr:migstat', 'os-vol-mig-status-attr:name_id'}
BLOCK = 4096


def call(cloud, method, project, path, user='u1', **kwargs):
    """``method /v3/<project><path>`` as ``user`` of ``project``."""
    return cloud.request(method, '/v3/%s%s' % (project, path),
                         token='%s:%s' % (user, project), **kwargs)


def create_volume(cloud, project, user='u1', wait='available', **values):
    values.setdefault('size', 1)
    resp = call(cloud, 'POST', project, '/volumes', user=user, body={'volume': values})
    assert resp.status == 202, resp
    volume = resp.json['volume']
    if wait:
        return fixtures.wait_status(cloud, 'volumes', volume['id'], wait,
                                    token='%s:%s' % (user, project), project=project)
    return volume


def create_type(cloud, extra_specs=None):
    name = 'type-%s' % uuid.uuid4().hex[:8]
    resp = cloud.request('POST', '/v3/admin/types', token='admin:admin',
                         body={'volume_type': {'name': name, 'extra_specs': extra_specs}})
    assert resp.status == 200, resp
    return resp.json['volume_type']


def volumes_dir(cloud, backend='file'):
    return os.path.join(cloud.conf.state_path, 'volumes', backend)


def volume_file(cloud, volume_id, backend='file'):
    return os.path.join(volumes_dir(cloud, backend), 'volume-%s' % volume_id)


def write_pattern(path, seed):
    """Write distinct data at the start, the middle and the end of a volume file."""
    size = os.path.getsize(path)
    with file_driver.volume_io(path) as f:
        for offset in (0, size // 2 + BLOCK, size - 16 * BLOCK):
            f.seek(offset)
            f.write(hashlib.sha256(b'%s-%d' % (seed, offset)).digest() * (4 * BLOCK // 32))


def orphan_files(cloud, backend='file'):
    """Volume and snapshot files of the backend that no row of any project explains.

    Rows are written before a file is made and deleted after it is removed, so
    at any moment every file has its row.
    """
    rows = set()
    for collection in ('volumes', 'snapshots'):
        listed = cloud.request('GET', '/v3/admin/%s?all_tenants=1' % collection,
                               token='admin:admin').json[collection]
        rows |= {'%s-%s' % (collection[:-1], item['id']) for item in listed}
    return set(os.listdir(volumes_dir(cloud, backend))) - rows


def assert_nothing_left(cloud, project):
    """No volume or snapshot row, no quota usage for ``project``; no orphan file."""
    assert call(cloud, 'GET', project, '/volumes').json['volumes'] == []
    assert call(cloud, 'GET', project, '/snapshots').json['snapshots'] == []
    fixtures.assert_usage_matches_rows(cloud, project)
    usage = call(cloud, 'GET', project, '/os-quota-sets/%s?usage=True' % project).json
    assert {k: v['in_use'] for k, v in usage['quota_set'].items()
            if k != 'id' and v['in_use']} == {}
    assert orphan_files(cloud) == set()


# -- the real python-cinderclient ------------------------------------------------


def test_cinderclient_type_volume_snapshot_clones_and_delete(shared_cloud, project):
    cloud = shared_cloud
    admin = cloud.cinder('admin', project)
    cs = cloud.cinder('u1', project)
    type_name = 'fast-%s' % project
    vtype = admin.volume_types.create(type_name)
    assert vtype.name == type_name and vtype.is_public is True

    volume = cs.volumes.create(1, name='v1', volume_type=type_name)
    assert volume.status == 'creating' and volume.volume_type == type_name
    fixtures.wait_status(cloud, 'volumes', volume.id, 'available',
                         token='u1:' + project, project=project)
    listed = cs.volumes.list()
    assert [(v.id, v.name, v.status, v.size) for v in listed] == [
        (volume.id, 'v1', 'available', 1)]

    source = volume_file(cloud, volume.id)
    write_pattern(source, b'before-snapshot')
    at_snapshot = content_digest(source)
    snapshot = cs.volume_snapshots.create(volume.id)
    fixtures.wait_status(cloud, 'snapshots', snapshot.id, 'available',
                         token='u1:' + project, project=project)
    write_pattern(source, b'after-snapshot')
    now = content_digest(source)
    assert now != at_snapshot

    clone = cs.volumes.create(1, source_volid=volume.id)
    from_snapshot = cs.volumes.create(1, snapshot_id=snapshot.id)
    for new in (clone, from_snapshot):
        shown = fixtures.wait_status(cloud, 'volumes', new.id, 'available',
                                     token='u1:' + project, project=project)
        assert shown['volume_type'] == type_name
    assert cs.volumes.get(clone.id).source_volid == volume.id
    assert cs.volumes.get(from_snapshot.id).snapshot_id == snapshot.id
    assert content_digest(volume_file(cloud, clone.id)) == now
    assert content_digest(volume_file(cloud, from_snapshot.id)) == at_snapshot

    usage = cs.quotas.get(project, usage=True)
    assert usage.volumes['in_use'] == 3 and usage.snapshots['in_use'] == 1
    assert usage.gigabytes['in_use'] == 4
    assert getattr(usage, 'volumes_' + type_name)['in_use'] == 3
    fixtures.assert_usage_matches_rows(cloud, project)

    with pytest.raises(cinder_exc.BadRequest):
        cs.volumes.delete(volume.id)        # it still has a snapshot
    cs.volume_snapshots.delete(snapshot.id)
    fixtures.wait_status(cloud, 'snapshots', snapshot.id, 'deleted',
                         token='u1:' + project, project=project)
    for vol in (clone, from_snapshot, volume):
        cs.volumes.delete(vol.id)
    for vol in (clone, from_snapshot, volume):
        fixtures.wait_status(cloud, 'volumes', vol.id, 'deleted',
                             token='u1:' + project, project=project)
        assert not os.path.exists(volume_file(cloud, vol.id))
    assert cs.volumes.list() == []
    usage = cs.quotas.get(project, usage=True)
    assert (usage.volumes['in_use'], usage.gigabytes['in_use'],
            usage.snapshots['in_use']) == (0, 0, 0)
    fixtures.assert_usage_matches_rows(cloud, project)


def test_clone_may_be_larger_and_reads_zeros_past_the_source(shared_cloud, project):
    source = create_volume(shared_cloud, project)
    write_pattern(volume_file(shared_cloud, source['id']), b'small')
    clone = create_volume(shared_cloud, project, size=2, source_volid=source['id'])
    assert clone['size'] == 2
    path = volume_file(shared_cloud, clone['id'])
    assert os.path.getsize(path) == 2 * file_driver.GiB
    with open(path, 'rb') as f:
        f.seek(file_driver.GiB)
        assert f.read(BLOCK) == b'\0' * BLOCK
    fixtures.assert_usage_matches_rows(shared_cloud, project)


# -- views -----------------------------------------------------------------------


def test_detail_view_has_the_3_0_fields_and_admin_fields_for_admins(shared_cloud,
                                                                     project):
    created = call(shared_cloud, 'POST', project, '/volumes',
                   body={'volume': {'size': 1, 'name': 'view',
                                    'availability_zone': 'nova'}})
    # Cinder's create and update answers carry none of the os-vol-* attributes.
    assert set(created.json['volume']) == VOLUME_FIELDS_3_0
    volume = fixtures.wait_status(shared_cloud, 'volumes', created.json['volume']['id'],
                                  'available', token='u1:' + project, project=project)
    updated = call(shared_cloud, 'PUT', project, '/volumes/' + volume['id'],
                   body={'volume': {'description': 'd'}}).json['volume']
    assert set(updated) == VOLUME_FIELDS_3_0
    member_views = [volume,
                    call(shared_cloud, 'GET', project, '/volumes/detail').json['volumes'][0]]
    for view in member_views:
        assert set(view) == VOLUME_FIELDS_3_0 | OWNER_FIELDS
        assert view['os-vol-tenant-attr:tenant_id'] == project
    for view in member_views + [created.json['volume'], updated]:
        assert view['bootable'] == 'false' and view['volume_type'] == '__DEFAULT__'
        assert all(set(link) == {'href', 'rel'} for link in view['links'])
    links = {link['rel']: link['href'] for link in volume['links']}
    assert links['self'] == '%s/v3/%s/volumes/%s' % (shared_cloud.url, project,
                                                         volume['id'])
    assert links['bookmark'] == '%s/%s/volumes/%s' % (shared_cloud.url, project,
                                                          volume['id'])

    admin_view = call(shared_cloud, 'GET', project, '/volumes/' + volume['id'],
                      user='admin').json['volume']
    assert set(admin_view) == VOLUME_FIELDS_3_0 | OWNER_FIELDS | ADMIN_FIELDS
    assert admin_view['os-vol-host-attr:host'] == 'testhost@file#file'
    admin_update = call(shared_cloud, 'PUT', project, '/volumes/' + volume['id'], user='admin',
                        body={'volume': {'description': 'e'}}).json['volume']
    assert set(admin_update) == VOLUME_FIELDS_3_0 | {'migration_status'}

    summary = call(shared_cloud, 'GET', project, '/volumes').json['volumes'][0]
    assert set(summary) == {'id', 'name', 'links'}


# -- pagination ------------------------------------------------------------------


@pytest.fixture
def five_volumes(shared_cloud, project):
    """Five volumes named v0..v4, created in that order; newest first."""
    ids = [create_volume(shared_cloud, project, wait=None, name='v%d' % i)['id']
           for i in range(5)]
    return list(reversed(ids))


def ids_of(resp):
    assert resp.status == 200, resp
    return [v['id'] for v in resp.json['volumes']]


def test_limit_and_next_links_walk_every_volume_once(shared_cloud, project, five_volumes):
    resp = call(shared_cloud, 'GET', project, '/volumes?limit=2')
    seen = ids_of(resp)
    while 'volumes_links' in resp.json:
        link, = resp.json['volumes_links']
        assert link['rel'] == 'next'
        url = parse.urlsplit(link['href'])
        query = parse.parse_qs(url.query)
        assert query['limit'] == ['2'] and query['marker'] == [seen[-1]]
        resp = shared_cloud.request('GET', '%s?%s' % (url.path, url.query),
                                    token='u1:' + project)
        seen += ids_of(resp)
    assert seen == five_volumes
    everything = call(shared_cloud, 'GET', project, '/volumes/detail')
    assert ids_of(everything) == five_volumes and 'volumes_links' not in everything.json


def test_marker_offset_and_both_sort_styles(shared_cloud, project, five_volumes):
    newest_first = five_volumes
    after = call(shared_cloud, 'GET', project, '/volumes?marker=%s' % newest_first[1])
    assert ids_of(after) == newest_first[2:]
    assert ids_of(call(shared_cloud, 'GET', project, '/volumes?offset=3')) == \
        newest_first[3:]
    by_name = list(reversed(newest_first))          # v0..v4
    for query in ('sort=name:asc', 'sort_key=name&sort_dir=asc', 'sort=display_name:asc',
                  'sort=created_at:asc', 'sort_dir=asc'):
        assert ids_of(call(shared_cloud, 'GET', project, '/volumes?' + query)) == by_name
    assert ids_of(call(shared_cloud, 'GET', project, '/volumes?sort=name')) == newest_first
    page = call(shared_cloud, 'GET', project,
                '/volumes/detail?sort=name:asc&limit=2&marker=%s' % by_name[1])
    assert ids_of(page) == by_name[2:4]
    assert 'sort=name%3Aasc' in page.json['volumes_links'][0]['href']


def test_paging_by_a_key_with_nulls_walks_every_volume_once(shared_cloud, project):
    ids = [create_volume(shared_cloud, project, wait=None, name=name)['id']
           for name in ('b', None, 'a', None)]
    for direction in ('asc', 'desc'):
        resp = call(shared_cloud, 'GET', project, '/volumes?limit=1&sort=name:' + direction)
        seen = ids_of(resp)
        while 'volumes_links' in resp.json:
            url = parse.urlsplit(resp.json['volumes_links'][0]['href'])
            resp = shared_cloud.request('GET', '%s?%s' % (url.path, url.query),
                                        token='u1:' + project)
            seen += ids_of(resp)
        assert sorted(seen) == sorted(ids), direction


@pytest.mark.parametrize('query,status,message', [
    ('limit=abc', 400, 'limit param must be an integer'),
    ('limit=-1', 400, 'limit param must be positive'),
    ('offset=x', 400, 'offset param must be an integer'),
    ('sort=name:sideways', 400, 'Unknown sort direction'),
    ('sort_key=no_such_column', 400, 'Invalid sort key'),
    ('sort=name:asc&sort_key=size', 400, "cannot be used with the 'sort' parameter"),
    ('sort=name&sort_dir=asc', 400, "cannot be used with the 'sort' parameter"),
    # A fixed id: it is part of the test id, which every xdist worker must agree on.
    ('marker=00000000-0000-4000-8000-000000000404', 404, 'could not be found'),
])
def test_bad_paging_parameters(shared_cloud, project, query, status, message):
    create_volume(shared_cloud, project, wait=None)
    for path in ('/volumes?', '/volumes/detail?'):
        resp = call(shared_cloud, 'GET', project, path + query)
        assert resp.status == status, resp
        error = resp.json['badRequest' if status == 400 else 'itemNotFound']
        assert message in error['message']


def test_another_projects_marker_is_404(shared_cloud, project):
    theirs = create_volume(shared_cloud, 'x' + project, wait=None)
    create_volume(shared_cloud, project, wait=None)
    resp = call(shared_cloud, 'GET', project, '/volumes?marker=' + theirs['id'])
    assert resp.status == 404
    assert resp.json['itemNotFound']['message'] == \
        'Marker %s could not be found.' % theirs['id']


def test_osapi_max_limit_caps_every_page(shared_cloud, project, five_volumes):
    shared_cloud.conf.set_override('osapi_max_limit', 2)
    try:
        for query in ('', '?limit=100'):
            resp = call(shared_cloud, 'GET', project, '/volumes' + query)
            assert ids_of(resp) == five_volumes[:2]
            query = parse.parse_qs(parse.urlsplit(resp.json['volumes_links'][0]['href'])
                                   .query)
            assert query['limit'] == ['2']
    finally:
        shared_cloud.conf.clear_override('osapi_max_limit')


# -- filters and all_tenants ------------------------------------------------------


def test_filters_by_name_and_status(shared_cloud, project):
    a = create_volume(shared_cloud, project, name='alpha')
    b = create_volume(shared_cloud, project, name='beta')
    assert ids_of(call(shared_cloud, 'GET', project, '/volumes?name=alpha')) == [a['id']]
    assert ids_of(call(shared_cloud, 'GET', project, '/volumes/detail?name=beta')) == \
        [b['id']]
    assert ids_of(call(shared_cloud, 'GET', project, '/volumes?name=gamma')) == []
    assert set(ids_of(call(shared_cloud, 'GET', project, '/volumes?status=available'))) \
        == {a['id'], b['id']}
    assert ids_of(call(shared_cloud, 'GET', project, '/volumes?status=error')) == []
    assert ids_of(call(shared_cloud, 'GET', project,
                       '/volumes?status=available&name=beta')) == [b['id']]


def test_all_tenants_is_honoured_for_the_admin_only(shared_cloud, project):
    other = 'x' + project
    name = 'shared-name-%s' % project
    mine = create_volume(shared_cloud, project, wait=None, name=name)
    theirs = create_volume(shared_cloud, other, wait=None, name=name)
    query = '/volumes/detail?all_tenants=1&name=' + name
    assert ids_of(call(shared_cloud, 'GET', project, query)) == [mine['id']]
    assert ids_of(call(shared_cloud, 'GET', other, query)) == [theirs['id']]
    assert set(ids_of(call(shared_cloud, 'GET', project, query, user='admin'))) == \
        {mine['id'], theirs['id']}
    assert ids_of(call(shared_cloud, 'GET', project, '/volumes?name=' + name,
                       user='admin')) == [mine['id']]
    assert ids_of(call(shared_cloud, 'GET', project,
                       '/volumes?all_tenants=0&name=' + name, user='admin')) == [mine['id']]


def test_admin_lists_one_project_with_all_tenants_and_project_id(shared_cloud, project):
    """As tempest's test_volume_list_param_tenant: only that project's volumes."""
    other = 'x' + project
    name = 'by-project-%s' % project
    mine = create_volume(shared_cloud, project, wait=None, name=name)
    theirs = create_volume(shared_cloud, other, wait=None, name=name)
    for path in ('/volumes', '/volumes/detail'):
        query = '%s?all_tenants=1&name=%s&project_id=' % (path, name)
        assert ids_of(call(shared_cloud, 'GET', project, query + other,
                           user='admin')) == [theirs['id']]
        assert ids_of(call(shared_cloud, 'GET', project, query + project,
                           user='admin')) == [mine['id']]
        # Without all_tenants, or for a member, project_id widens nothing.
        assert ids_of(call(shared_cloud, 'GET', project,
                           '%s?name=%s&project_id=%s' % (path, name, other),
                           user='admin')) == [mine['id']]
        assert ids_of(call(shared_cloud, 'GET', project, query + other)) == [mine['id']]


# -- tenant isolation ------------------------------------------------------------


def test_another_projects_volume_and_snapshot_are_404_like_missing_ones(shared_cloud,
                                                                       project):
    other = 'x' + project
    volume = create_volume(shared_cloud, other)
    snap = call(shared_cloud, 'POST', other, '/snapshots',
                body={'snapshot': {'volume_id': volume['id']}}).json['snapshot']
    fixtures.wait_status(shared_cloud, 'snapshots', snap['id'], 'available',
                         token='u1:' + other, project=other)
    requests = [
        ('GET', '/volumes/{v}', None),
        ('PUT', '/volumes/{v}', {'volume': {'name': 'mine now'}}),
        ('DELETE', '/volumes/{v}', None),
        ('GET', '/volumes/{v}/metadata', None),
        ('POST', '/volumes/{v}/metadata', {'metadata': {'k': 'v'}}),
        ('POST', '/snapshots', {'snapshot': {'volume_id': '{v}'}}),
        ('POST', '/volumes', {'volume': {'size': 1, 'source_volid': '{v}'}}),
        ('GET', '/snapshots/{s}', None),
        ('PUT', '/snapshots/{s}', {'snapshot': {'name': 'mine now'}}),
        ('DELETE', '/snapshots/{s}', None),
        ('POST', '/volumes', {'volume': {'size': 1, 'snapshot_id': '{s}'}}),
    ]
    missing = str(uuid.uuid4())
    for method, path, body in requests:
        def fill(text, v, s):
            return text.replace('{v}', v).replace('{s}', s)
        body_text = json.dumps(body)
        real_id = snap['id'] if '{s}' in path + body_text else volume['id']
        resp = call(shared_cloud, method, project, fill(path, volume['id'], snap['id']),
                    body=json.loads(fill(body_text, volume['id'], snap['id'])))
        missing_resp = call(shared_cloud, method, project, fill(path, missing, missing),
                            body=json.loads(fill(body_text, missing, missing)))
        assert resp.status == missing_resp.status == 404, (method, path, resp)
        assert resp.json == {'itemNotFound': {
            'code': 404, 'message': missing_resp.json['itemNotFound']['message'].replace(
                missing, real_id)}}
    assert ids_of(call(shared_cloud, 'GET', project, '/volumes')) == []
    theirs = call(shared_cloud, 'GET', other, '/volumes/' + volume['id']).json['volume']
    assert theirs['name'] is None and theirs['status'] == 'available'
    assert call(shared_cloud, 'GET', other, '/snapshots/' + snap['id']).json[
        'snapshot']['status'] == 'available'
    fixtures.assert_usage_matches_rows(shared_cloud, project)
    fixtures.assert_usage_matches_rows(shared_cloud, other)


# -- bad input and nothing half-done --------------------------------------------


def test_the_nulls_cinderclient_sends_are_accepted(shared_cloud, project):
    body = {'volume': {'size': 1, 'consistencygroup_id': None, 'snapshot_id': None,
                       'name': None, 'description': None, 'volume_type': None,
                       'availability_zone': None, 'metadata': {}, 'imageRef': None,
                       'source_volid': None, 'backup_id': None, 'multiattach': None},
            'OS-SCH-HNT:scheduler_hints': None}
    resp = call(shared_cloud, 'POST', project, '/volumes', body=body)
    assert resp.status == 202, resp
    volume = fixtures.wait_status(shared_cloud, 'volumes', resp.json['volume']['id'],
                                  'available', token='u1:' + project, project=project)
    resp = call(shared_cloud, 'POST', project, '/volumes', body=dict(
        body, volume=dict(body['volume'], size=None, source_volid=volume['id'],
                          metadata=None)))
    assert resp.status == 202, resp
    assert resp.json['volume']['size'] == 1
    for update in ({'name': None, 'description': None}, {'metadata': None}):
        resp = call(shared_cloud, 'PUT', project, '/volumes/' + volume['id'],
                    body={'volume': update})
        assert resp.status == 200, resp
    resp = call(shared_cloud, 'POST', project, '/snapshots', body={'snapshot': {
        'volume_id': volume['id'], 'force': False, 'name': None, 'description': None,
        'metadata': {}}})
    assert resp.status == 202, resp
    resp = call(shared_cloud, 'PUT', project, '/snapshots/' + resp.json['snapshot']['id'],
                body={'snapshot': {'name': None, 'description': None}})
    assert resp.status == 200, resp
    fixtures.assert_usage_matches_rows(shared_cloud, project)


@pytest.mark.parametrize('values,status,message', [
    ({'size': 0}, 400, 'Invalid volume size provided for create request: 0'),
    ({'size': None}, 400, 'Invalid volume size provided for create request: None'),
    ({}, 400, 'Invalid volume size provided for create request: None'),
    ({'size': -1}, 400, 'Invalid input for field/attribute size'),
    ({'size': '1.5'}, 400, 'Invalid input for field/attribute size'),
    ({'size': 1, 'name': 'n' * 256}, 400, 'Invalid input for field/attribute name'),
    ({'size': 1, 'metadata': {'k': 1}}, 400, 'Invalid input for field/attribute k'),
    ({'size': 1, 'multiattach': True}, 400, 'multiattach'),
    ({'size': 1, 'availability_zone': 'mars'}, 400, "Availability zone 'mars' is invalid."),
    ({'size': 1, 'imageRef': str(uuid.uuid4())}, 400, 'image'),
    ({'size': 1, 'backup_id': '0bea3be8-938d-4015-8e02-9e46fdcb061d'}, 404,
     'Backup 0bea3be8-938d-4015-8e02-9e46fdcb061d could not be found.'),
    ({'size': 1, 'volume_type': 'no-such-type'}, 404,
     'Volume type with name no-such-type could not be found.'),
    ({'size': 1, 'snapshot_id': 'a', 'source_volid': 'b'}, 400,
     'Cannot create a volume from both a snapshot and a volume.'),
    ({'size': 1, 'consistencygroup_id': str(uuid.uuid4()), 'volume_type': '__DEFAULT__'},
     404, 'could not be found'),
    ({'size': 1, 'consistencygroup_id': str(uuid.uuid4())}, 400,
     'volume_type must be provided when creating a volume in a consistency group.'),
])
def test_bad_volume_create_writes_nothing(shared_cloud, project, values, status, message):
    resp = call(shared_cloud, 'POST', project, '/volumes', body={'volume': values})
    assert resp.status == status, resp
    error = resp.json['badRequest' if status == 400 else 'itemNotFound']
    assert message in error['message']
    assert_nothing_left(shared_cloud, project)


def test_clone_smaller_than_its_source_is_400(shared_cloud, project):
    source = create_volume(shared_cloud, project, size=2)
    resp = call(shared_cloud, 'POST', project, '/volumes',
                body={'volume': {'size': 1, 'source_volid': source['id']}})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid input received: Volume size 1GB cannot be smaller than the source '
        'size 2GB.')
    assert ids_of(call(shared_cloud, 'GET', project, '/volumes')) == [source['id']]
    assert orphan_files(shared_cloud) == set()
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_clone_or_snapshot_of_a_volume_in_error_is_400(shared_cloud, project):
    nowhere = create_type(shared_cloud, {'volume_backend_name': 'no-such-backend'})
    broken = create_volume(shared_cloud, project, wait='error', volume_type=nowhere['id'])
    resp = call(shared_cloud, 'POST', project, '/volumes',
                body={'volume': {'size': 1, 'source_volid': broken['id']}})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid volume: Originating volume status must be one of available, in-use.')
    resp = call(shared_cloud, 'POST', project, '/snapshots',
                body={'snapshot': {'volume_id': broken['id'], 'force': True}})
    assert resp.status == 400
    assert 'status must be available' in resp.json['badRequest']['message']
    assert ids_of(call(shared_cloud, 'GET', project, '/volumes')) == [broken['id']]
    assert call(shared_cloud, 'GET', project, '/snapshots').json['snapshots'] == []
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_volume_with_snapshots_cannot_be_deleted(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    snap = call(shared_cloud, 'POST', project, '/snapshots',
                body={'snapshot': {'volume_id': volume['id']}}).json['snapshot']
    fixtures.wait_status(shared_cloud, 'snapshots', snap['id'], 'available',
                         token='u1:' + project, project=project)
    resp = call(shared_cloud, 'DELETE', project, '/volumes/' + volume['id'])
    assert resp.status == 400
    assert 'have snapshots' in resp.json['badRequest']['message']
    shown = call(shared_cloud, 'GET', project, '/volumes/' + volume['id']).json['volume']
    assert shown['status'] == 'available'
    assert os.path.exists(volume_file(shared_cloud, volume['id']))
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_volume_in_a_group_cannot_be_deleted(shared_cloud, project):
    vtype = create_type(shared_cloud)
    resp = call(shared_cloud, 'POST', project, '/consistencygroups',
                body={'consistencygroup': {'volume_types': vtype['name']}})
    assert resp.status == 202, resp
    group_id = resp.json['consistencygroup']['id']
    fixtures.wait_status(shared_cloud, 'consistencygroups', group_id, 'available',
                         token='u1:' + project, project=project)
    volume = create_volume(shared_cloud, project, consistencygroup_id=group_id,
                           volume_type=vtype['name'])
    assert volume['consistencygroup_id'] == group_id
    resp = call(shared_cloud, 'DELETE', project, '/volumes/' + volume['id'])
    assert resp.status == 400
    assert 'belong to a group' in resp.json['badRequest']['message']
    assert call(shared_cloud, 'GET', project, '/volumes/' + volume['id']).json[
        'volume']['status'] == 'available'
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_a_volume_being_deleted_cannot_be_deleted_again(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    assert call(shared_cloud, 'DELETE', project, '/volumes/' + volume['id']).status == 202
    again = call(shared_cloud, 'DELETE', project, '/volumes/' + volume['id'])
    assert again.status in (400, 404)      # 404 once the manager has finished
    fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                         token='u1:' + project, project=project)
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_a_backend_failure_is_told_without_server_internals(shared_cloud, project):
    source = create_volume(shared_cloud, project)
    os.unlink(volume_file(shared_cloud, source['id']))      # lost behind cinderlite's back
    clone = create_volume(shared_cloud, project, wait='error', source_volid=source['id'])
    messages = call(shared_cloud, 'GET', project, '/messages',
                    headers={'OpenStack-API-Version': 'volume 3.3'}).json['messages']
    assert [(m['resource_uuid'], m['event_id']) for m in messages] == [
        (clone['id'], 'VOLUME_000002')]
    text = messages[0]['user_message']
    assert shared_cloud.conf.state_path not in text and 'Errno' not in text
    assert text == (
        'create volume: the storage backend failed to create it: an unexpected error, '
        'logged by the volume service. Delete it and try again; if that fails too, tell '
        'your cloud administrator.')
    for volume in (clone, source):
        assert call(shared_cloud, 'DELETE', project, '/volumes/' + volume['id']).status == 202
        fixtures.wait_status(shared_cloud, 'volumes', volume['id'], 'deleted',
                             token='u1:' + project, project=project)
    assert_nothing_left(shared_cloud, project)
