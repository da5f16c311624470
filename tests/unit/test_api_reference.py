"""doc/source/api-reference.rst against the route table, so that the page stays true.

A route added to ``cinderlite/api/router.py`` (or a volume action, or a
microversion) fails here until the page documents it; a route the page
lists as not provided fails here once it is served.
"""

import os
import re

from cinderlite.api import microversion
from cinderlite.api import router
from cinderlite.api.handlers import snapshot_actions
from cinderlite.api.handlers import volume_actions

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGE = os.path.join(REPO, 'doc', 'source', 'api-reference.rst')
REQUEST = re.compile(r'``(GET|POST|PUT|PATCH|DELETE) (/\S*)``')
ROW = re.compile(r'^``(GET|POST|PUT|PATCH|DELETE) (/\S*)``\s+(\d+\.\d+)\s')


def page():
    """The page's text before the "Not provided" section, and that section."""
    with open(PAGE) as f:
        served, heading, missing = f.read().partition('\nNot provided\n============\n')
    assert heading, 'api-reference.rst has no "Not provided" section'
    return served, missing


def routes():
    return {(method, path): handler for path, methods in router.ROUTE_DECLARATIONS.items()
            for method, handler in methods.items()}


def test_every_route_served_is_documented_and_no_other():
    served, _ = page()
    documented = set(REQUEST.findall(served))
    undocumented = sorted(set(routes()) - documented)
    assert not undocumented, (
        'served but not in doc/source/api-reference.rst; add a row "``METHOD /path``  '
        'since  answer" for each: %s' % undocumented)
    assert documented <= set(routes()), (
        'in api-reference.rst but not served: %s' % sorted(documented - set(routes())))


def test_each_row_gives_the_microversion_its_handler_is_served_from():
    served, _ = page()
    rows = [ROW.match(line) for line in served.splitlines()]
    since = {(m.group(1), m.group(2)): m.group(3) for m in rows if m}
    assert set(since) == set(routes())
    for route, handler in routes().items():
        wanted = microversion.as_string(getattr(handler, 'min_version', microversion.MIN_VERSION))
        assert since[route] == wanted, route


def test_the_microversions_are_the_ones_served():
    served, _ = page()
    table = set(re.findall(r'^(\d+\.\d+)\s', served, re.M))
    used = {getattr(h, 'min_version', microversion.MIN_VERSION) for h in routes().values()}
    assert {microversion.as_string(v) for v in used if v <= microversion.MAX_VERSION} <= table
    # Routes built ahead of the announced maximum (volume-transfers at 3.55)
    # are not in the table of versions served; the page says when they come.
    for version in (v for v in used if v > microversion.MAX_VERSION):
        assert 'maximum reaches %s' % microversion.as_string(version) in served
    top = microversion.as_string(microversion.MAX_VERSION)
    assert max(table, key=lambda v: tuple(map(int, v.split('.')))) == top
    assert '``latest``\nmeans %s' % top in served


def test_nothing_listed_as_not_provided_is_served():
    _, missing = page()
    paths = re.findall(r'^``(/\S*)``', missing, re.M)
    assert len(paths) > 5  # the table was read (groups moved out of it at 3.13)
    for path in paths:
        assert path not in router.ROUTE_DECLARATIONS, path
    for method, path in routes():
        assert not any(path.startswith(p + '/') for p in paths), path
    assert 'maximum is %s' % microversion.as_string(microversion.MAX_VERSION) in missing


def test_every_action_is_documented_and_none_listed_missing_is_served():
    served, missing = page()
    actions = set(volume_actions.ACTIONS) | set(snapshot_actions.ACTIONS)
    # Actions are named os-... but for 3.40's ``revert``.
    assert set(re.findall(r'^``(os-[\w-]+|revert)``', served, re.M)) == actions
    not_served = set(re.findall(r'``(os-[\w-]+)``', missing)) - {
        '/' + p for p in router.ROUTE_DECLARATIONS}
    assert not_served and not not_served & actions
