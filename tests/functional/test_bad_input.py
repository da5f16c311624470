"""Bad input is a 4xx in Cinder's shape with a request id, and writes nothing (issue 12, item 1).

Each test sends, over real HTTP to the served app, one of the inputs that
used to get a 500 (or a non-JSON answer), and checks the status, the error
shape, the ``x-openstack-request-id`` header and that no table gained a row.
"""

import pytest

from tests.functional.bad_input_helpers import assert_refused
from tests.functional.bad_input_helpers import raw_request
from tests.functional.bad_input_helpers import row_counts


@pytest.fixture
def unchanged(shared_cloud):
    """Asserts, when the test ends, that no table gained or lost a row."""
    before = row_counts()
    yield
    assert row_counts() == before


@pytest.mark.parametrize('path', ['/v3/p1/volumes/%ff%fe', '/v3/%ff/volumes',
                                  '/%ff%fe', '/v2/p1/volumes/%ed%a0%80'])
def test_path_not_utf8_is_400(shared_cloud, unchanged, path):
    assert_refused(shared_cloud.request('GET', path), 400)
    assert_refused(shared_cloud.request('DELETE', path), 400)


@pytest.mark.parametrize('query', ['name=%ff', '%ff=1', 'status=%c3', 'name=%ed%a0%80'])
def test_query_not_utf8_is_400(shared_cloud, unchanged, query):
    resp = shared_cloud.request('GET', '/v3/p1/volumes?' + query)
    assert_refused(resp, 400)
    assert resp.json['badRequest']['message'] == 'The request query string is not valid UTF-8.'


def test_control_characters_in_a_header_are_400(shared_cloud, unchanged):
    resp = shared_cloud.send_raw(raw_request(
        b'POST /v3/volumes HTTP/1.1',
        [b'X-Auth-Token: u1\x00:p1', b'Content-Type: application/json',
         b'Content-Length: 23'], b'{"volume": {"size": 1}}'), method='POST')
    assert_refused(resp, 400)
    assert resp.json['badRequest']['message'] == (
        'The X-Auth-Token header holds control characters.')


@pytest.mark.parametrize('path', ['/v4/p1/volumes', '/V3/p1/volumes', '/v3.0/p1/volumes',
                                  '/volumes', '/v1/', '/%20'])
def test_unknown_prefix_is_json_404(shared_cloud, unchanged, path):
    assert_refused(shared_cloud.request('GET', path), 404)
    assert_refused(shared_cloud.request('POST', path, body={'volume': {'size': 1}}), 404)


def nested(depth):
    """A JSON text of ``depth`` nested objects, as bytes."""
    return b'{"a": ' * depth + b'1' + b'}' * depth


@pytest.mark.parametrize('method, path, body', [
    ('POST', '/v3/p1/volumes', b'{"volume": ' + nested(10000) + b'}'),
    ('POST', '/v3/p1/volumes', b'[' * 10000 + b']' * 10000),
    ('POST', '/v3/p1/volumes', b'{"volume": {"size": 1, "metadata": ' + nested(500) + b'}}'),
    ('POST', '/v3/p1/volumes', b'{"volume": {"size": 1, "x": ' + nested(40) + b'}}'),
    ('PUT', '/v3/p1/volumes/x/metadata', nested(10000)),
    ('POST', '/v3/admin/types', b'{"volume_type": {"name": "t", "x": ' + nested(900) + b'}}'),
])
def test_deeply_nested_json_is_400(shared_cloud, unchanged, method, path, body):
    token = 'admin:admin' if '/admin/' in path else 'u1:p1'
    resp = shared_cloud.request(method, path, token=token, raw=body)
    assert_refused(resp, 400)
    assert resp.json['badRequest']['message'] == 'Malformed request body'


def test_nesting_a_client_may_send_is_accepted(shared_cloud, project):
    extra = nested(20).decode()
    resp = shared_cloud.request('POST', '/v3/%s/volumes' % project, token='u1:' + project,
                                raw=('{"volume": {"size": 1, "x": %s}}' % extra).encode())
    assert resp.status == 202, resp


def test_lone_surrogate_in_query_is_400(shared_cloud, unchanged):
    # The JSON escape has no meaning in a URL: its percent-encoded UTF-8 form
    # is not UTF-8 at all (test_query_not_utf8_is_400); the literal text is fine.
    resp = shared_cloud.request('GET', '/v3/p1/volumes?name=%5Cud800')
    assert resp.status == 200 and resp.json == {'volumes': []}


@pytest.mark.parametrize('field', ['snapshot_id', 'source_volid', 'consistencygroup_id'])
def test_empty_reference_id_on_volume_create_is_400(shared_cloud, unchanged, field):
    resp = shared_cloud.request('POST', '/v3/p1/volumes', body={'volume': {
        'size': 1, 'volume_type': '__DEFAULT__', field: ''}})
    assert_refused(resp, 400)
    assert resp.json['badRequest']['message'].startswith(
        'Invalid input for field/attribute %s. Value: "".' % field)


@pytest.mark.parametrize('path, body, message', [
    ('/v3/p1/snapshots', {'snapshot': {'volume_id': ''}},
     'Invalid input for field/attribute volume_id. Value: "".'),
    ('/v3/p1/cgsnapshots', {'cgsnapshot': {'consistencygroup_id': ''}},
     'Invalid input for field/attribute consistencygroup_id. Value: "".'),
    ('/v3/p1/consistencygroups/create_from_src',
     {'consistencygroup-from-src': {'cgsnapshot_id': '', 'source_cgid': '',
                                    'consistencygroup_id': ''}},
     "Either 'cgsnapshot_id' or 'source_cgid' must be provided"),
    ('/v3/p1/consistencygroups', {'consistencygroup': {'volume_types': ''}},
     'volume_types must be provided'),
])
def test_other_empty_ids_are_400(shared_cloud, unchanged, path, body, message):
    """The other schemas' id fields: each empty one is a 400 that writes nothing.

    (``volume_type`` and ``availability_zone`` are names: empty, they mean the
    default, as in Cinder.)
    """
    resp = shared_cloud.request('POST', path, body=body)
    assert_refused(resp, 400)
    assert resp.json['badRequest']['message'].startswith(message)
