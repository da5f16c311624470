"""List filters per microversion over HTTP, from 3.5 to 3.65 (query_filters)."""

import datetime
import uuid

import pytest

from tests import fixtures

ADMIN = 'admin'


def call(cloud, project, path, version, user='u1', method='GET', body=None):
    return cloud.request(method, '/v3/%s%s' % (project, path), token='%s:%s' % (user, project),
                         body=body, headers={'OpenStack-API-Version': 'volume ' + version})


def listed(cloud, project, path, version, user='u1', key='volumes'):
    resp = call(cloud, project, path, version, user)
    assert resp.status == 200, resp
    return [item['id'] for item in resp.json[key]]


def error(resp):
    assert resp.status == 400, resp
    return resp.json['badRequest']['message']


def volume(cloud, project, name, metadata=None, wait='available'):
    resp = call(cloud, project, '/volumes', '3.0', method='POST', body={
        'volume': {'size': 1, 'name': name, 'metadata': metadata or {}}})
    assert resp.status == 202, resp
    if wait:
        fixtures.wait_status(cloud, 'volumes', resp.json['volume']['id'], wait,
                             token='u1:' + project, project=project)
    return resp.json['volume']['id']


def snapshot(cloud, project, volume_id, name):
    resp = call(cloud, project, '/snapshots', '3.0', method='POST', body={
        'snapshot': {'volume_id': volume_id, 'name': name}})
    assert resp.status == 202, resp
    fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'], 'available',
                         token='u1:' + project, project=project)
    return resp.json['snapshot']['id']


@pytest.fixture
def named(shared_cloud, project):
    """Volumes whose names try LIKE's wildcards, oldest first."""
    names = ['alpha_1', 'alpha%2', 'ALPHA-x', 'beta']
    return {name: volume(shared_cloud, project, name, {'k': name[0]}) for name in names}


# -- 3.33: GET /resource_filters --------------------------------------------------------

def test_resource_filters_are_cinders_defaults_from_3_33(shared_cloud, project):
    assert call(shared_cloud, project, '/resource_filters', '3.32').status == 404
    resp = call(shared_cloud, project, '/resource_filters', '3.33')
    assert resp.status == 200, resp
    filters = {f['resource']: f['filters'] for f in resp.json['resource_filters']}
    assert filters['volume'] == ['name', 'status', 'metadata', 'bootable',
                                 'migration_status', 'availability_zone', 'group_id',
                                 'size', 'created_at', 'updated_at', 'consumes_quota']
    assert filters['group'] == ['name'] and filters['pool'] == ['name', 'volume_type']
    assert set(filters) == {'volume', 'backup', 'snapshot', 'group', 'group_snapshot',
                            'attachment', 'message', 'pool', 'volume_type'}
    one = call(shared_cloud, project, '/resource_filters?resource=snapshot', '3.33')
    assert one.json == {'resource_filters': [{'resource': 'snapshot', 'filters': [
        'name', 'status', 'volume_id', 'metadata', 'availability_zone', 'consumes_quota']}]}
    unknown = call(shared_cloud, project, '/resource_filters?resource=nothing', '3.33')
    assert unknown.json == {'resource_filters': []}


# -- 3.31: unknown filters are a 400 for non-admins -------------------------------------

@pytest.mark.parametrize('path,key', [
    ('/volumes', 'volumes'), ('/volumes/detail', 'volumes'), ('/snapshots', 'snapshots'),
    ('/groups', 'groups'), ('/group_snapshots', 'group_snapshots'),
    ('/messages', 'messages')])
def test_a_non_admins_unknown_filter_is_a_400_from_3_31(shared_cloud, project, path, key):
    assert error(call(shared_cloud, project, path + '?foo=1&bar=2', '3.31')) == \
        'Invalid filters foo,bar are found in query options.'
    # all_tenants is ignored, not refused (cinderclient sends it).
    assert call(shared_cloud, project, path + '?all_tenants=1', '3.31').status == 200
    # Admins may filter on anything; a filter on no column matches nothing.
    resp = call(shared_cloud, project, path + '?foo=1', '3.31', user=ADMIN)
    assert resp.status == 200 and resp.json[key] == []
    resp = call(shared_cloud, project, path + '?f%C3%B6o=1', '3.31', user=ADMIN)
    assert error(resp) == 'Filter keys can only contain ASCII characters.'


def test_below_3_31_a_non_admins_unknown_filter_is_ignored(shared_cloud, project):
    ids = [volume(shared_cloud, project, 'a'), volume(shared_cloud, project, 'b')]
    assert sorted(listed(shared_cloud, project, '/volumes?foo=1', '3.30')) == sorted(ids)
    # glance_metadata is not on the default list: ignored below 3.31, 400 from it.
    query = "/volumes?glance_metadata={'a':'b'}"
    assert sorted(listed(shared_cloud, project, query, '3.30')) == sorted(ids)
    assert error(call(shared_cloud, project, query, '3.31')) == \
        'Invalid filters glance_metadata are found in query options.'
    # group_id filters from 3.10 only.
    group_query = '/volumes?group_id=%s' % uuid.uuid4()
    assert sorted(listed(shared_cloud, project, group_query, '3.9')) == sorted(ids)
    assert listed(shared_cloud, project, group_query, '3.10') == []


def test_listed_filters_work_for_non_admins(shared_cloud, project, named):
    ids = named
    assert listed(shared_cloud, project, '/volumes?name=beta', '3.31') == [ids['beta']]
    assert sorted(listed(shared_cloud, project, "/volumes?metadata={'k':'a'}", '3.31')) == \
        sorted([ids['alpha_1'], ids['alpha%2']])
    assert listed(shared_cloud, project, '/volumes?size=2', '3.31') == []
    assert len(listed(shared_cloud, project, '/volumes?size=1&bootable=false', '3.31')) == 4
    assert error(call(shared_cloud, project, '/volumes?bootable=maybe', '3.31')) == \
        "Invalid input received: 'bootable = maybe'"
    assert error(call(shared_cloud, project, '/volumes?metadata=[1]', '3.31')).startswith(
        'Invalid input received: Invalid metadata filter')
    # Another project's volumes never show, whatever the filters.
    other = 'o' + project
    assert listed(shared_cloud, other, '/volumes?name=beta&all_tenants=1', '3.31') == []
    assert listed(shared_cloud, other, '/volumes?name~=alpha', '3.34', user=ADMIN) == []
    assert len(listed(shared_cloud, other, '/volumes?name~=alpha&all_tenants=1&project_id='
                      + project, '3.34', user=ADMIN)) == 3


# -- 3.34: key~=value -------------------------------------------------------------------

def test_like_filters_match_a_literal_substring_ignoring_case(shared_cloud, project, named):
    ids = named

    def like(query, version='3.34'):
        return sorted(listed(shared_cloud, project, '/volumes?' + query, version,
                             user=ADMIN))
    assert like('name~=alpha') == sorted(ids[n] for n in ('alpha_1', 'alpha%2', 'ALPHA-x'))
    assert like('name~=a_1') == [ids['alpha_1']]
    assert like('name~=a%25') == [ids['alpha%2']]
    assert like('name~=%25') == [ids['alpha%2']]
    assert like('name~=_') == [ids['alpha_1']]
    assert like('name~=zzz') == []
    assert like('name~=ALPHA&name=beta') == []
    # The default resource_filters.json lists "name", not "name~": a non-admin's
    # inexact filter is a 400, as in Cinder.
    assert error(call(shared_cloud, project, '/volumes?name~=alpha', '3.34')) == \
        'Invalid filters name~ are found in query options.'


def test_like_filters_on_snapshots_groups_and_messages(shared_cloud, project):
    volume_id = volume(shared_cloud, project, 'v')
    snapshot_ids = [snapshot(shared_cloud, project, volume_id, name)
                    for name in ('snap-one', 'other')]
    assert listed(shared_cloud, project, '/snapshots?name~=ONE', '3.34', user=ADMIN,
                  key='snapshots') == [snapshot_ids[0]]
    assert listed(shared_cloud, project, '/snapshots?name=other', '3.31',
                  key='snapshots') == [snapshot_ids[1]]
    assert listed(shared_cloud, project, '/snapshots?availability_zone=nova', '3.31',
                  key='snapshots') != []
    assert listed(shared_cloud, project, '/snapshots?availability_zone=elsewhere', '3.31',
                  key='snapshots') == []
    assert listed(shared_cloud, project, '/groups?name~=x', '3.34', user=ADMIN,
                  key='groups') == []
    assert listed(shared_cloud, project, '/messages?event_id~=VOLUME', '3.34', user=ADMIN,
                  key='messages') == []


# -- 3.30: snapshots sort by name -------------------------------------------------------

def test_snapshots_sort_by_name_from_3_30(shared_cloud, project):
    volume_id = volume(shared_cloud, project, 'v')
    ids = {name: snapshot(shared_cloud, project, volume_id, name) for name in ('b', 'a', 'c')}
    assert error(call(shared_cloud, project, '/snapshots?sort_key=name', '3.29')) == \
        'Invalid input received: Invalid sort key'
    assert listed(shared_cloud, project, '/snapshots?sort=name:asc', '3.30',
                  key='snapshots') == [ids['a'], ids['b'], ids['c']]
    assert listed(shared_cloud, project, '/snapshots/detail?sort_key=name&sort_dir=desc',
                  '3.30', key='snapshots') == [ids['c'], ids['b'], ids['a']]


# -- 3.45: with_count -------------------------------------------------------------------

def test_with_count_counts_every_match_from_3_45(shared_cloud, project, named):
    for path in ('/volumes', '/volumes/detail'):
        resp = call(shared_cloud, project, path + '?with_count=true&limit=1', '3.45')
        assert resp.status == 200, resp
        assert len(resp.json['volumes']) == 1 and resp.json['count'] == 4
        resp = call(shared_cloud, project, path + '?with_count=true&name=beta', '3.45')
        assert resp.json['count'] == 1
        assert 'count' not in call(shared_cloud, project, path + '?with_count=false',
                                   '3.45').json
        assert 'count' not in call(shared_cloud, project, path + '?with_count=true',
                                   '3.30').json
    assert error(call(shared_cloud, project, '/volumes?with_count=maybe', '3.45')) == \
        "Value 'maybe' for 'with_count' is not a boolean."
    resp = call(shared_cloud, 'o' + project, '/volumes?with_count=1', '3.45')
    assert resp.json == {'volumes': [], 'count': 0}
    snapshot(shared_cloud, project, named['beta'], 's')
    resp = call(shared_cloud, project, '/snapshots/detail?with_count=1', '3.45')
    assert resp.json['count'] == 1 and len(resp.json['snapshots']) == 1


def test_cinderclient_lists_with_filters_and_count(shared_cloud, project, named):
    cs = shared_cloud.cinder(user=ADMIN, project=project, version='3.45')
    volumes, count = cs.volumes.list(search_opts={'name~': 'alpha', 'with_count': True})
    assert count == 3 and {v.name for v in volumes} == {'alpha_1', 'alpha%2', 'ALPHA-x'}
    user = shared_cloud.cinder(user='u1', project=project, version='3.45')
    assert [v.name for v in user.volumes.list(search_opts={'name': 'beta'})] == ['beta']
    filters = user.resource_filters.list(resource='volume')
    assert [f.filters for f in filters][0][0] == 'name'


# -- 3.60: created_at and updated_at comparisons ----------------------------------------

def test_time_comparison_filters_from_3_60(shared_cloud, project):
    old = volume(shared_cloud, project, 'old')
    middle = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    new = volume(shared_cloud, project, 'new')
    stamp = middle.isoformat()

    def where(query, version='3.60'):
        return sorted(listed(shared_cloud, project, '/volumes?' + query, version))
    assert where('created_at=gt:' + stamp) == [new]
    assert where('created_at=lte:' + stamp) == [old]
    assert where('created_at=lt:%s,gt:%s' % (stamp, stamp)) == sorted([old, new])
    assert where('created_at=gt:%s%%2B01:00' % stamp) == sorted([old, new])
    assert where('created_at=gt:' + stamp, '3.30') == sorted([old, new])
    assert new in where('updated_at=gte:' + stamp)
    assert where('updated_at=lt:2000-01-01T00:00:00') == []
    assert error(call(shared_cloud, project, '/volumes?created_at=gtt:' + stamp,
                      '3.60')) == 'Invalid gtt operator'
    assert error(call(shared_cloud, project, '/volumes?created_at=gt:yesterday',
                      '3.60')) == 'Invalid yesterday value'
    assert error(call(shared_cloud, project, '/volumes?created_at=gt', '3.60')) == \
        'Invalid gt value'


# -- 3.5 and 3.29: messages and group snapshots read their query from then --------------

def test_messages_read_paging_and_filters_from_3_5(shared_cloud, project):
    assert call(shared_cloud, project, '/messages?limit=x', '3.4').status == 200
    assert error(call(shared_cloud, project, '/messages?limit=x', '3.5')) == \
        'limit param must be an integer'
    assert call(shared_cloud, project, '/messages?foo=1', '3.30').status == 200


# -- 3.28, 3.31 and 3.35: pools ---------------------------------------------------------

def test_pool_filters_from_3_28_checked_for_admins_from_3_31(shared_cloud, project):
    def pools(query, version):
        resp = call(shared_cloud, project, '/scheduler-stats/get_pools' + query, version,
                    user=ADMIN)
        assert resp.status == 200, resp
        return [p['name'] for p in resp.json['pools']]
    everything = ['testhost@file#file']
    assert pools('?name=nothing', '3.27') == everything
    assert pools('?name=nothing', '3.28') == []
    assert pools('?name=testhost@file%23file', '3.28') == everything
    assert pools('?storage_protocol=file&detail=true', '3.28') == everything
    assert pools('?storage_protocol=iSCSI', '3.30') == []
    resp = call(shared_cloud, project, '/scheduler-stats/get_pools?storage_protocol=x',
                '3.31', user=ADMIN)
    assert error(resp) == 'Invalid filters storage_protocol are found in query options.'
    assert pools('?all_tenants=1&detail=false', '3.31') == everything
    # volume_type from 3.35: the pools that meet the type's extra specs.
    fits = 'fits-' + project
    misses = 'misses-' + project
    for name, specs in ((fits, {'volume_backend_name': 'file'}),
                        (misses, {'capabilities:storage_protocol': 'iSCSI'})):
        resp = shared_cloud.request('POST', '/v3/admin/types', token='admin:admin',
                                    body={'volume_type': {'name': name,
                                                          'extra_specs': specs}})
        assert resp.status == 200, resp
    assert pools('?volume_type=' + misses, '3.34') == everything
    assert pools('?volume_type=' + fits, '3.35') == everything
    assert pools('?volume_type=' + misses, '3.35') == []
    resp = call(shared_cloud, project, '/scheduler-stats/get_pools?volume_type=nothing',
                '3.35', user=ADMIN)
    assert resp.status == 404, resp
    assert error(call(shared_cloud, project, '/scheduler-stats/get_pools?detail=maybe',
                      '3.35', user=ADMIN)) == "Value 'maybe' for 'detail' is not a boolean."


# -- 3.52: volume types -----------------------------------------------------------------

def test_type_lists_filter_on_extra_specs_from_3_52(shared_cloud, project):
    names = {}
    for key, specs in (('multi', {'multiattach': '<is> True'}),
                       ('secret', {'volume_backend_name': project}),
                       ('plain', {})):
        names[key] = '%s-%s' % (key, project)
        resp = shared_cloud.request('POST', '/v3/admin/types', token='admin:admin',
                                    body={'volume_type': {'name': names[key],
                                                          'extra_specs': specs}})
        assert resp.status == 200, resp

    def types(query, version, user='u1'):
        resp = call(shared_cloud, project, '/types' + query, version, user=user)
        assert resp.status == 200, resp
        return {t['name'] for t in resp.json['volume_types']} & set(names.values())
    query = "?extra_specs={'multiattach':'<is>%20True'}"
    assert types(query, '3.52') == {names['multi']}
    assert types(query, '3.51') == set(names.values())
    assert types(query, '3.51', user=ADMIN) == {names['multi']}
    secret = "?extra_specs={'volume_backend_name':'%s'}" % project
    assert types(secret, '3.52') == set()
    assert types(secret, '3.52', user=ADMIN) == {names['secret']}
    assert types('?name=%s' % names['plain'], '3.52', user=ADMIN) == {names['plain']}
    assert error(call(shared_cloud, project, '/types?name=x', '3.52')) == \
        'Invalid filters name are found in query options.'
    assert call(shared_cloud, project, '/types?extra_specs=[1]', '3.52').status == 400


# -- 3.59: transfers --------------------------------------------------------------------

def test_transfer_lists_page_and_sort_from_3_59(shared_cloud, project):
    offered = []
    for name in ('b', 'a', 'c'):
        volume_id = volume(shared_cloud, project, 'v' + name)
        resp = call(shared_cloud, project, '/os-volume-transfer', '3.0', method='POST',
                    body={'transfer': {'volume_id': volume_id, 'name': name}})
        assert resp.status == 202, resp
        offered.append(resp.json['transfer']['id'])

    def transfers(query, version):
        return listed(shared_cloud, project, '/os-volume-transfer' + query, version,
                      key='transfers')
    assert transfers('', '3.58') == offered
    assert transfers('?sort=name:asc', '3.58') == offered
    assert transfers('?marker=%s' % offered[0], '3.58') == offered
    assert transfers('?limit=1&offset=1', '3.58') == offered[1:2]
    assert transfers('', '3.59') == offered[::-1]
    assert transfers('?sort=name:asc', '3.59') == [offered[1], offered[0], offered[2]]
    assert transfers('?sort=created_at:asc&marker=%s' % offered[0], '3.59') == offered[1:]
    assert transfers('?limit=1&offset=1&sort=created_at:asc', '3.59') == offered[1:2]
    assert transfers('?name=a', '3.59') == [offered[1]]
    assert transfers('?name~=A', '3.59') == [offered[1]]
    assert transfers('?crypt_hash~=a', '3.59') == []
    assert transfers('?foo=1', '3.59') == []
    assert transfers('?all_tenants=1', '3.59') == offered[::-1]


# -- 3.31: attachments ------------------------------------------------------------------

def test_attachment_filters_are_checked_from_3_31(shared_cloud, project):
    assert listed(shared_cloud, project, '/attachments?foo=1', '3.30',
                  key='attachments') == []
    assert error(call(shared_cloud, project, '/attachments?foo=1', '3.31')) == \
        'Invalid filters foo are found in query options.'
    assert listed(shared_cloud, project, '/attachments?volume_id=x&status=attached',
                  '3.34', key='attachments') == []


# -- 3.65: consumes_quota ---------------------------------------------------------------

def test_consumes_quota_filters_volumes_and_snapshots(shared_cloud, project):
    volume_id = volume(shared_cloud, project, 'v')
    snapshot_id = snapshot(shared_cloud, project, volume_id, 's')
    for path, key, item in (('/volumes', 'volumes', volume_id),
                            ('/snapshots/detail', 'snapshots', snapshot_id)):
        # Every cinderlite volume and snapshot counts against quota.
        assert listed(shared_cloud, project, path + '?consumes_quota=true', '3.65',
                      key=key) == [item]
        assert listed(shared_cloud, project, path + '?consumes_quota=0', '3.65',
                      key=key) == []
        # From 3.31 the file's list decides, not the version (as in Cinder);
        # below 3.31 the filter is dropped.
        assert listed(shared_cloud, project, path + '?consumes_quota=0', '3.40',
                      key=key) == []
        assert listed(shared_cloud, project, path + '?consumes_quota=0', '3.30',
                      key=key) == [item]
        assert error(call(shared_cloud, project, path + '?consumes_quota=maybe', '3.65')) \
            == "Value 'maybe' for 'use_quota' is not a boolean."
