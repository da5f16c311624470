"""Services that change under a test: disabled, dead, or holding volumes, each on a
cloud of its own (the cloud decides where new volumes may go).
"""

import datetime

import sqlalchemy as sa

from cinderlite import context as cl_context
from cinderlite.db import engine as db_engine
from cinderlite.db import models
from cinderlite.db import services as db_services
from tests import fixtures
from tests.functional.admin_helpers import admin
from tests.functional.admin_helpers import create_volume
from tests.functional.admin_helpers import services
from tests.unit import cinder_schemas as schemas

# Message lists read their filters from 3.5 (MESSAGES_PAGINATION).
MESSAGES_VERSION = {'OpenStack-API-Version': 'volume 3.5'}


def plant_dead_volume_service(host):
    """A volume service row whose last heartbeat is an hour old."""
    ctx = cl_context.get_admin_context()
    db_services.heartbeat(ctx, host, db_services.VOLUME_BINARY, 'cinderlite-volume',
                          {'pool_host': host + '#gone', 'volume_backend_name': 'gone'})
    an_hour_ago = models.utcnow() - datetime.timedelta(hours=1)
    with db_engine.get_engine().begin() as conn:
        conn.execute(sa.update(models.Service).where(models.Service.host == host)
                     .values(heartbeat_at=an_hour_ago, updated_at=an_hour_ago))


def test_disabled_volume_service_takes_no_new_volume_but_keeps_its_own(cloud):
    kept = create_volume(cloud, 'p1', 'available')
    resp = admin(cloud, 'PUT', '/os-services/disable-log-reason', body={
        'host': 'testhost@file', 'binary': 'cinder-volume', 'disabled_reason': 'disk swap'})
    assert resp.status == 200, resp
    schemas.check(schemas.SERVICE_DISABLE_LOG_REASON, resp.json)
    assert resp.json == {'host': 'testhost@file', 'service': '', 'binary': 'cinder-volume',
                         'status': 'disabled', 'disabled': True,
                         'disabled_reason': 'disk swap'}
    volume = services(cloud, '?binary=cinder-volume')[0]
    assert (volume['status'], volume['state'], volume['disabled_reason']) == (
        'disabled', 'up', 'disk swap')

    refused = create_volume(cloud, 'p1', 'error')
    messages = cloud.request('GET', '/v3/p1/messages?resource_uuid=' + refused['id'],
                             headers=MESSAGES_VERSION).json['messages']
    assert [m['event_id'] for m in messages] == ['VOLUME_000001']
    zones = cloud.request('GET', '/v3/p1/os-availability-zone').json
    assert zones['availabilityZoneInfo'][0]['zoneState'] == {'available': False}
    assert admin(cloud, 'GET', '/scheduler-stats/get_pools').json == {'pools': []}
    assert [h['service'] for h in admin(cloud, 'GET', '/os-hosts').json['hosts']] == [
        'cinder-scheduler']
    # What the disabled service holds, it still serves.
    for volume_id in (kept['id'], refused['id']):
        assert cloud.request('DELETE', '/v3/p1/volumes/' + volume_id).status == 202
        fixtures.wait_status(cloud, 'volumes', volume_id, 'deleted')

    resp = admin(cloud, 'PUT', '/os-services/enable',
                 body={'host': 'testhost@file', 'service': 'cinder-volume'})
    assert resp.status == 200, resp
    schemas.check(schemas.SERVICE_ENABLE, resp.json)
    assert resp.json == {'host': 'testhost@file', 'service': 'cinder-volume', 'binary': '',
                         'status': 'enabled', 'disabled': False, 'disabled_reason': None}
    volume = services(cloud, '?binary=cinder-volume')[0]
    assert (volume['status'], volume['disabled_reason']) == ('enabled', None)
    placed = create_volume(cloud, 'p1', 'available')
    assert cloud.request('DELETE', '/v3/p1/volumes/' + placed['id']).status == 202
    fixtures.wait_status(cloud, 'volumes', placed['id'], 'deleted')


def test_plain_disable_answers_without_a_reason(cloud):
    resp = admin(cloud, 'PUT', '/os-services/disable',
                 body={'host': 'testhost', 'binary': 'cinder-scheduler'})
    assert resp.status == 200, resp
    schemas.check(schemas.SERVICE_DISABLE, resp.json)
    assert resp.json['status'] == 'disabled' and resp.json['disabled'] is True
    listed = {s['binary']: s['status'] for s in services(cloud)}
    assert listed == {'cinder-scheduler': 'disabled', 'cinder-volume': 'enabled'}


def test_dead_volume_service_is_down_and_offers_no_pool(cloud):
    plant_dead_volume_service('deadhost@gone')
    dead = services(cloud, '?host=deadhost')
    assert [(s['binary'], s['state'], s['status']) for s in dead] == [
        ('cinder-volume', 'down', 'enabled')]
    hosts = {h['host_name']: h for h in admin(cloud, 'GET', '/os-hosts').json['hosts']}
    assert hosts['deadhost@gone']['service-status'] == 'unavailable'
    assert hosts['testhost@file']['service-status'] == 'available'
    pools = admin(cloud, 'GET', '/scheduler-stats/get_pools').json['pools']
    assert pools == [{'name': 'testhost@file#file'}]
    zones = cloud.request('GET', '/v3/p1/os-availability-zone').json
    assert zones['availabilityZoneInfo'][0]['zoneState'] == {'available': True}


def test_show_host_counts_what_each_project_holds_there(cloud):
    first = create_volume(cloud, 'p1', 'available')
    create_volume(cloud, 'p1', 'available')
    create_volume(cloud, 'p2', 'available')
    resp = cloud.request('POST', '/v3/p1/snapshots',
                         body={'snapshot': {'volume_id': first['id']}})
    assert resp.status == 202, resp
    fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'], 'available')

    resp = admin(cloud, 'GET', '/os-hosts/testhost@file')
    assert resp.status == 200, resp
    schemas.check(schemas.HOST, resp.json)
    rows = [(r['resource']['project'], r['resource']['volume_count'],
             r['resource']['total_volume_gb'], r['resource']['snapshot_count'],
             r['resource']['total_snapshot_gb']) for r in resp.json['host']]
    assert rows == [('(total)', '3', '3', '1', '1'), ('p1', '2', '2', '1', '1'),
                    ('p2', '1', '1', '0', '0')]
    assert {r['resource']['host'] for r in resp.json['host']} == {'testhost@file'}
