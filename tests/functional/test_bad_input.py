"""Bad input is a 4xx in Cinder's shape with a request id, and writes nothing (issue 12, item 1).

Each test sends, over real HTTP to the served app, one of the inputs that
used to get a 500 (or a non-JSON answer), and checks the status, the error
shape, the ``x-openstack-request-id`` header and that no table gained a row.
"""

import socket

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


def post_volume(headers, body, path=b'/v3/p1/volumes'):
    """Raw bytes of a volume create with these framing ``headers`` and ``body``."""
    return raw_request(b'POST %s HTTP/1.1' % path,
                       [b'X-Auth-Token: u1:p1', b'Content-Type: application/json']
                       + headers, body)


def answers_to(cloud, data):
    """Every byte the server sends back for ``data`` until it closes the connection."""
    with socket.create_connection(('127.0.0.1', cloud.api.port), timeout=30) as sock:
        sock.sendall(data)
        received = b''
        while chunk := sock.recv(65536):
            received += chunk
    return received


VOLUME = b'{"volume": {"size": 1}}'


@pytest.mark.parametrize('chunks', [
    b'zz\r\n{}\r\n0\r\n\r\n',
    b'5\r\n{"vol\r\n-1\r\n\r\n',
    b'0\r\n' + b'X: y\r\n' * 200 + b'\r\n',
    b'17\r\n' + VOLUME + b'XX0\r\n\r\n',
    b'ffffffffffffffffff\r\n{}\r\n',
    b'ffffffffffffffff\r\n{}\r\n',
    b'7fffffff\r\n{}\r\n',
    b'+5\r\n{"vo\r\n0\r\n\r\n',
    b'4\r\n{"vo',
])
def test_malformed_chunked_body_is_400(shared_cloud, unchanged, chunks):
    resp = shared_cloud.send_raw(post_volume([b'Transfer-Encoding: chunked'], chunks),
                                 method='POST')
    assert_refused(resp, 400)
    assert resp.json['badRequest']['message'] == 'The request body could not be read.'


def test_body_shorter_than_its_content_length_is_400(shared_cloud, unchanged):
    resp = shared_cloud.send_raw(post_volume([b'Content-Length: 100'], VOLUME),
                                 method='POST')
    assert_refused(resp, 400)


def test_a_request_after_a_broken_chunked_body_is_not_served(shared_cloud, unchanged):
    smuggled = (b'POST /v3/p1/volumes HTTP/1.1\r\nHost: x\r\nX-Auth-Token: u1:p1\r\n'
                b'Content-Type: application/json\r\nContent-Length: 23\r\n\r\n' + VOLUME)
    broken = raw_request(b'POST /v3/p1/volumes HTTP/1.1',
                         [b'X-Auth-Token: u1:p1', b'Transfer-Encoding: chunked'],
                         b'zz\r\n').replace(b'Connection: close', b'Connection: keep-alive')
    received = answers_to(shared_cloud, broken + smuggled)
    assert received.startswith(b'HTTP/1.1 400 ')
    assert received.count(b'HTTP/1.1 ') == 1


def test_a_valid_chunked_body_is_read(shared_cloud, project):
    resp = shared_cloud.send_raw(post_volume(
        [b'Transfer-Encoding: chunked'], b'5\r\n' + VOLUME[:5] + b'\r\n12\r\n' + VOLUME[5:]
        + b'\r\n0\r\n\r\n', path=b'/v3/volumes').replace(b'u1:p1', b'u1:' + project.encode()),
        method='POST')
    assert resp.status == 202, resp


@pytest.mark.parametrize('headers, message', [
    ([b'Content-Length: 5', b'Content-Length: 23'],
     'The request has conflicting Content-Length headers.'),
    ([b'Content-Length: 23', b'Content-Length: 0'],
     'The request has conflicting Content-Length headers.'),
    ([b'Content-Length: 23', b'Transfer-Encoding: chunked'],
     'The request has both Content-Length and Transfer-Encoding.'),
    ([b'Content-Length: +23'], 'Malformed Content-Length header.'),
    ([b'Content-Length: 2_3'], 'Malformed Content-Length header.'),
    ([b'Content-Length: 5, 23'], 'Malformed Content-Length header.'),
])
def test_ambiguous_framing_is_400_and_closes(shared_cloud, unchanged, headers, message):
    data = post_volume(headers, VOLUME)
    resp = shared_cloud.send_raw(data, method='POST')
    assert_refused(resp, 400)
    assert resp.json['badRequest']['message'] == message
    assert resp.headers['Connection'] == 'close'
    # Nothing after the refusal is served: not the body, not a request inside it.
    keep_alive = data.replace(b'Connection: close', b'Connection: keep-alive')
    assert answers_to(shared_cloud, keep_alive + post_volume([], b'')).count(b'HTTP/1.1 ') == 1


def test_identical_content_lengths_are_one(shared_cloud, project):
    data = post_volume([b'Content-Length: 23', b'Content-Length: 23'], VOLUME,
                       path=b'/v3/volumes').replace(b'u1:p1', b'u1:' + project.encode())
    assert shared_cloud.send_raw(data, method='POST').status == 202


def test_what_the_server_refuses_itself_is_json(shared_cloud, unchanged):
    for data, code in [
            (raw_request(b'GET /v3/p1/volumes/\xff\xfe HTTP/1.1'), 400),
            (raw_request(b'GET /v3/p1/volumes HTTP/1.1', [b'Bad header line']), 400),
            (raw_request(b'GET /v3/p1/volumes HTTP/9.1'), 505),
            (post_volume([b'Transfer-Encoding: gzip'], VOLUME), 501)]:
        assert_refused(shared_cloud.send_raw(data), code)


@pytest.fixture
def body_limit(shared_cloud):
    """Sets ``[oslo_middleware] max_request_body_size`` to 64 bytes for one test."""
    shared_cloud.conf.set_override('max_request_body_size', 64, group='oslo_middleware')
    yield 64
    shared_cloud.conf.clear_override('max_request_body_size', group='oslo_middleware')


def test_body_over_the_default_limit_is_413(shared_cloud, unchanged):
    body = b'{"volume": {"size": 1, "name": "%s"}}' % (b'x' * 114688)
    resp = shared_cloud.request('POST', '/v3/p1/volumes', raw=body)
    assert_refused(resp, 413)
    assert resp.json['overLimit']['message'] == (
        'Request is too large: the body is larger than 114688 bytes '
        '(max_request_body_size).')


@pytest.mark.parametrize('chunked', [False, True])
def test_body_over_the_configured_limit_is_413(shared_cloud, unchanged, body_limit, chunked):
    body = b'{"volume": {"size": 1, "description": "%s"}}' % (b'x' * 40)
    assert len(body) > body_limit
    if chunked:
        framing, body = [b'Transfer-Encoding: chunked'], b'%x\r\n%s\r\n0\r\n\r\n' % (
            len(body), body)
    else:
        framing = [b'Content-Length: %d' % len(body)]
    resp = shared_cloud.send_raw(post_volume(framing, body), method='POST')
    assert_refused(resp, 413)
    assert 'larger than 64 bytes' in resp.json['overLimit']['message']


def test_body_at_the_configured_limit_is_served(shared_cloud, project, body_limit):
    body = b'{"volume": {"size": 1, "name": "%s"}}' % (b'x' * 29)
    assert len(body) == body_limit
    resp = shared_cloud.request('POST', '/v3/volumes', token='u1:' + project, raw=body)
    assert resp.status == 202, resp
