"""The metadata routes of volumes and snapshots, as Cinder (and tempest) use them.

One cloud serves the module; each test works in a project of its own.
"""

import uuid

import pytest

from tests import fixtures


def call(cloud, method, project, path, user='u1', **kwargs):
    return cloud.request(method, '/v3/%s%s' % (project, path),
                         token='%s:%s' % (user, project), **kwargs)


def make_volume(cloud, project):
    resp = call(cloud, 'POST', project, '/volumes', body={'volume': {'size': 1}})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'volumes', resp.json['volume']['id'], 'available',
                                token='u1:' + project, project=project)['id']


def make_snapshot(cloud, project):
    volume_id = make_volume(cloud, project)
    resp = call(cloud, 'POST', project, '/snapshots',
                body={'snapshot': {'volume_id': volume_id}})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'],
                                'available', token='u1:' + project, project=project)['id']


MAKERS = {'volumes': make_volume, 'snapshots': make_snapshot}
NOT_FOUND = {'volumes': 'Volume', 'snapshots': 'Snapshot'}


@pytest.fixture(params=sorted(MAKERS))
def owner(request, shared_cloud, project):
    """``(collection, id)`` of a new volume or snapshot of ``project``."""
    return request.param, MAKERS[request.param](shared_cloud, project)


def test_metadata_crud_as_tempest_does_it(shared_cloud, project, owner):
    collection, owner_id = owner
    base = '/%s/%s/metadata' % (collection, owner_id)
    created = call(shared_cloud, 'POST', project, base,
                   body={'metadata': {'key1': 'value1', 'key2': 'value2', 'key3': 'value3'}})
    assert (created.status, created.json) == (200, {'metadata': {
        'key1': 'value1', 'key2': 'value2', 'key3': 'value3'}})
    merged = call(shared_cloud, 'POST', project, base, body={'metadata': {'key1': 'new'}})
    assert merged.json['metadata'] == {'key1': 'new', 'key2': 'value2', 'key3': 'value3'}
    replaced = call(shared_cloud, 'PUT', project, base,
                    body={'metadata': {'key3': 'value3_update', 'key4': 'value4'}})
    assert (replaced.status, replaced.json) == (200, {'metadata': {
        'key3': 'value3_update', 'key4': 'value4'}})
    assert call(shared_cloud, 'GET', project, base).json == replaced.json
    item = call(shared_cloud, 'PUT', project, base + '/key3',
                body={'meta': {'key3': 'item'}})
    assert (item.status, item.json) == (200, {'meta': {'key3': 'item'}})
    shown = call(shared_cloud, 'GET', project, base + '/key3')
    assert (shown.status, shown.json) == (200, {'meta': {'key3': 'item'}})
    deleted = call(shared_cloud, 'DELETE', project, base + '/key3')
    assert (deleted.status, deleted.body) == (200, b'')
    assert call(shared_cloud, 'GET', project, base).json == {'metadata': {'key4': 'value4'}}
    single = collection[:-1]
    view = call(shared_cloud, 'GET', project, '/%s/%s' % (collection, owner_id)).json
    assert view[single]['metadata'] == {'key4': 'value4'}
    emptied = call(shared_cloud, 'PUT', project, base, body={'metadata': {}})
    assert emptied.json == {'metadata': {}}


def test_missing_keys_and_resources_are_404(shared_cloud, project, owner):
    collection, owner_id = owner
    base = '/%s/%s/metadata' % (collection, owner_id)
    message = '%s %s has no metadata with key nope.' % (NOT_FOUND[collection], owner_id)
    for method in ('GET', 'DELETE'):
        resp = call(shared_cloud, method, project, base + '/nope')
        assert (resp.status, resp.json) == (404, {'itemNotFound': {
            'code': 404, 'message': message}}), method
    missing = str(uuid.uuid4())
    for method, path, body in (('GET', '', None), ('POST', '', {'metadata': {'a': 'b'}}),
                               ('PUT', '', {'metadata': {}}), ('GET', '/a', None),
                               ('PUT', '/a', {'meta': {'a': 'b'}}), ('DELETE', '/a', None)):
        resp = call(shared_cloud, method, project,
                    '/%s/%s/metadata%s' % (collection, missing, path), body=body)
        assert resp.status == 404, (method, path, resp)
        assert resp.json['itemNotFound']['message'] == '%s %s could not be found.' % (
            NOT_FOUND[collection], missing)
        theirs = call(shared_cloud, method, 'x' + project, base + path, body=body)
        assert theirs.status == 404, (method, path, theirs)


@pytest.mark.parametrize('path,body,message', [
    ('/k', {'meta': {'other': 'v'}}, 'Request body and URI mismatch'),
    ('/k', {'meta': {'k': 'v', 'l': 'w'}}, 'Invalid input for field/attribute meta.'),
    ('/k', {'meta': {}}, 'Invalid input for field/attribute meta.'),
    ('', {'metadata': None}, 'Invalid input for field/attribute metadata.'),
    ('', {'metadata': {'k?': 'v'}}, 'Invalid input for field/attribute metadata.'),
    ('', {'metadata': {'k': 1}}, 'Invalid input for field/attribute k.'),
    ('', {'metadata': {'k': 'v' * 256}}, 'Invalid input for field/attribute k.'),
    ('', {'nothing': {}}, 'Invalid input for field/attribute body.'),
])
def test_bad_bodies_are_400_and_change_nothing(shared_cloud, project, owner, path, body,
                                               message):
    collection, owner_id = owner
    base = '/%s/%s/metadata' % (collection, owner_id)
    call(shared_cloud, 'POST', project, base, body={'metadata': {'k': 'kept'}})
    resp = call(shared_cloud, 'PUT', project, base + path, body=body)
    assert resp.status == 400, resp
    assert resp.json['badRequest']['message'].startswith(message), resp
    assert call(shared_cloud, 'GET', project, base).json == {'metadata': {'k': 'kept'}}


def test_admin_reaches_any_projects_metadata(shared_cloud, project, owner):
    collection, owner_id = owner
    base = '/%s/%s/metadata' % (collection, owner_id)
    resp = call(shared_cloud, 'POST', 'admin', base, user='admin',
                body={'metadata': {'by': 'admin'}})
    assert resp.status == 200, resp
    assert call(shared_cloud, 'GET', project, base).json == {'metadata': {'by': 'admin'}}
