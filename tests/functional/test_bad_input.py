"""Bad input is a 4xx in Cinder's shape with a request id, and writes nothing (issue 12, item 1).

Each test sends, over real HTTP to the served app, one of the inputs that
used to get a 500 (or a non-JSON answer), and checks the status, the error
shape, the ``x-openstack-request-id`` header and that no table gained a row.
"""

import re

import pytest
import sqlalchemy as sa

from cinderlite.db import engine as db_engine

REQUEST_ID = re.compile(r'^req-[0-9a-f-]{36}$')


def row_counts():
    """The number of rows of every table of the database the cloud serves."""
    engine = db_engine.get_engine()
    with engine.connect() as conn:
        return {table: conn.execute(sa.text('SELECT COUNT(*) FROM %s' % table)).scalar()
                for table in sa.inspect(engine).get_table_names()
                if table not in ('alembic_version', 'services')}


def assert_refused(resp, code):
    """``resp`` is a ``code`` error in Cinder's shape with a request id."""
    assert resp.status == code, resp
    assert resp.headers['Content-Type'].startswith('application/json'), resp.headers
    assert resp.json is not None and len(resp.json) == 1, resp
    fault = next(iter(resp.json.values()))
    assert fault['code'] == code and fault['message'], resp
    assert REQUEST_ID.match(resp.headers.get('x-openstack-request-id', '')), resp.headers


@pytest.fixture
def unchanged(shared_cloud):
    """Asserts, when the test ends, that no table gained or lost a row."""
    before = row_counts()
    yield
    assert row_counts() == before


def raw_request(request_line, headers=(), body=b''):
    """The bytes of one HTTP/1.1 request that closes its connection."""
    lines = [request_line, b'Host: 127.0.0.1'] + list(headers) + [b'Connection: close']
    return b'\r\n'.join(lines) + b'\r\n\r\n' + body


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
