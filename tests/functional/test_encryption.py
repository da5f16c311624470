"""Volume type encryption: stored, shown, fixed once a volume has the type.

One cloud serves the module; each test names its types uniquely.
"""

import uuid

import pytest

from tests import fixtures

SHOW_FIELDS = {'volume_type_id', 'encryption_id', 'key_size', 'provider',
               'control_location', 'cipher', 'deleted', 'created_at', 'updated_at',
               'deleted_at'}
LUKS = {'provider': 'LuksEncryptor', 'key_size': 256, 'cipher': 'aes-xts-plain64',
        'control_location': 'front-end'}


def call(cloud, method, project, path, user='u1', **kwargs):
    return cloud.request(method, '/v3/%s%s' % (project, path),
                         token='%s:%s' % (user, project), **kwargs)


def admin(cloud, method, path, **kwargs):
    return call(cloud, method, 'admin', path, user='admin', **kwargs)


def new_type(cloud):
    resp = admin(cloud, 'POST', '/types', body={'volume_type': {
        'name': 'enc-%s' % uuid.uuid4().hex[:8]}})
    assert resp.status == 200, resp
    return resp.json['volume_type']['id']


def encrypt(cloud, type_id, **values):
    return admin(cloud, 'POST', '/types/%s/encryption' % type_id,
                 body={'encryption': values or dict(LUKS)})


def test_encryption_crud_as_tempest_does_it(shared_cloud):
    type_id = new_type(shared_cloud)
    assert admin(shared_cloud, 'GET', '/types/%s/encryption' % type_id).json == {}
    created = encrypt(shared_cloud, type_id)
    assert created.status == 200, created
    body = created.json['encryption']
    encryption_id = body.pop('encryption_id')
    uuid.UUID(encryption_id)
    assert body == dict(LUKS, volume_type_id=type_id)
    shown = admin(shared_cloud, 'GET', '/types/%s/encryption' % type_id)
    assert shown.status == 200 and set(shown.json) == SHOW_FIELDS
    assert {k: shown.json[k] for k in LUKS} == LUKS
    assert (shown.json['encryption_id'], shown.json['deleted'], shown.json['deleted_at'],
            shown.json['updated_at']) == (encryption_id, False, None, None)
    update = {'key_size': 128, 'provider': 'SomeProvider', 'cipher': 'aes-xts-plain64',
              'control_location': 'back-end'}
    updated = admin(shared_cloud, 'PUT', '/types/%s/encryption/%s' % (type_id, encryption_id),
                    body={'encryption': update})
    assert (updated.status, updated.json) == (200, {'encryption': update})
    shown = admin(shared_cloud, 'GET', '/types/%s/encryption' % type_id).json
    assert {k: shown[k] for k in update} == update and shown['updated_at'] is not None
    item = admin(shared_cloud, 'GET', '/types/%s/encryption/cipher' % type_id)
    assert (item.status, item.json) == (200, {'cipher': 'aes-xts-plain64'})
    missing_key = admin(shared_cloud, 'GET', '/types/%s/encryption/nope' % type_id)
    assert (missing_key.status, missing_key.json) == (404, {'itemNotFound': {
        'code': 404,
        'message': 'Volume type encryption for type %s does not exist.' % type_id}})
    deleted = admin(shared_cloud, 'DELETE',
                    '/types/%s/encryption/%s' % (type_id, encryption_id))
    assert (deleted.status, deleted.body) == (202, b'')
    assert admin(shared_cloud, 'GET', '/types/%s/encryption' % type_id).json == {}
    again = admin(shared_cloud, 'DELETE', '/types/%s/encryption/%s' % (type_id, encryption_id))
    assert (again.status, again.json) == (404, {'itemNotFound': {
        'code': 404,
        'message': 'Volume type encryption for type %s does not exist.' % type_id}})


def test_a_volume_of_an_encrypted_type_is_encrypted(shared_cloud, project):
    type_id = new_type(shared_cloud)
    plain = call(shared_cloud, 'POST', project, '/volumes',
                 body={'volume': {'size': 1}}).json['volume']
    assert plain['encrypted'] is False
    assert encrypt(shared_cloud, type_id).status == 200
    created = call(shared_cloud, 'POST', project, '/volumes',
                   body={'volume': {'size': 1, 'volume_type': type_id}})
    assert created.status == 202 and created.json['volume']['encrypted'] is True
    volume = fixtures.wait_status(shared_cloud, 'volumes', created.json['volume']['id'],
                                  'available', token='u1:' + project, project=project)
    assert volume['encrypted'] is True
    detail = call(shared_cloud, 'GET', project, '/volumes/detail').json['volumes']
    assert {v['id']: v['encrypted'] for v in detail} == {volume['id']: True,
                                                         plain['id']: False}
    for verb, method, path, body in (
            ('create', 'POST', '', {'encryption': LUKS}),
            ('update', 'PUT', '/x', {'encryption': {'key_size': 512}}),
            ('delete', 'DELETE', '/x', None)):
        resp = admin(shared_cloud, method, '/types/%s/encryption%s' % (type_id, path),
                     body=body)
        assert (resp.status, resp.json) == (400, {'badRequest': {
            'code': 400,
            'message': 'Cannot %s encryption specs. Volume type in use.' % verb}})
    fixtures.wait_status(shared_cloud, 'volumes', plain['id'], 'available',
                         token='u1:' + project, project=project)


def test_encryption_errors_are_cinders(shared_cloud, project):
    type_id = new_type(shared_cloud)
    missing = str(uuid.uuid4())
    for method, path, body in (('GET', '', None), ('POST', '', {'encryption': LUKS}),
                               ('GET', '/cipher', None),
                               ('PUT', '/x', {'encryption': {'key_size': 1}})):
        resp = admin(shared_cloud, method, '/types/%s/encryption%s' % (missing, path),
                     body=body)
        assert (resp.status, resp.json) == (404, {'itemNotFound': {
            'code': 404, 'message': 'Volume type %s could not be found.' % missing}}), path
    not_encrypted = admin(shared_cloud, 'PUT', '/types/%s/encryption/x' % type_id,
                          body={'encryption': {'key_size': 1}})
    assert not_encrypted.status == 404
    assert encrypt(shared_cloud, type_id).status == 200
    twice = encrypt(shared_cloud, type_id)
    assert (twice.status, twice.json) == (400, {'badRequest': {
        'code': 400,
        'message': 'Volume type encryption for type %s already exists.' % type_id}})
    resp = call(shared_cloud, 'GET', project, '/types/%s/encryption' % type_id)
    assert (resp.status, resp.json) == (403, {'forbidden': {
        'code': 403, 'message': "Policy doesn't allow "
                                "volume_extension:volume_type_encryption:get to be "
                                "performed."}})


@pytest.mark.parametrize('body', [
    {'encryption': {'provider': 'p'}},
    {'encryption': {'control_location': 'front-end'}},
    {'encryption': {'provider': 'p', 'control_location': 'middle'}},
    {'encryption': {'provider': 'p', 'control_location': 'back-end', 'key_size': 'big'}},
    {'encryption': {'provider': 'p', 'control_location': 'back-end', 'key_size': -1}},
    {'encryption': {'provider': 'p', 'control_location': 'back-end', 'key_size': 2 ** 40}},
    {'encryption': {'provider': 'p', 'control_location': 'back-end', 'cipher': 1}},
    {'encryption': LUKS, 'extra': 1},
    {},
])
def test_bad_bodies_are_400_and_store_nothing(shared_cloud, body):
    type_id = new_type(shared_cloud)
    resp = admin(shared_cloud, 'POST', '/types/%s/encryption' % type_id, body=body)
    assert resp.status == 400, resp
    assert admin(shared_cloud, 'GET', '/types/%s/encryption' % type_id).json == {}


def test_key_size_may_be_a_string_and_other_keys_are_ignored(shared_cloud):
    type_id = new_type(shared_cloud)
    resp = encrypt(shared_cloud, type_id, provider='p', control_location='back-end',
                   key_size='512', other='ignored')
    assert resp.status == 200, resp
    assert set(resp.json['encryption']) == {'provider', 'control_location', 'key_size',
                                            'volume_type_id', 'encryption_id'}
    assert resp.json['encryption']['key_size'] == 512
    shown = admin(shared_cloud, 'GET', '/types/%s/encryption' % type_id).json
    assert (shown['key_size'], shown['cipher']) == (512, None)


def test_deleting_an_encrypted_type_deletes_its_encryption(shared_cloud):
    type_id = new_type(shared_cloud)
    assert encrypt(shared_cloud, type_id).status == 200
    assert admin(shared_cloud, 'DELETE', '/types/' + type_id).status == 202
    assert admin(shared_cloud, 'GET', '/types/%s/encryption' % type_id).status == 404
