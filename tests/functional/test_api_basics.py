"""Versions, microversions, faults and the noauth project check, over real HTTP."""

import json

from cinderlite.api import microversion

TOP = microversion.as_string(microversion.MAX_VERSION)


def test_root_lists_versions_with_300(cloud):
    resp = cloud.request('GET', '/', token=None)
    assert resp.status == 300
    ids = [v['id'] for v in resp.json['versions']]
    assert ids == ['v3.0', 'v2.0']
    v3 = resp.json['versions'][0]
    assert v3['min_version'] == '3.0' and v3['version'] == TOP
    assert v3['links'][1]['href'] == cloud.url + '/v3/'
    assert resp.headers['x-openstack-request-id'].startswith('req-')


def test_v3_and_v2_version_documents(cloud):
    v3 = cloud.request('GET', '/v3/', token=None)
    assert v3.status == 200
    assert [v['id'] for v in v3.json['versions']] == ['v3.0']
    assert v3.headers['OpenStack-API-Version'] == 'volume 3.0'
    v2 = cloud.request('GET', '/v2/', token=None)
    assert v2.status == 200
    assert v2.json['versions'][0]['id'] == 'v2.0'
    assert v2.json['versions'][0]['version'] == ''
    assert 'OpenStack-API-Version' not in v2.headers


def test_microversion_negotiation(cloud):
    resp = cloud.request('GET', '/v3/p1/volumes',
                         headers={'OpenStack-API-Version': 'volume 3.3'})
    assert resp.status == 200
    assert resp.headers['OpenStack-API-Version'] == 'volume 3.3'
    assert resp.headers['Vary'] == 'OpenStack-API-Version'
    latest = cloud.request('GET', '/v3/p1/volumes',
                           headers={'OpenStack-API-Version': 'volume latest'})
    assert latest.headers['OpenStack-API-Version'] == 'volume ' + TOP


def test_microversion_out_of_range_is_406(cloud):
    resp = cloud.request('GET', '/v3/p1/volumes',
                         headers={'OpenStack-API-Version': 'volume 3.99'})
    assert resp.status == 406
    assert resp.json == {'computeFault': {
        'code': 406, 'message': 'Version 3.99 is not supported by the API. '
                                'Minimum is 3.0 and maximum is %s.' % TOP}}
    assert resp.headers['Vary'] == 'OpenStack-API-Version'


def test_malformed_microversion_is_400(cloud):
    resp = cloud.request('GET', '/v3/p1/volumes',
                         headers={'OpenStack-API-Version': 'volume abc'})
    assert resp.status == 400
    assert 'API Version String abc is of invalid format' in resp.json['badRequest']['message']


def test_feature_below_its_microversion_is_404(cloud):
    assert cloud.request('GET', '/v3/p1/messages').status == 404
    ok = cloud.request('GET', '/v3/p1/messages',
                       headers={'OpenStack-API-Version': 'volume 3.3'})
    assert ok.status == 200 and ok.json == {'messages': []}
    assert cloud.request('GET', '/v2/p1/messages').status == 404


def test_unknown_route_is_json_404(cloud):
    resp = cloud.request('GET', '/v3/p1/nothing-here')
    assert resp.status == 404
    assert resp.json['itemNotFound']['code'] == 404
    assert resp.headers['Content-Type'].startswith('application/json')


def test_wrong_method_is_405_with_allow(cloud):
    resp = cloud.request('PATCH', '/v3/p1/volumes')
    assert resp.status == 405
    assert resp.json['badMethod']['code'] == 405
    assert resp.headers['Allow'] == 'GET, POST'


def test_malformed_json_is_400(cloud):
    resp = cloud.request('POST', '/v3/p1/volumes', raw=b'{"volume": ')
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == 'Malformed request body'


def test_wrong_content_type_is_415(cloud):
    resp = cloud.request('POST', '/v3/p1/volumes', raw=b'<volume/>',
                         headers={'Content-Type': 'application/xml'})
    assert resp.status == 415
    assert resp.json['badMediaType']['code'] == 415


def test_schema_error_names_the_field(cloud):
    resp = cloud.request('POST', '/v3/p1/volumes', body={'volume': {'size': 'ten'}})
    assert resp.status == 400
    assert 'Invalid input for field/attribute size' in resp.json['badRequest']['message']


def test_project_in_url_must_be_the_tokens(cloud):
    resp = cloud.request('GET', '/v3/p2/volumes', token='u1:p1')
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == 'Malformed request url'


def test_projectless_v3_routes_use_the_tokens_project(cloud):
    created = cloud.request('POST', '/v3/volumes', body={'volume': {'size': 1}})
    assert created.status == 202
    listed = cloud.request('GET', '/v3/p1/volumes')
    assert [v['id'] for v in listed.json['volumes']] == [created.json['volume']['id']]


def test_any_project_id_form_works(cloud):
    hex_project = 'a' * 32
    resp = cloud.request('GET', '/v3/%s/volumes' % hex_project, token='u1:' + hex_project)
    assert resp.status == 200


def test_missing_token_is_401(cloud):
    resp = cloud.request('GET', '/v3/p1/volumes', token=None)
    assert resp.status == 401
    assert resp.json['unauthorized']['code'] == 401


def test_unexpected_error_is_a_safe_500(cloud, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError('secret internals')
    monkeypatch.setattr(cloud.api_services().volumes, 'get_all', boom)
    resp = cloud.request('GET', '/v3/p1/volumes')
    assert resp.status == 500
    assert json.loads(resp.body) == {'computeFault': {'code': 500, 'message': (
        'The server has either erred or is incapable of performing the requested '
        'operation.')}}
    assert 'secret' not in resp.body.decode()
