"""GET /extensions: the Cinder extensions cinderlite serves, listed for every user."""

from tests.unit import cinder_schemas as schemas


def test_every_user_lists_the_extensions(shared_cloud, project):
    resp = shared_cloud.request('GET', '/v3/%s/extensions' % project, token='u1:' + project)
    assert resp.status == 200, resp
    schemas.check(schemas.EXTENSIONS, resp.json)
    aliases = [e['alias'] for e in resp.json['extensions']]
    assert len(aliases) == len(set(aliases))
    for alias in ('os-services', 'os-hosts', 'os-availability-zone', 'scheduler-stats',
                  'capabilities', 'os-quota-class-sets', 'os-used-limits',
                  'os-quota-sets', 'consistencygroups', 'cgsnapshots'):
        assert alias in aliases
    # tempest's check when api_extensions is "all".
    assert 'Hosts' in [e['name'] for e in resp.json['extensions']]


def test_served_extensions_are_routes_that_answer(shared_cloud):
    """Each listed extension with a route of its own answers there (no phantom entry)."""
    paths = {'os-services': '/os-services', 'os-hosts': '/os-hosts',
             'os-availability-zone': '/os-availability-zone',
             'scheduler-stats': '/scheduler-stats/get_pools',
             'capabilities': '/capabilities/testhost@file',
             'os-quota-class-sets': '/os-quota-class-sets/default',
             'os-quota-sets': '/os-quota-sets/admin', 'os-used-limits': '/limits',
             'consistencygroups': '/consistencygroups', 'cgsnapshots': '/cgsnapshots',
             'os-types-manage': '/types'}
    listed = {e['alias'] for e in shared_cloud.request(
        'GET', '/v3/admin/extensions', token='admin:admin').json['extensions']}
    for alias, path in paths.items():
        assert alias in listed
        assert shared_cloud.request('GET', '/v3/admin' + path,
                                    token='admin:admin').status == 200, alias


def test_show_one_extension_by_alias(shared_cloud):
    resp = shared_cloud.request('GET', '/v3/p1/extensions/os-hosts')
    assert resp.status == 200, resp
    assert resp.json == {'extension': {
        'name': 'Hosts', 'alias': 'os-hosts', 'updated': '2011-06-29T00:00:00+00:00',
        'description': 'Admin-only host administration.', 'links': []}}
    missing = shared_cloud.request('GET', '/v3/p1/extensions/os-volume-manage')
    assert missing.status == 404
    assert missing.json['itemNotFound']['message'] == (
        'Extension os-volume-manage could not be found.')
