"""os-services, os-hosts and os-availability-zone over HTTP, on one shared cloud.

Tests that disable a service, plant a dead one or count volumes are in
test_service_states.py.
"""

import pytest

from tests.functional.admin_helpers import admin
from tests.functional.admin_helpers import services
from tests.unit import cinder_schemas as schemas


def test_list_shows_both_services_as_cinder_names_them(shared_cloud):
    listed = {s['binary']: s for s in services(shared_cloud)}
    assert set(listed) == {'cinder-scheduler', 'cinder-volume'}
    volume = listed['cinder-volume']
    assert volume['host'] == 'testhost@file'
    assert (volume['zone'], volume['status'], volume['state']) == ('nova', 'enabled', 'up')
    assert volume['disabled_reason'] is None
    assert (volume['replication_status'], volume['frozen']) == ('not-capable', False)
    scheduler = listed['cinder-scheduler']
    assert scheduler['host'] == 'testhost' and 'frozen' not in scheduler


@pytest.mark.parametrize('query,expected', [
    ('?host=testhost', ['cinder-scheduler', 'cinder-volume']),
    ('?host=testhost@file', ['cinder-volume']),
    ('?host=testhost@file%23file', []),
    ('?binary=cinder-volume', ['cinder-volume']),
    ('?host=testhost&binary=cinder-scheduler', ['cinder-scheduler']),
    ('?binary=cinderlite-volume', []),
    ('?host=testhos', []),
    ('?host=test%25', []),
    ('?host=other', []),
])
def test_list_filters_by_host_and_binary(shared_cloud, query, expected):
    assert sorted(s['binary'] for s in services(shared_cloud, query)) == expected


def test_non_admins_may_neither_list_nor_change_services(shared_cloud, project):
    token = 'u1:' + project
    resp = shared_cloud.request('GET', '/v3/%s/os-services' % project, token=token)
    assert resp.status == 403
    assert resp.json == {'forbidden': {'code': 403, 'message': (
        "Policy doesn't allow volume_extension:services:index to be performed.")}}
    resp = shared_cloud.request('PUT', '/v3/%s/os-services/disable' % project, token=token,
                                body={'host': 'testhost@file', 'binary': 'cinder-volume'})
    assert resp.status == 403
    assert services(shared_cloud, '?binary=cinder-volume')[0]['status'] == 'enabled'


@pytest.mark.parametrize('action,body,status,message', [
    ('disable', {'host': 'nowhere', 'binary': 'cinder-volume'}, 404,
     'Service cinder-volume could not be found on host nowhere.'),
    ('enable', {'host': 'testhost@file', 'binary': 'nothing'}, 404,
     'Service nothing could not be found on host testhost@file.'),
    ('disable', {'host': 'testhost', 'binary': 'cinder-volume'}, 404,
     'Service cinder-volume could not be found on host testhost.'),
    ('disable', {'binary': 'cinder-volume'}, 400,
     'Invalid input received: Host field is missing.'),
    ('disable', {'host': None, 'binary': 'cinder-volume'}, 400,
     'Invalid input received: Host field is missing.'),
    ('disable', {'host': 'testhost@file'}, 400, 'Invalid input for field/attribute'),
    ('disable', {'host': 'testhost@file', 'binary': 'cinder-volume', 'x': 1}, 400,
     'Invalid input for field/attribute'),
    ('disable-log-reason', {'host': 'testhost@file', 'binary': 'cinder-volume',
                            'disabled_reason': None}, 400,
     'Invalid input for field/attribute disabled_reason.'),
    ('disable-log-reason', {'host': 'testhost@file', 'binary': 'cinder-volume',
                            'disabled_reason': '   '}, 400,
     'Invalid input for field/attribute disabled_reason.'),
    ('disable-log-reason', {'host': 'testhost@file', 'binary': 'cinder-volume',
                            'disabled_reason': 'x' * 256}, 400,
     'Invalid input for field/attribute disabled_reason.'),
    ('freeze', {'host': 'nowhere'}, 400, 'No service found with host=nowhere'),
    ('thaw', {'host': 'testhost@file'}, 400, 'Invalid input received: thaw is not provided'),
    ('failover', {'host': 'testhost@file'}, 400, 'Invalid input received: Unknown action'),
])
def test_bad_service_actions_change_nothing(shared_cloud, action, body, status, message):
    resp = admin(shared_cloud, 'PUT', '/os-services/' + action, body=body)
    assert resp.status == status, resp
    error = resp.json['itemNotFound' if status == 404 else 'badRequest']
    assert error['code'] == status and error['message'].startswith(message), error
    assert [s['status'] for s in services(shared_cloud)] == ['enabled', 'enabled']


def test_hosts_list_the_enabled_services(shared_cloud):
    resp = admin(shared_cloud, 'GET', '/os-hosts')
    assert resp.status == 200, resp
    schemas.check(schemas.HOSTS, resp.json)
    listed = {h['host_name']: h for h in resp.json['hosts']}
    assert set(listed) == {'testhost', 'testhost@file'}
    assert listed['testhost@file']['service'] == 'cinder-volume'
    assert listed['testhost']['service'] == 'cinder-scheduler'
    assert all((h['zone'], h['service-state'], h['service-status']) ==
               ('nova', 'enabled', 'available') for h in listed.values())
    assert admin(shared_cloud, 'GET', '/os-hosts?zone=elsewhere').json == {'hosts': []}
    assert len(admin(shared_cloud, 'GET', '/os-hosts?zone=nova').json['hosts']) == 2


@pytest.mark.parametrize('host', ['testhost', 'nowhere@file', 'testhost@fil'])
def test_show_host_without_a_volume_service_is_404(shared_cloud, host):
    resp = admin(shared_cloud, 'GET', '/os-hosts/' + host)
    assert resp.status == 404
    assert resp.json['itemNotFound']['message'] == (
        'Service cinder-volume could not be found on host %s.' % host)


def test_hosts_are_for_admins(shared_cloud, project):
    for path in ('/os-hosts', '/os-hosts/testhost@file'):
        resp = shared_cloud.request('GET', '/v3/%s%s' % (project, path),
                                    token='u1:' + project)
        assert resp.status == 403
        assert 'volume_extension:hosts' in resp.json['forbidden']['message']


def test_every_user_lists_the_availability_zone(shared_cloud, project):
    resp = shared_cloud.request('GET', '/v3/%s/os-availability-zone' % project,
                                token='u1:' + project)
    assert resp.status == 200, resp
    schemas.check(schemas.AVAILABILITY_ZONES, resp.json)
    assert resp.json == {'availabilityZoneInfo': [
        {'zoneName': 'nova', 'zoneState': {'available': True}}]}
