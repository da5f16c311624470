"""What a refusal of bad input must look like, and the means to send and check it."""

import re

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


def assert_error_shape(resp):
    """``resp`` is an error in Cinder's shape, ``{name: {code, message}}``, with a request id."""
    assert resp.headers['Content-Type'].startswith('application/json'), resp.headers
    assert isinstance(resp.json, dict) and len(resp.json) == 1, resp
    fault = next(iter(resp.json.values()))
    assert fault['code'] == resp.status and fault['message'], resp
    assert REQUEST_ID.match(resp.headers.get('x-openstack-request-id', '')), resp.headers


def assert_refused(resp, code):
    """``resp`` is a ``code`` error in Cinder's shape with a request id."""
    assert resp.status == code, resp
    assert_error_shape(resp)


def raw_request(request_line, headers=(), body=b''):
    """The bytes of one HTTP/1.1 request that closes its connection."""
    lines = [request_line, b'Host: 127.0.0.1'] + list(headers) + [b'Connection: close']
    return b'\r\n'.join(lines) + b'\r\n\r\n' + body
