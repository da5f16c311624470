"""``resource_query_filters_file``: an operator's list of filters, served and enforced."""

import json
import re
import uuid

from cinderlite import context as cl_context
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from tests.functional import test_list_filters as lf
from tests.functional import test_volume_backends
from tests.functional.statement_counter import StatementCounter


def test_an_operators_file_allows_like_filters_to_non_admins(make_cloud, tmp_path):
    path = tmp_path / 'filters.json'
    path.write_text(json.dumps({'volume': ['name~', 'status'], 'pool': []}))
    cloud = make_cloud(resource_query_filters_file=str(path))
    ids = {name: lf.volume(cloud, 'p1', name) for name in ('web-1', 'web-2', 'db')}
    resp = lf.call(cloud, 'p1', '/resource_filters', '3.33')
    assert resp.json == {'resource_filters': [
        {'resource': 'volume', 'filters': ['name~', 'status']},
        {'resource': 'pool', 'filters': []}]}
    # "name~" listed: both the exact and the inexact filter are allowed from 3.34.
    assert sorted(lf.listed(cloud, 'p1', '/volumes?name~=WEB', '3.34')) == \
        sorted([ids['web-1'], ids['web-2']])
    assert lf.listed(cloud, 'p1', '/volumes?name=db', '3.34') == [ids['db']]
    # Before 3.34 only the listed key itself, "name~", is allowed.
    assert lf.error(lf.call(cloud, 'p1', '/volumes?name=db', '3.33')) == \
        'Invalid filters name are found in query options.'
    assert lf.error(lf.call(cloud, 'p1', '/volumes?size=1', '3.34')) == \
        'Invalid filters size are found in query options.'
    # Resources the file leaves out allow no filter to non-admins.
    assert lf.error(lf.call(cloud, 'p1', '/snapshots?name=x', '3.31')) == \
        'Invalid filters name are found in query options.'


def test_the_cinder_cli_lists_with_filters_and_count(make_cloud):
    """``cinder list --filters name~=x --with-count`` and ``cinder list-filters``."""
    cloud = make_cloud()
    for name in ('web-1', 'web-2', 'db'):
        lf.volume(cloud, 'p1', name)
    # As an admin of p1 (the default file does not list "name~" for users).
    out = test_volume_backends.cinder_cli(cloud, '--os-volume-api-version', '3.45', 'list',
                                          '--filters', 'name~=WEB', '--with-count', 'true')
    rows = [line for line in out.splitlines() if 'web-' in line]
    assert len(rows) == 2 and '| db ' not in out, out
    assert re.search(r'Volume in total: 2$', out, re.M), out
    out = test_volume_backends.cinder_cli(cloud, '--os-volume-api-version', '3.33',
                                          'list-filters', '--resource', 'snapshot')
    assert 'snapshot' in out and 'consumes_quota' in out, out


def test_list_statements_do_not_grow_with_the_page(make_cloud):
    """A filtered, counted volume list costs as many statements for 1 volume as for 60."""
    cloud = make_cloud()
    context = cl_context.get_admin_context()
    type_id = db_types.get_default_type(context).id
    rows = [{'id': str(uuid.uuid4()), 'project_id': 'p1', 'size': 1, 'status': 'available',
             'name': 'web-%d' % i, 'volume_type_id': type_id} for i in range(60)]
    db_volumes.create_volumes(context, rows)
    for row in rows:
        db_volumes.set_metadata(context, row['id'], {'tier': 'gold'})
    query = ("/volumes/detail?name~=web&metadata={'tier':'gold'}&with_count=true"
             "&created_at=gt:2000-01-01T00:00:00&sort=name:asc&limit=")
    counts = []
    for limit in (1, 60):
        with StatementCounter() as counter:
            resp = lf.call(cloud, 'p1', query + str(limit), '3.60', user='admin')
            assert resp.status == 200, resp
        assert len(resp.json['volumes']) == limit and resp.json['count'] == 60
        counts.append(len(counter.api()))
    # Rows written behind the API's back: no quota was charged for them.
    db_volumes.delete_volumes(context, [row['id'] for row in rows])
    assert counts[0] == counts[1], counts
