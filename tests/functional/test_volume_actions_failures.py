"""A volume action the backend fails: its own cloud, with a failing driver.

In a module of its own: the database engine is process-wide, so a test's own
cloud must not share a module with the module-wide shared cloud.
"""

import os

from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional.test_attach_actions import CONNECTOR
from tests.functional.test_volume_actions import act
from tests.functional.test_volume_actions import gigabytes_used
from tests.functional.test_volumes import create_volume


def test_a_failed_extend_is_error_extending_with_its_growth_refunded(make_cloud):
    cloud = make_cloud(backends={'file': {'volume_driver': 'tests.drivers.FailingDriver'}})
    volume = create_volume(cloud, 'p1', name='ok-source')
    assert act(cloud, 'p1', volume['id'], {'os-extend': {'new_size': 4}}).status == 202
    shown = fixtures.wait_status(cloud, 'volumes', volume['id'], 'error_extending')
    assert shown['size'] == 1
    assert gigabytes_used(cloud, 'p1') == 1
    messages = cloud.request('GET', '/v3/p1/messages?resource_uuid=%s' % volume['id'],
                             headers={'OpenStack-API-Version': 'volume 3.5'}).json
    assert 'extend volume' in messages['messages'][0]['user_message']


def test_a_snapshot_the_backend_cannot_delete_stops_the_cascade(make_cloud):
    """The deletable snapshot goes (and its quota); the stuck one and the volume stay."""
    cloud = make_cloud(backends={'file': {'volume_driver': 'tests.drivers.FailingDriver'}})
    volume = create_volume(cloud, 'p1', name='ok-source')
    snaps = {}
    for name in ('good', 'bad'):
        resp = cloud.request('POST', '/v3/p1/snapshots', body={'snapshot': {
            'volume_id': volume['id'], 'name': name}})
        snaps[name] = fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'],
                                           'available')
    resp = cloud.request('DELETE', '/v3/p1/volumes/%s?cascade=true' % volume['id'])
    assert resp.status == 202, resp
    fixtures.wait_status(cloud, 'volumes', volume['id'], 'error_deleting')
    fixtures.wait_status(cloud, 'snapshots', snaps['good']['id'], 'deleted')
    assert cloud.request('GET', '/v3/p1/snapshots/%s' % snaps['bad']['id']).json[
        'snapshot']['status'] == 'error_deleting'
    assert os.path.exists(h.volume_path(cloud, volume['id']))
    messages = cloud.request('GET', '/v3/p1/messages?resource_uuid=%s' % volume['id'],
                             headers={'OpenStack-API-Version': 'volume 3.5'}).json
    assert snaps['bad']['id'] in messages['messages'][0]['user_message']
    usage = cloud.request('GET', '/v3/admin/os-quota-sets/p1?usage=true',
                          token='admin:admin').json['quota_set']
    assert usage['snapshots']['in_use'] == 1 and usage['volumes']['in_use'] == 1


def test_attach_failures_leave_nothing_and_say_so(make_cloud):
    """The backend refuses a connector (400) or fails (500): the volume is as it was."""
    cloud = make_cloud(backends={'file': {'volume_driver': 'tests.drivers.FailingDriver'}})
    vid = create_volume(cloud, 'p1', name='ok-attach')['id']
    resp = act(cloud, 'p1', vid, {'os-initialize_connection': {'connector': {'host': 'h'}}})
    assert (resp.status, resp.json['badRequest']['message']) == (
        400, "Connector doesn't have required information: initiator")
    resp = act(cloud, 'p1', vid, {'os-initialize_connection': {'connector': CONNECTOR}})
    assert (resp.status, resp.json['computeFault']['message']) == (
        500, 'Unable to fetch connection information from backend.')
    headers = {'OpenStack-API-Version': 'volume 3.54'}
    resp = cloud.request('POST', '/v3/p1/attachments', headers=headers, body={
        'attachment': {'volume_uuid': vid, 'connector': CONNECTOR}})
    assert resp.status == 500
    assert resp.json['computeFault']['message'].startswith(
        'Unable to create attachment for volume (Bad or unexpected response from the '
        'storage volume backend API:')
    assert cloud.request('GET', '/v3/p1/attachments', headers=headers).json == {
        'attachments': []}
    shown = cloud.request('GET', '/v3/p1/volumes/%s' % vid).json['volume']
    assert (shown['status'], shown['attachments']) == ('available', [])
    # The last detach cannot remove the export: error_detaching, as Cinder.
    assert act(cloud, 'p1', vid, {'os-attach': {'host_name': 'h',
                                                'mountpoint': '/m'}}).status == 202
    resp = act(cloud, 'p1', vid, {'os-detach': {}})
    assert resp.status == 400
    assert resp.json['badRequest']['message'].startswith(
        'Error detaching volume - VolumeBackendAPIException')
    shown = cloud.request('GET', '/v3/p1/volumes/%s' % vid).json['volume']
    assert shown['status'] == 'error_detaching'


def test_a_failed_revert_is_told_and_a_missing_one_changes_nothing(make_cloud):
    cloud = make_cloud(backends={'file': {'volume_driver': 'tests.drivers.FailingDriver'}})
    for name, status, words in (('ok-broken', 'error', 'the rollback broke halfway'),
                                ('ok-cannot', 'available', 'cannot revert volumes')):
        volume = create_volume(cloud, 'p1', name=name)
        resp = cloud.request('POST', '/v3/p1/snapshots', body={'snapshot': {
            'volume_id': volume['id']}})
        snap = fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'],
                                    'available')
        resp = act(cloud, 'p1', volume['id'], {'revert': {'snapshot_id': snap['id']}},
                   headers={'OpenStack-API-Version': 'volume 3.40'})
        assert resp.status == 202, resp
        fixtures.wait_status(cloud, 'volumes', volume['id'], status)
        assert cloud.request('GET', '/v3/p1/snapshots/%s' % snap['id']).json[
            'snapshot']['status'] == 'available'
        messages = cloud.request('GET', '/v3/p1/messages?resource_uuid=%s' % volume['id'],
                                 headers={'OpenStack-API-Version': 'volume 3.5'}).json
        text = messages['messages'][0]['user_message']
        assert text.startswith('revert volume to snapshot') and words in text, text


def test_a_backend_without_online_extend_refuses_attached_extends(make_cloud):
    cloud = make_cloud(backends={'file': {
        'volume_driver': 'tests.drivers.OfflineExtendDriver'}})
    vid = create_volume(cloud, 'p1')['id']
    assert act(cloud, 'p1', vid, {'os-attach': {'host_name': 'h',
                                                'mountpoint': '/m'}}).status == 202
    resp = act(cloud, 'p1', vid, {'os-extend': {'new_size': 2}},
               headers={'OpenStack-API-Version': 'volume 3.42'})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid volume: the backend of volume %s cannot extend it while it is attached.'
        % vid)
    shown = cloud.request('GET', '/v3/p1/volumes/%s' % vid).json['volume']
    assert (shown['status'], shown['size']) == ('in-use', 1)
    assert gigabytes_used(cloud, 'p1') == 1
