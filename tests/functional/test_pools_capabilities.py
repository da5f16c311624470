"""scheduler-stats/get_pools and capabilities/{host}: what the volume hosts report."""

import pytest

from tests.functional.admin_helpers import admin
from tests.unit import cinder_schemas as schemas


def test_pools_without_detail_are_names(shared_cloud):
    resp = admin(shared_cloud, 'GET', '/scheduler-stats/get_pools')
    assert resp.status == 200, resp
    schemas.check(schemas.POOLS, resp.json)
    assert resp.json == {'pools': [{'name': 'testhost@file#file'}]}
    # Filters come at 3.28; below it Cinder ignores them, as we do.
    assert admin(shared_cloud, 'GET', '/scheduler-stats/get_pools?name=x').json == resp.json


@pytest.mark.parametrize('detail', ['True', 'true', '1'])
def test_pools_with_detail_carry_the_reported_capabilities(shared_cloud, detail):
    resp = admin(shared_cloud, 'GET', '/scheduler-stats/get_pools?detail=' + detail)
    assert resp.status == 200, resp
    schemas.check(schemas.POOLS_DETAIL, resp.json)
    [pool] = resp.json['pools']
    capabilities = pool['capabilities']
    assert (capabilities['vendor_name'], capabilities['storage_protocol'],
            capabilities['volume_backend_name']) == ('cinderlite', 'file', 'file')
    assert capabilities['free_capacity_gb'] <= capabilities['total_capacity_gb']
    assert 'pool_host' not in capabilities


@pytest.mark.parametrize('host', ['testhost@file', 'testhost@file%23file'])
def test_capabilities_of_a_backend_match_its_pool(shared_cloud, host):
    resp = admin(shared_cloud, 'GET', '/capabilities/' + host)
    assert resp.status == 200, resp
    schemas.check(schemas.CAPABILITIES, resp.json)
    assert resp.json['namespace'] == 'OS::Storage::Capabilities::testhost@file'
    assert resp.json['properties'] == {} and resp.json['replication_targets'] == []
    [pool] = admin(shared_cloud, 'GET', '/scheduler-stats/get_pools?detail=True').json[
        'pools']
    keys = ('vendor_name', 'volume_backend_name', 'storage_protocol', 'driver_version')
    assert [resp.json[k] for k in keys] == [pool['capabilities'][k] for k in keys]


@pytest.mark.parametrize('host', ['testhost', 'nowhere@file', 'testhost@other'])
def test_capabilities_of_no_backend_is_404(shared_cloud, host):
    resp = admin(shared_cloud, 'GET', '/capabilities/' + host)
    assert resp.status == 404
    assert resp.json == {'itemNotFound': {'code': 404,
                                          'message': "Can't find service: %s" % host}}


@pytest.mark.parametrize('path,rule', [
    ('/scheduler-stats/get_pools', 'scheduler_extension:scheduler_stats:get_pools'),
    ('/scheduler-stats/get_pools?detail=True',
     'scheduler_extension:scheduler_stats:get_pools'),
    ('/capabilities/testhost@file', 'volume_extension:capabilities'),
])
def test_backend_reports_are_for_admins(shared_cloud, project, path, rule):
    resp = shared_cloud.request('GET', '/v3/%s%s' % (project, path), token='u1:' + project)
    assert resp.status == 403
    assert resp.json['forbidden']['message'] == (
        "Policy doesn't allow %s to be performed." % rule)
