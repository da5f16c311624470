"""How list requests read limit, offset, marker and sort: pure logic on real requests."""

import pytest
import webob

from cinderlite import exception
from cinderlite.api import pagination
from cinderlite.api import schemas


def params(query, max_limit=1000):
    return pagination.page_params(webob.Request.blank('/v3/p/volumes?' + query), max_limit)


def test_defaults_are_the_max_limit_and_no_sort():
    assert params('') == {'limit': 1000, 'offset': None, 'marker': None,
                          'sort_keys': None, 'sort_dirs': None}


def test_limit_is_capped_by_the_max_limit():
    assert params('limit=5000', max_limit=100)['limit'] == 100
    assert params('limit=7')['limit'] == 7


def test_sort_with_directions_and_name_aliases():
    got = params('sort=display_name:asc,created_at')
    assert got['sort_keys'] == ['name', 'created_at']
    assert got['sort_dirs'] == ['asc', 'desc']


def test_deprecated_sort_key_and_dir():
    got = params('sort_key=size&sort_dir=ASC')
    assert (got['sort_keys'], got['sort_dirs']) == (['size'], ['asc'])


@pytest.mark.parametrize('query', ['limit=abc', 'limit=-1', 'offset=x', 'offset=-5',
                                   'limit=%d' % (schemas.MAX_INT + 1)])
def test_bad_limits_and_offsets_are_400(query):
    with pytest.raises(exception.Invalid) as caught:
        params(query)
    assert caught.value.code == 400


@pytest.mark.parametrize('query', ['sort=name:sideways', 'sort=name&sort_key=size'])
def test_bad_sorts_are_400(query):
    with pytest.raises(exception.InvalidInput):
        params(query)


def test_filters_keep_allowed_keys_only():
    req = webob.Request.blank('/v3/p/volumes?name=a&status=x&limit=1&bogus=1')
    assert pagination.filters(req, ('name', 'status', 'limit')) == {'name': 'a',
                                                                     'status': 'x'}
