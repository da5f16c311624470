"""What each microversion from 3.7 to 3.25 changes on resources other than groups."""

from tests import fixtures
from tests.functional import groups_helpers as h


def test_volume_summary_counts_what_a_list_shows(cloud):
    h.create_type(cloud)
    for size in (1, 2):
        h.create_volume(cloud, size=size)
    assert h.call(cloud, 'GET', '/volumes/summary', version='3.11').status == 404
    resp = h.call(cloud, 'GET', '/volumes/summary', version='3.12')
    assert resp.status == 200
    assert resp.json == {'volume-summary': {'total_count': 2, 'total_size': 3}}
    other = h.call(cloud, 'GET', '/volumes/summary', token='u2:p2', version='3.12')
    assert other.json == {'volume-summary': {'total_count': 0, 'total_size': 0}}


def test_metadata_etag_guards_replacing_writes(cloud):
    h.create_type(cloud)
    volume_id = h.create_volume(cloud)
    path = '/volumes/%s/metadata' % volume_id
    assert h.call(cloud, 'POST', path, body={'metadata': {'a': '1'}}).status == 200
    assert 'Etag' not in h.call(cloud, 'GET', path, version='3.14').headers
    etag = h.call(cloud, 'GET', path, version='3.15').headers['Etag']

    def put(sub, body, match):
        return cloud.request('PUT', '/v3/p1' + path + sub, body=body, headers={
            'OpenStack-API-Version': 'volume 3.15', 'If-Match': match})
    assert put('', {'metadata': {'a': '2'}}, '"stale"').status == 412
    assert put('/a', {'meta': {'a': '2'}}, '"stale"').status == 412
    assert h.call(cloud, 'GET', path).json == {'metadata': {'a': '1'}}
    assert put('', {'metadata': {'a': '2'}}, '"%s"' % etag).status == 200
    assert h.call(cloud, 'GET', path).json == {'metadata': {'a': '2'}}


def test_provider_id_is_for_admins_from_3_21(cloud):
    h.create_type(cloud)
    volume_id = h.create_volume(cloud)
    path = '/volumes/%s' % volume_id
    assert h.call(cloud, 'GET', path, token=h.ADMIN, version='3.21').json['volume'][
        'provider_id'] is None
    assert 'provider_id' not in h.call(cloud, 'GET', path, token=h.ADMIN,
                                       version='3.20').json['volume']
    assert 'provider_id' not in h.call(cloud, 'GET', path, version='3.21').json['volume']


def test_snapshot_lists_filter_on_metadata_from_3_22(cloud):
    h.create_type(cloud)
    volume_id = h.create_volume(cloud)
    ids = []
    for metadata in ({'k': 'v'}, {'k': 'w'}, {}):
        resp = h.call(cloud, 'POST', '/snapshots', body={'snapshot': {
            'volume_id': volume_id, 'metadata': metadata}})
        assert resp.status == 202, resp
        ids.append(fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'],
                                        'available')['id'])
    query = "/snapshots?metadata={'k':'v'}"
    assert [s['id'] for s in h.call(cloud, 'GET', query, version='3.22').json[
        'snapshots']] == [ids[0]]
    assert len(h.call(cloud, 'GET', query, version='3.21').json['snapshots']) == 3
    assert h.call(cloud, 'GET', '/snapshots?metadata=[1]', version='3.22').status == 400
    for snapshot_id in ids:
        assert h.call(cloud, 'DELETE', '/snapshots/%s' % snapshot_id).status == 202
        fixtures.wait_status(cloud, 'snapshots', snapshot_id, 'deleted')


def test_force_delete_is_an_admins_from_3_23(cloud):
    h.create_type(cloud)
    volume_id = h.create_volume(cloud)
    assert h.call(cloud, 'DELETE', '/volumes/%s?force=true' % volume_id,
                  version='3.23').status == 403
    resp = h.call(cloud, 'DELETE', '/volumes/%s?force=true' % volume_id, token=h.ADMIN,
                  version='3.23')
    assert resp.status == 202, resp
    fixtures.wait_status(cloud, 'volumes', volume_id, 'deleted')
