"""QoS specs: create, keys, associations with volume types, delete.

One cloud serves the module; each test names its specs and types uniquely.
"""

import uuid

from cinderclient import exceptions as cinder_exc
import pytest

SPECS_FIELDS = {'id', 'name', 'consumer', 'specs'}


def call(cloud, method, path, user='admin', project='admin', **kwargs):
    return cloud.request(method, '/v3/%s%s' % (project, path),
                         token='%s:%s' % (user, project), **kwargs)


def unique(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:8])


def new_qos(cloud, **specs):
    resp = call(cloud, 'POST', '/qos-specs',
                body={'qos_specs': dict(specs, name=unique('qos'))})
    assert resp.status == 200, resp
    return resp.json['qos_specs']


def new_type(cloud):
    resp = call(cloud, 'POST', '/types', body={'volume_type': {'name': unique('qtype')}})
    assert resp.status == 200, resp
    return resp.json['volume_type']


def test_create_show_list_as_tempest_does_it(shared_cloud):
    name = unique('qos')
    created = call(shared_cloud, 'POST', '/qos-specs', body={'qos_specs': {
        'name': ' %s ' % name, 'consumer': 'front-end', 'read_iops_sec': '2000'}})
    assert created.status == 200, created
    body = created.json
    assert set(body) == {'qos_specs', 'links'}
    qos = body['qos_specs']
    assert qos == {'id': qos['id'], 'name': name, 'consumer': 'front-end',
                   'specs': {'read_iops_sec': '2000'}}
    assert [link['rel'] for link in body['links']] == ['self', 'bookmark']
    assert body['links'][0]['href'].endswith('/v3/admin/qos-specs/' + qos['id'])
    shown = call(shared_cloud, 'GET', '/qos-specs/' + qos['id'])
    assert (shown.status, shown.json) == (200, body)
    listed = call(shared_cloud, 'GET', '/qos-specs').json
    assert set(listed) == {'qos_specs'}
    assert qos in listed['qos_specs']
    by_name = call(shared_cloud, 'GET', '/qos-specs?name=' + name).json['qos_specs']
    assert by_name == [qos]
    default = new_qos(shared_cloud)
    assert (default['consumer'], default['specs']) == ('back-end', {})
    page = call(shared_cloud, 'GET', '/qos-specs?limit=1').json
    assert len(page['qos_specs']) == 1 and page['qos_specs_links'][0]['rel'] == 'next'


def test_keys_are_set_and_deleted(shared_cloud):
    qos = new_qos(shared_cloud, a='1', b='2')
    path = '/qos-specs/' + qos['id']
    resp = call(shared_cloud, 'PUT', path, body={'qos_specs': {'b': '20', 'c': '3',
                                                              'consumer': 'both'}})
    assert (resp.status, resp.json) == (200, {'qos_specs': {'b': '20', 'c': '3',
                                                            'consumer': 'both'}})
    shown = call(shared_cloud, 'GET', path).json['qos_specs']
    assert (shown['consumer'], shown['specs']) == ('both', {'a': '1', 'b': '20', 'c': '3'})
    resp = call(shared_cloud, 'PUT', path + '/delete_keys', body={'keys': ['a', 'c']})
    assert (resp.status, resp.body) == (202, b'')
    assert call(shared_cloud, 'GET', path).json['qos_specs']['specs'] == {'b': '20'}
    resp = call(shared_cloud, 'PUT', path + '/delete_keys', body={'keys': ['b', 'nope']})
    assert (resp.status, resp.json) == (404, {'itemNotFound': {
        'code': 404, 'message': 'QoS spec %s has no spec with key nope.' % qos['id']}})
    assert call(shared_cloud, 'GET', path).json['qos_specs']['specs'] == {'b': '20'}


def test_types_are_associated_and_show_their_qos_specs_id(shared_cloud, project):
    qos = new_qos(shared_cloud)
    other = new_qos(shared_cloud)
    vtypes = [new_type(shared_cloud) for _ in range(2)]
    assert 'qos_specs_id' not in vtypes[0]
    for vtype in vtypes:
        resp = call(shared_cloud, 'GET', '/qos-specs/%s/associate?vol_type_id=%s'
                    % (qos['id'], vtype['id']))
        assert (resp.status, resp.body) == (202, b'')
    again = call(shared_cloud, 'GET', '/qos-specs/%s/associate?vol_type_id=%s'
                 % (qos['id'], vtypes[0]['id']))
    assert again.status == 202
    taken = call(shared_cloud, 'GET', '/qos-specs/%s/associate?vol_type_id=%s'
                 % (other['id'], vtypes[0]['id']))
    assert (taken.status, taken.json) == (400, {'badRequest': {
        'code': 400, 'message': 'Invalid volume type: Type %s is already associated with '
                                'another qos specs: %s' % (vtypes[0]['id'], qos['id'])}})
    listed = call(shared_cloud, 'GET', '/qos-specs/%s/associations' % qos['id'])
    assert listed.status == 200
    assert sorted(listed.json['qos_associations'], key=lambda a: a['id']) == sorted(
        ({'association_type': 'volume_type', 'name': t['name'], 'id': t['id']}
         for t in vtypes), key=lambda a: a['id'])
    shown = call(shared_cloud, 'GET', '/types/' + vtypes[0]['id']).json['volume_type']
    assert shown['qos_specs_id'] == qos['id']
    in_list = {t['id']: t for t in call(shared_cloud, 'GET', '/types').json['volume_types']}
    assert in_list[vtypes[1]['id']]['qos_specs_id'] == qos['id']
    member_view = call(shared_cloud, 'GET', '/types/' + vtypes[0]['id'], user='u1',
                       project=project).json['volume_type']
    assert 'qos_specs_id' not in member_view
    resp = call(shared_cloud, 'GET', '/qos-specs/%s/disassociate?vol_type_id=%s'
                % (qos['id'], vtypes[0]['id']))
    assert (resp.status, resp.body) == (202, b'')
    assert call(shared_cloud, 'GET', '/types/' + vtypes[0]['id']).json[
        'volume_type']['qos_specs_id'] is None
    resp = call(shared_cloud, 'GET', '/qos-specs/%s/disassociate_all' % qos['id'])
    assert (resp.status, resp.body) == (202, b'')
    assert call(shared_cloud, 'GET', '/qos-specs/%s/associations' % qos['id']).json == {
        'qos_associations': []}


def test_delete_refuses_specs_in_use_unless_forced(shared_cloud):
    qos = new_qos(shared_cloud)
    vtype = new_type(shared_cloud)
    call(shared_cloud, 'GET', '/qos-specs/%s/associate?vol_type_id=%s'
         % (qos['id'], vtype['id']))
    refused = call(shared_cloud, 'DELETE', '/qos-specs/' + qos['id'])
    assert (refused.status, refused.json) == (400, {'badRequest': {
        'code': 400, 'message': 'Qos specs still in use.'}})
    refused = call(shared_cloud, 'DELETE', '/qos-specs/%s?force=False' % qos['id'])
    assert refused.status == 400
    bad = call(shared_cloud, 'DELETE', '/qos-specs/%s?force=maybe' % qos['id'])
    assert (bad.status, bad.json['badRequest']['message']) == (
        400, "Value 'maybe' for 'force' is not a boolean.")
    forced = call(shared_cloud, 'DELETE', '/qos-specs/%s?force=True' % qos['id'])
    assert (forced.status, forced.body) == (202, b'')
    assert call(shared_cloud, 'GET', '/qos-specs/' + qos['id']).status == 404
    assert call(shared_cloud, 'GET', '/types/' + vtype['id']).json[
        'volume_type']['qos_specs_id'] is None
    unused = new_qos(shared_cloud, k='v')
    assert call(shared_cloud, 'DELETE', '/qos-specs/' + unused['id']).status == 202


def test_errors_are_cinders(shared_cloud, project):
    qos = new_qos(shared_cloud)
    missing = str(uuid.uuid4())
    for method, path, body in (
            ('GET', '', None), ('PUT', '', {'qos_specs': {'a': 'b'}}), ('DELETE', '', None),
            ('PUT', '/delete_keys', {'keys': ['a']}), ('GET', '/associations', None),
            ('GET', '/associate?vol_type_id=x', None),
            ('GET', '/disassociate?vol_type_id=x', None), ('GET', '/disassociate_all', None)):
        resp = call(shared_cloud, method, '/qos-specs/%s%s' % (missing, path), body=body)
        assert (resp.status, resp.json) == (404, {'itemNotFound': {
            'code': 404, 'message': 'No such QoS spec %s.' % missing}}), (method, path)
    for action in ('associate', 'disassociate'):
        resp = call(shared_cloud, 'GET', '/qos-specs/%s/%s' % (qos['id'], action))
        assert (resp.status, resp.json) == (400, {'badRequest': {
            'code': 400, 'message': 'Volume Type id must not be None.'}})
        resp = call(shared_cloud, 'GET', '/qos-specs/%s/%s?vol_type_id=%s'
                    % (qos['id'], action, missing))
        assert (resp.status, resp.json) == (404, {'itemNotFound': {
            'code': 404, 'message': 'Volume type %s could not be found.' % missing}})
    taken = call(shared_cloud, 'POST', '/qos-specs', body={'qos_specs': {
        'name': qos['name']}})
    assert (taken.status, taken.json) == (409, {'conflictingRequest': {
        'code': 409, 'message': 'QoS Specs %s already exists.' % qos['name']}})
    resp = call(shared_cloud, 'POST', '/qos-specs', body={'qos_specs': {
        'name': unique('qos'), 'consumer': 'nobody'}})
    assert (resp.status, resp.json) == (400, {'badRequest': {
        'code': 400, 'message': 'Invalid qos specs: Valid consumer of QoS specs are: '
                                'back-end, front-end, both'}})
    resp = call(shared_cloud, 'PUT', '/qos-specs/' + qos['id'],
                body={'qos_specs': {'consumer': 'nobody', 'k': 'v'}})
    assert resp.status == 400
    assert call(shared_cloud, 'GET', '/qos-specs/' + qos['id']).json['qos_specs'][
        'specs'] == {}
    resp = call(shared_cloud, 'GET', '/qos-specs', user='u1', project=project)
    assert (resp.status, resp.json) == (403, {'forbidden': {
        'code': 403, 'message': "Policy doesn't allow volume_extension:qos_specs_manage:"
                                "get_all to be performed."}})


@pytest.mark.parametrize('body', [
    {'qos_specs': {}}, {'qos_specs': {'name': '   '}}, {'qos_specs': {'name': 'n', 'k': 1}},
    {'qos_specs': {'name': 'n', 'k?': 'v'}}, {'qos_specs': {'name': 'x' * 256}},
    {'qos_specs': {'name': 'n'}, 'extra': {}}, {}])
def test_bad_create_bodies_are_400(shared_cloud, body):
    before = call(shared_cloud, 'GET', '/qos-specs').json
    resp = call(shared_cloud, 'POST', '/qos-specs', body=body)
    assert resp.status == 400, resp
    assert call(shared_cloud, 'GET', '/qos-specs').json == before


def test_cinderclient_manages_qos_specs(shared_cloud):
    cs = shared_cloud.cinder('admin', 'admin')
    qos = cs.qos_specs.create(unique('cc'), {'total_iops_sec': '100'})
    vtype = cs.volume_types.create(unique('cc'))
    cs.qos_specs.associate(qos, vtype.id)
    assert [a.id for a in cs.qos_specs.get_associations(qos)] == [vtype.id]
    cs.qos_specs.set_keys(qos.id, {'read_bytes_sec': '1'})
    cs.qos_specs.unset_keys(qos.id, ['total_iops_sec'])
    assert cs.qos_specs.get(qos).specs == {'read_bytes_sec': '1'}
    cs.qos_specs.disassociate_all(qos)
    cs.qos_specs.delete(qos)
    with pytest.raises(cinder_exc.NotFound):
        cs.qos_specs.get(qos)
