"""Building blocks for group tests: types, groups with volumes, cgsnapshots, file bytes."""

import os
import uuid

from cinderlite.volume.drivers import file as file_driver
from tests import contents
from tests import fixtures

ADMIN = 'admin:admin'


def create_type(cloud, name='fast', backend_name=None):
    specs = {'volume_backend_name': backend_name} if backend_name else {}
    resp = cloud.request('POST', '/v3/admin/types', token=ADMIN,
                         body={'volume_type': {'name': name, 'extra_specs': specs}})
    assert resp.status == 200, resp
    return resp.json['volume_type']['id']


def set_quota(cloud, project_id, **limits):
    resp = cloud.request('PUT', '/v3/admin/os-quota-sets/%s' % project_id, token=ADMIN,
                         body={'quota_set': limits})
    assert resp.status == 200, resp


def create_group(cloud, types='fast', token='u1:p1', project='p1', name='cg'):
    resp = cloud.request('POST', '/v3/%s/consistencygroups' % project, token=token,
                         body={'consistencygroup': {'name': name, 'volume_types': types}})
    assert resp.status == 202, resp
    group_id = resp.json['consistencygroup']['id']
    fixtures.wait_status(cloud, 'consistencygroups', group_id, 'available', token, project)
    return group_id


def create_volume(cloud, group_id=None, vtype='fast', size=1, name=None, token='u1:p1',
                  project='p1', wait='available'):
    body = {'volume': {'size': size, 'volume_type': vtype, 'name': name,
                       'consistencygroup_id': group_id}}
    resp = cloud.request('POST', '/v3/%s/volumes' % project, token=token, body=body)
    assert resp.status == 202, resp
    volume_id = resp.json['volume']['id']
    if wait:
        fixtures.wait_status(cloud, 'volumes', volume_id, wait, token, project)
    return volume_id


def group_with_volumes(cloud, count, token='u1:p1', project='p1', names=None, size=1):
    group_id = create_group(cloud, token=token, project=project)
    names = names or ['m%d' % i for i in range(count)]
    volumes = [create_volume(cloud, group_id, name=names[i], token=token, project=project,
                             size=size)
               for i in range(count)]
    return group_id, volumes


def create_cgsnapshot(cloud, group_id, token='u1:p1', project='p1'):
    resp = cloud.request('POST', '/v3/%s/cgsnapshots' % project, token=token,
                         body={'cgsnapshot': {'consistencygroup_id': group_id,
                                              'name': 'snap'}})
    assert resp.status == 202, resp
    cgsnapshot_id = resp.json['cgsnapshot']['id']
    fixtures.wait_status(cloud, 'cgsnapshots', cgsnapshot_id, 'available', token, project)
    return cgsnapshot_id


def clone(cloud, token='u1:p1', project='p1', **source):
    body = {'consistencygroup-from-src': dict({'name': 'clone', 'description': None},
                                              **source)}
    return cloud.request('POST', '/v3/%s/consistencygroups/create_from_src' % project,
                         token=token, body=body)


def list_volumes(cloud, token=ADMIN, query='all_tenants=1', version=None):
    # A multiprocess APIProcess takes no headers: send one only when asked.
    extra = {'headers': {'OpenStack-API-Version': 'volume ' + version}} if version else {}
    resp = cloud.request('GET', '/v3/%s/volumes/detail?%s' % (token.split(':')[1], query),
                         token=token, **extra)
    assert resp.status == 200, resp
    return resp.json['volumes']


def list_groups(cloud, token=ADMIN):
    resp = cloud.request('GET', '/v3/%s/consistencygroups/detail?all_tenants=1'
                         % token.split(':')[1], token=token)
    assert resp.status == 200, resp
    return resp.json['consistencygroups']


def volume_path(cloud, volume_id, backend='file'):
    return os.path.join(cloud.conf.state_path, 'volumes', backend, 'volume-%s' % volume_id)


def attach(cloud, volume_id, token='u1:p1'):
    """Attach as a compute host does (os-reserve, os-initialize_connection, os-attach).

    Returns the path the host writes the volume through: the file driver's
    ``local`` connection's ``device_path``. The volume is ``in-use`` after.
    """
    path = '/v3/%s/volumes/%s/action' % (token.split(':')[1], volume_id)
    assert cloud.request('POST', path, token=token, body={'os-reserve': None}).status == 202
    resp = cloud.request('POST', path, token=token, body={'os-initialize_connection': {
        'connector': {'host': 'writer-host', 'platform': 'x86_64', 'os_type': 'linux2',
                      'multipath': False}}})
    assert resp.status == 200, resp
    info = resp.json['connection_info']
    assert info['driver_volume_type'] == 'local', info
    resp = cloud.request('POST', path, token=token, body={'os-attach': {
        'instance_uuid': str(uuid.uuid4()), 'mountpoint': '/dev/vdb'}})
    assert resp.status == 202, resp
    return info['data']['device_path']


def write_pattern(path, pattern, offset=0):
    with file_driver.volume_io(path) as f:
        f.seek(offset)
        f.write(pattern)
        f.flush()
        os.fsync(f.fileno())


def checksum(path):
    """The content digest of a volume file (its data extents only: see tests.contents)."""
    return contents.content_digest(path)


def usage(cloud, project='p1'):
    resp = cloud.request('GET', '/v3/admin/os-quota-sets/%s?usage=True' % project,
                         token=ADMIN)
    assert resp.status == 200, resp
    return {k: v['in_use'] for k, v in resp.json['quota_set'].items() if k != 'id'}


def assert_usage_is_row_count(cloud, project='p1'):
    """Through the API: usage equals what the listed resources add up to.

    For clouds in other processes; in-process tests use
    fixtures.assert_usage_matches_rows, which reads the tables.
    """
    volumes = [v for v in list_volumes(cloud)
               if v['os-vol-tenant-attr:tenant_id'] == project]
    snapshots = cloud.request('GET', '/v3/admin/snapshots/detail?all_tenants=1',
                              token=ADMIN).json['snapshots']
    snapshots = [s for s in snapshots
                 if s['os-extended-snapshot-attributes:project_id'] == project]
    groups = cloud.request('GET', '/v3/%s/consistencygroups' % project,
                           token='u1:%s' % project).json['consistencygroups']
    in_use = usage(cloud, project)
    assert in_use.get('volumes', 0) == len(volumes)
    assert in_use.get('snapshots', 0) == len(snapshots)
    assert in_use.get('gigabytes', 0) == (sum(v['size'] for v in volumes)
                                          + sum(s['size'] for s in snapshots))
    assert in_use.get('groups', 0) == len(groups)



# -- the groups API (microversions 3.11 to 3.14) --------------------------------

def call(cloud, method, path, body=None, token='u1:p1', version='3.14'):
    """A request under /v3/<the token's project> at microversion ``version``."""
    return cloud.request(method, '/v3/%s%s' % (token.split(':')[1], path), token=token,
                         body=body, headers={'OpenStack-API-Version': 'volume ' + version})


def create_group_type(cloud, name='gt', specs=None, is_public=True):
    resp = call(cloud, 'POST', '/group_types', token=ADMIN, body={'group_type': {
        'name': name, 'group_specs': specs or {}, 'is_public': is_public}})
    assert resp.status == 202, resp
    return resp.json['group_type']


def create_generic_group(cloud, group_type='gt', volume_types=('fast',), name='g1',
                         token='u1:p1'):
    """A group of ``group_type`` through POST /groups, once available (its detail view)."""
    resp = call(cloud, 'POST', '/groups', token=token, body={'group': {
        'name': name, 'group_type': group_type, 'volume_types': list(volume_types)}})
    assert resp.status == 202, resp
    assert set(resp.json['group']) == {'id', 'name'}
    return fixtures.wait_status(cloud, 'groups', resp.json['group']['id'], 'available',
                                token, token.split(':')[1])


def create_member(cloud, group_id, name=None, token='u1:p1'):
    """A volume created into a group with ``group_id`` (3.13), once available."""
    resp = call(cloud, 'POST', '/volumes', token=token, version='3.13', body={'volume': {
        'size': 1, 'volume_type': 'fast', 'group_id': group_id, 'name': name}})
    assert resp.status == 202, resp
    assert resp.json['volume']['group_id'] == group_id
    assert resp.json['volume']['consistencygroup_id'] is None
    return fixtures.wait_status(cloud, 'volumes', resp.json['volume']['id'], 'available',
                                token, token.split(':')[1])['id']


def create_group_snapshot(cloud, group_id, token='u1:p1'):
    resp = call(cloud, 'POST', '/group_snapshots', token=token, body={'group_snapshot': {
        'group_id': group_id, 'name': 'gs'}})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'group_snapshots', resp.json['group_snapshot']['id'],
                                'available', token, token.split(':')[1])['id']


def clone_group(cloud, token='u1:p1', **source):
    """POST /groups/action create-from-src with ``source`` (both keys, as OSC sends)."""
    body = dict({'name': 'clone', 'description': None, 'source_group_id': None,
                 'group_snapshot_id': None}, **source)
    return call(cloud, 'POST', '/groups/action', token=token,
                body={'create-from-src': body})
