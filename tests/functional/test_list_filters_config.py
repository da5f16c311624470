"""``resource_query_filters_file``: an operator's list of filters, served and enforced."""

import json

from cinderlite.api import microversion
from tests.functional import test_list_filters as lf


def test_an_operators_file_allows_like_filters_to_non_admins(monkeypatch, make_cloud,
                                                             tmp_path):
    monkeypatch.setattr(microversion, 'MAX_VERSION', (3, 71))
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
