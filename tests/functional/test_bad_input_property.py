"""Property: no input gets a 5xx, on any route (issue 12, item 1).

Every path and method of the route table (``api/router.py``), under each
prefix it is served at, receives malformed ids, query strings, headers,
bodies and body framings drawn by hypothesis, over real HTTP. Every answer
must be below 500 and carry a request id, every error must be in Cinder's
shape, and the service must still answer afterwards with quota usage equal
to its rows.

The examples are derandomized so that CI sees the same ones each run; run
``pytest --hypothesis-profile=explore tests/functional/test_bad_input_property.py``
to draw new ones (tests/conftest.py).
"""

import importlib
import json
import pkgutil
import re
import urllib.parse

from hypothesis import given
from hypothesis import strategies as st
import pytest

from cinderlite.api import router
from cinderlite.api import schemas
from cinderlite.api.handlers import volume_actions
from tests import fixtures
from tests.functional import bad_input_helpers as bad
from tests.functional import groups_helpers as h

PROJECT = 'pfuzz'
TOKEN = 'fuzzer:' + PROJECT
ROUTES = [(path, method) for path, methods in router.ROUTE_DECLARATIONS.items()
          for method in methods]


def _field_names(schema, found):
    """Every property name in a JSON schema, envelopes included."""
    if isinstance(schema, dict):
        found.update(schema.get('properties') or {})
        for item in schema.values():
            _field_names(item, found)
    elif isinstance(schema, list):
        for item in schema:
            _field_names(item, found)
    return found


SCHEMA_MODULES = [importlib.import_module('%s.%s' % (schemas.__name__, info.name))
                  for info in pkgutil.iter_modules(schemas.__path__)]
#: Every field (and envelope) any schema names, the volume actions, what
#: handlers refuse by name, and the quota limits: the keys of the bodies drawn.
FIELDS = sorted(_field_names(
    [value for module in SCHEMA_MODULES for name, value in vars(module).items()
     if name.isupper()],
    set(volume_actions.ACTIONS) | {'imageRef', 'backup_id', 'volumes', 'gigabytes',
                                   'snapshots', 'consistencygroups'}))

# Strings that have broken something once, or could: empty, NUL, lone
# surrogates, long, numeric edge cases, paths and SQL-ish text.
NASTY = st.sampled_from([
    '', ' ', '\x00', 'a\x00b', '\ud800', '\udfff', 'x' * 256, 'x' * 5000, '0', '-1',
    '2147483648', '9' * 30, '1e309', 'NaN', 'true', 'null', '..', '%', '%zz', '%00',
    "' OR 1=1 --", '__DEFAULT__', 'detail', 'admin', '\u202e', '\U0001f4a9', 'a,b,,c',
])
TEXT = st.one_of(NASTY, st.text(max_size=40),
                 st.text(alphabet=st.sampled_from('\x00\ud800\udfffa%/\\,:'), max_size=8))
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(st.sampled_from(FIELDS), TEXT), inner,
                                            max_size=4)),
    max_leaves=12)


def percent(text):
    """``text`` percent-encoded as UTF-8, lone surrogates kept (they are not UTF-8)."""
    return urllib.parse.quote_from_bytes(text.encode('utf-8', 'surrogatepass'), safe='')


@st.composite
def path_value(draw, known):
    """A path parameter: a real id sometimes, else percent-encoded text or bytes."""
    kind = draw(st.sampled_from(['known', 'text', 'bytes', 'raw']))
    if kind == 'known':
        return draw(st.sampled_from(known)).encode()
    if kind == 'text':
        return percent(draw(TEXT) or 'x').encode()
    value = draw(st.binary(min_size=1, max_size=12))
    if kind == 'bytes':
        return urllib.parse.quote_from_bytes(value, safe='').encode()
    # Unencoded bytes in the request line: only the line's own separators are kept out.
    return re.sub(rb'[\s?#/]', b'_', value)


@st.composite
def query(draw):
    keys = st.one_of(st.sampled_from(['limit', 'offset', 'marker', 'sort', 'sort_key',
                                      'sort_dir', 'all_tenants', 'with_count', 'name',
                                      'status', 'bootable', 'usage', 'volume_id',
                                      'consistencygroup_id', 'is_public']), TEXT)
    pairs = draw(st.lists(st.tuples(keys, TEXT), max_size=4))
    encoded = '&'.join('%s=%s' % (percent(k), percent(v)) for k, v in pairs)
    if draw(st.booleans()):
        encoded += draw(st.sampled_from(['', '&', '=', '&&=&', '%', '%f', '%zz', '%ff',
                                         '%c3%28', 'a=%ed%a0%80', 'name', '+%2B+']))
    return encoded.encode('latin-1')


@st.composite
def body(draw):
    """Bytes of a body: JSON shaped like a request, any JSON, or no JSON at all."""
    kind = draw(st.sampled_from(['shaped', 'shaped', 'json', 'bytes', 'deep', 'none']))
    if kind == 'none':
        return None
    if kind == 'bytes':
        return draw(st.binary(max_size=64))
    if kind == 'deep':
        depth = draw(st.integers(min_value=30, max_value=5000))
        return b'{"volume": ' * depth + b'1' + b'}' * depth
    if kind == 'json':
        value = draw(JSON)
    else:
        envelope = draw(st.sampled_from(FIELDS))
        value = {envelope: draw(st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=5))}
    return json.dumps(value).encode()


@st.composite
def headers(draw):
    """Header lines: the API's own, with valid, wrong or garbage values, and random ones."""
    lines = []
    token = draw(st.sampled_from([TOKEN, TOKEN, 'admin:admin', None, '', ':', 'fuzzer:',
                                  ':' + PROJECT, 'fuzzer:other', 'fuzzer:%s:x' % PROJECT]))
    if token is not None:
        lines.append(b'X-Auth-Token: ' + token.encode())
    for name, values in [
            (b'OpenStack-API-Version', ['volume 3.0', 'volume 3.3', 'volume 3.6',
                                        'volume latest', 'volume 3.99', 'volume 4.0',
                                        'volume abc', 'compute 2.1', '', 'volume 03.1']),
            (b'Content-Type', ['application/json', 'application/vnd.openstack.volume+json',
                               'text/plain', 'application/xml', '', ';;',
                               'application/json; charset=latin-1']),
            (b'Accept', ['application/json', 'text/html', '*/*', ''])]:
        if draw(st.booleans()):
            value = draw(st.one_of(st.sampled_from(values), TEXT))
            # CR and LF would end the header: framing is fuzzed on its own.
            value = value.replace('\r', ' ').replace('\n', ' ')
            lines.append(name + b': ' + value.encode('utf-8', 'surrogatepass'))
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        name = draw(st.sampled_from([b'X-Openstack-Request-Id', b'X-Forwarded-For',
                                     b'X-Roles', b'Expect', b'X-Fuzz']))
        value = draw(st.binary(max_size=20).filter(lambda v: b'\r' not in v
                                                   and b'\n' not in v))
        lines.append(name + b': ' + value)
    return lines


def frame(data, body_bytes):
    """The request's body lines: by length, chunked in random pieces, or broken chunks."""
    if body_bytes is None:
        return [], b''
    kind = data.draw(st.sampled_from(['length', 'length', 'chunked', 'broken']))
    if kind == 'length':
        return [b'Content-Length: %d' % len(body_bytes)], body_bytes
    if kind == 'broken':
        return [b'Transfer-Encoding: chunked'], data.draw(st.binary(max_size=40))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(body_bytes)), max_size=3)))
    pieces = [body_bytes[a:b] for a, b in zip([0] + cuts, cuts + [len(body_bytes)])]
    chunked = b''.join(b'%x\r\n%s\r\n' % (len(p), p) for p in pieces if p)
    return [b'Transfer-Encoding: chunked'], chunked + b'0\r\n\r\n'


@pytest.fixture(scope='module')
def known_ids(shared_cloud):
    """Ids of real resources of the fuzzing project, so handlers get past their 404s."""
    cloud = shared_cloud
    h.set_quota(cloud, PROJECT, volumes=30, gigabytes=100, snapshots=30)
    type_id = h.create_type(cloud, 'fuzz')
    group_id = h.create_group(cloud, 'fuzz', token=TOKEN, project=PROJECT)
    volume = h.create_volume(cloud, group_id, 'fuzz', token=TOKEN, project=PROJECT)
    resp = cloud.request('POST', '/v3/%s/snapshots' % PROJECT, token=TOKEN,
                         body={'snapshot': {'volume_id': volume}})
    assert resp.status == 202, resp
    fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'], 'available',
                         TOKEN, PROJECT)
    return [PROJECT, 'admin', type_id, group_id, volume, resp.json['snapshot']['id']]


def check(resp):
    """No 5xx; a request id always; an error in Cinder's shape."""
    assert resp.status < 500, resp
    assert bad.REQUEST_ID.match(resp.headers.get('x-openstack-request-id', '')), resp
    if resp.status >= 400:
        bad.assert_error_shape(resp)


@pytest.mark.parametrize('route, method', ROUTES)
@given(data=st.data())
def test_no_input_gets_a_5xx(shared_cloud, known_ids, route, method, data):
    prefix = data.draw(st.sampled_from([b'/v3/' + PROJECT.encode(),
                                        b'/v2/' + PROJECT.encode(), b'/v3']))
    path = re.sub(rb'\{\w+\}', lambda m: data.draw(path_value(known_ids)),
                  route.encode())
    target = prefix + path
    if data.draw(st.booleans()):
        target += b'?' + data.draw(query())
    framing, payload = frame(data, data.draw(body()))
    request = bad.raw_request(b'%s %s HTTP/1.1' % (method.encode(), target),
                              data.draw(headers()) + framing, payload)
    check(shared_cloud.send_raw(request, method=method))


@given(method=st.sampled_from(['PATCH', 'OPTIONS', 'TRACE', 'FOO', 'GET', 'POST']),
       path=st.lists(st.one_of(st.sampled_from(['v3', 'v2', PROJECT, 'volumes', 'types',
                                                'detail', '']), TEXT), max_size=5))
def test_any_method_on_any_path_gets_no_5xx(shared_cloud, method, path):
    target = ('/' + '/'.join(percent(p) for p in path)).encode()
    request = bad.raw_request(b'%s %s HTTP/1.1' % (method.encode(), target),
                              [b'X-Auth-Token: ' + TOKEN.encode()])
    check(shared_cloud.send_raw(request, method=method))


def test_the_service_still_answers_and_usage_matches_rows(shared_cloud, known_ids):
    """Runs last in this module: after every example above, all is as it should be."""
    resp = shared_cloud.request('GET', '/v3/%s/volumes/detail' % PROJECT, token=TOKEN)
    assert resp.status == 200 and isinstance(resp.json['volumes'], list)
    assert shared_cloud.request('GET', '/', token=None).status == 300
    fixtures.assert_all_usage_matches_rows()
