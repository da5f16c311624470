"""``os-retype`` on clouds of their own: two backends, a driver with its own retype.

In a module of its own: each test builds its cloud (the database engine is
process-wide, so these must not share a module with the shared cloud).
"""

import hashlib
import os

from cinderlite import context as cl_context
from cinderlite.db import volumes as db_volumes
from cinderlite.volume import recovery
from tests import drivers
from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional.test_volume_actions import act
from tests.functional.test_volumes import write_pattern

ADMIN = 'admin:admin'
MESSAGES = {'OpenStack-API-Version': 'volume 3.5'}
TWO_BACKENDS = {'a': {'volume_backend_name': 'a'}, 'b': {'volume_backend_name': 'b'}}


def shown(cloud, volume_id):
    return cloud.request('GET', '/v3/admin/volumes/%s' % volume_id, token=ADMIN).json['volume']


def messages_of(cloud, resource_id):
    return [m['user_message'] for m in cloud.request(
        'GET', '/v3/p1/messages?resource_uuid=%s' % resource_id, headers=MESSAGES).json[
        'messages']]


def retype(cloud, volume_id, new_type, policy=None):
    return act(cloud, 'p1', volume_id, {'os-retype': {'new_type': new_type,
                                                      'migration_policy': policy}})


def wait_message(cloud, volume_id):
    return fixtures.wait_for(lambda: messages_of(cloud, volume_id), what='a user message')


def test_never_refuses_a_type_of_the_other_backend(make_cloud):
    cloud = make_cloud(backends=TWO_BACKENDS)
    h.create_type(cloud, 'on-a', backend_name='a')
    h.create_type(cloud, 'on-b', backend_name='b')
    volume_id = h.create_volume(cloud, vtype='on-a')
    for policy in (None, 'never'):
        resp = retype(cloud, volume_id, 'on-b', policy)
        assert resp.status == 400, resp
        assert resp.json['badRequest']['message'] == (
            'Invalid volume: Retype requires migration but is not allowed.')
    h.create_type(cloud, 'also-a', backend_name='a')
    assert retype(cloud, volume_id, 'also-a', 'never').status == 202
    fixtures.wait_for(lambda: shown(cloud, volume_id)['volume_type'] == 'also-a',
                      what='the new type')
    assert shown(cloud, volume_id)['os-vol-host-attr:host'].endswith('@a#a')


def test_the_driver_retypes_in_place_with_the_diff(make_cloud):
    cloud = make_cloud(backends={'file': {'volume_driver': 'tests.drivers.RetypingDriver'}})
    h.create_type(cloud, 'plain')
    resp = cloud.request('POST', '/v3/admin/types', token=ADMIN, body={'volume_type': {
        'name': 'gold', 'extra_specs': {'vendor:tier': 'gold'}}})
    assert resp.status == 200
    volume_id = h.create_volume(cloud, vtype='plain', name='fine')
    host = shown(cloud, volume_id)['os-vol-host-attr:host']
    assert retype(cloud, volume_id, 'gold').status == 202
    fixtures.wait_for(lambda: shown(cloud, volume_id)['volume_type'] == 'gold',
                      what='the new type')
    call, = drivers.RetypingDriver.calls
    assert call == {'volume_id': volume_id, 'new_type': 'gold',
                    'extra_specs': {'vendor:tier': 'gold'},
                    'diff': {'extra_specs': {'vendor:tier': (None, 'gold')}, 'qos_specs': {},
                             'encryption': {}},
                    'host': {'host': host}}
    assert shown(cloud, volume_id)['status'] == 'available'
    # Types that differ in nothing need no driver call.
    h.create_type(cloud, 'plain-too')
    drivers.RetypingDriver.calls.clear()
    assert retype(cloud, volume_id, 'plain').status == 202
    fixtures.wait_for(lambda: shown(cloud, volume_id)['volume_type'] == 'plain',
                      what='the type back')
    assert retype(cloud, volume_id, 'plain-too').status == 202
    fixtures.wait_for(lambda: shown(cloud, volume_id)['volume_type'] == 'plain-too',
                      what='the third type')
    assert [c['new_type'] for c in drivers.RetypingDriver.calls] == ['plain']


def test_a_driver_that_refuses_or_fails_leaves_type_status_and_quota(make_cloud):
    cloud = make_cloud(backends={'file': {'volume_driver': 'tests.drivers.RetypingDriver'}})
    h.create_type(cloud, 'plain')
    cloud.request('POST', '/v3/admin/types', token=ADMIN, body={'volume_type': {
        'name': 'gold', 'extra_specs': {'vendor:tier': 'gold'}}})
    for name, words in (('refuse-1', 'cannot give it this type in place'),
                        ('boom-1', 'the array rejects the new tier')):
        volume_id = h.create_volume(cloud, vtype='plain', name=name)
        assert retype(cloud, volume_id, 'gold', 'on-demand').status == 202
        message, = wait_message(cloud, volume_id)
        assert message.startswith('retype volume: ') and words in message, message
        after = shown(cloud, volume_id)
        assert (after['status'], after['volume_type']) == ('available', 'plain')
    used = h.usage(cloud)
    assert used['volumes_plain'] == 2 and used.get('volumes_gold', 0) == 0


def test_a_backend_without_the_asked_capability_is_told_asynchronously(make_cloud):
    cloud = make_cloud()
    h.create_type(cloud, 'plain')
    cloud.request('POST', '/v3/admin/types', token=ADMIN, body={'volume_type': {
        'name': 'exotic', 'extra_specs': {'capabilities:vendor_name': 'NoSuchVendor'}}})
    volume_id = h.create_volume(cloud, vtype='plain')
    assert retype(cloud, volume_id, 'exotic', 'never').status == 202
    message, = wait_message(cloud, volume_id)
    assert 'does not fit the new type' in message
    after = shown(cloud, volume_id)
    assert (after['status'], after['volume_type']) == ('available', 'plain')


def test_a_retype_left_in_flight_is_given_up_by_recovery(make_cloud):
    cloud = make_cloud()
    h.create_type(cloud, 'plain')
    volume_id = h.create_volume(cloud, vtype='plain')
    ctx = cl_context.get_admin_context()
    db_volumes.update_volume(ctx, volume_id, {'status': 'retyping',
                                              'previous_status': 'available'})
    recovery.resume_work_in_flight(cloud.manager, ctx)
    after = shown(cloud, volume_id)
    assert (after['status'], after['volume_type']) == ('available', 'plain')
    assert 'restarted' in messages_of(cloud, volume_id)[0]


def backend_file(cloud, backend, volume_id):
    return os.path.join(cloud.conf.state_path, 'volumes', backend, 'volume-%s' % volume_id)


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_on_demand_moves_the_volume_its_bytes_and_its_quota(make_cloud):
    cloud = make_cloud(backends=TWO_BACKENDS)
    h.create_type(cloud, 'on-a', backend_name='a')
    h.create_type(cloud, 'on-b', backend_name='b')
    volume_id = h.create_volume(cloud, vtype='on-a', size=2)
    before = shown(cloud, volume_id)
    write_pattern(backend_file(cloud, 'a', volume_id), b'moving')
    data = digest(backend_file(cloud, 'a', volume_id))
    cloud.cinder().volumes.retype(volume_id, 'on-b', 'on-demand')
    after = fixtures.wait_for(
        lambda: (lambda v: v if v['volume_type'] == 'on-b' and v['status'] == 'available'
                 else None)(shown(cloud, volume_id)), what='the volume on b')
    assert after['os-vol-host-attr:host'].endswith('@b#b')
    assert after['os-vol-mig-status-attr:migstat'] == 'success'
    for key in ('id', 'size', 'name', 'user_id', 'os-vol-tenant-attr:tenant_id'):
        assert after[key] == before[key]
    assert digest(backend_file(cloud, 'b', volume_id)) == data
    fixtures.wait_for(lambda: not os.path.exists(backend_file(cloud, 'a', volume_id)),
                      what='the old copy to go')
    used = h.usage(cloud)
    assert (used['volumes_on-b'], used['gigabytes_on-b']) == (1, 2)
    assert used.get('volumes_on-a', 0) == used.get('gigabytes_on-a', 0) == 0
    # It lives on b now: extend and delete go there.
    assert act(cloud, 'p1', volume_id, {'os-extend': {'new_size': 3}}).status == 202
    fixtures.wait_for(lambda: shown(cloud, volume_id)['size'] == 3, what='the extend')
    fixtures.wait_status(cloud, 'volumes', volume_id, 'available')
    assert os.path.getsize(backend_file(cloud, 'b', volume_id)) == 3 * 1024 ** 3


def test_a_failed_move_leaves_the_source_as_it_was(make_cloud):
    cloud = make_cloud(backends={
        'a': {'volume_backend_name': 'a'},
        'b': {'volume_backend_name': 'b', 'volume_driver': 'tests.drivers.FailingDriver'}})
    h.create_type(cloud, 'on-a', backend_name='a')
    h.create_type(cloud, 'on-b', backend_name='b')
    volume_id = h.create_volume(cloud, vtype='on-a', name='moving')
    write_pattern(backend_file(cloud, 'a', volume_id), b'stay')
    data = digest(backend_file(cloud, 'a', volume_id))
    assert retype(cloud, volume_id, 'on-b', 'on-demand').status == 202
    message, = wait_message(cloud, volume_id)
    assert message.startswith('retype volume: ') and 'disk array on fire' in message
    after = shown(cloud, volume_id)
    assert (after['status'], after['volume_type']) == ('available', 'on-a')
    assert after['os-vol-host-attr:host'].endswith('@a#a')
    assert after['os-vol-mig-status-attr:migstat'] == 'error'
    assert digest(backend_file(cloud, 'a', volume_id)) == data
    assert not os.path.exists(backend_file(cloud, 'b', volume_id))
    assert h.usage(cloud)['volumes_on-a'] == 1


def test_a_volume_with_snapshots_cannot_move(make_cloud):
    cloud = make_cloud(backends=TWO_BACKENDS)
    h.create_type(cloud, 'on-a', backend_name='a')
    h.create_type(cloud, 'on-b', backend_name='b')
    volume_id = h.create_volume(cloud, vtype='on-a')
    resp = cloud.request('POST', '/v3/p1/snapshots', body={'snapshot': {
        'volume_id': volume_id}})
    fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'], 'available')
    resp = retype(cloud, volume_id, 'on-b', 'on-demand')
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid volume: Volume must not have snapshots.')
    assert shown(cloud, volume_id)['status'] == 'available'
