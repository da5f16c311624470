"""The attachments API (3.27, os-complete 3.44, mode 3.54) over HTTP and with cinderclient."""

import concurrent.futures
import uuid

from cinderclient import exceptions as cinder_exc
import pytest

from cinderlite import exception
from cinderlite import policy
from cinderlite.volume.drivers import file as file_driver
from tests.functional import groups_helpers as h
from tests.functional.server_process import console_script
from tests.functional.test_attach_actions import CONNECTOR
from tests.functional.test_attach_actions import message
from tests.functional.test_attach_actions import shown
from tests.functional.test_clone_clients import _run as run
from tests.functional.test_volumes import create_type
from tests.functional.test_volumes import create_volume

SUMMARY = {'id', 'status', 'instance', 'volume_id'}
DETAIL = SUMMARY | {'attached_at', 'detached_at', 'attach_mode', 'connection_info'}


def api(cloud, method, project, path, version='3.54', user='u1', body=None):
    return cloud.request(method, '/v3/%s%s' % (project, path), token='%s:%s' % (user, project),
                         body=body, headers={'OpenStack-API-Version': 'volume %s' % version})


def attach(cloud, project, volume_id, version='3.54', **values):
    body = {'attachment': dict({'volume_uuid': volume_id}, **values)}
    return api(cloud, 'POST', project, '/attachments', version, body=body)


def test_reserve_connect_complete_write_and_delete(shared_cloud, project):
    vid = create_volume(shared_cloud, project)['id']
    server = str(uuid.uuid4())
    resp = attach(shared_cloud, project, vid, instance_uuid=server)
    assert resp.status == 200, resp
    attachment = resp.json['attachment']
    assert set(attachment) == DETAIL
    assert (attachment['status'], attachment['instance'], attachment['volume_id'],
            attachment['attach_mode'], attachment['connection_info'],
            attachment['attached_at']) == ('reserved', server, vid, 'null', None, '')
    assert shown(shared_cloud, project, vid)['status'] == 'reserved'
    # A second attachment of a volume that is not multiattach: Cinder's 400.
    resp = attach(shared_cloud, project, vid, instance_uuid=str(uuid.uuid4()))
    assert (resp.status, message(resp)) == (
        400, 'Invalid volume: Volume %s status must be available or downloading to '
             'reserve, but the current status is reserved.' % vid)
    path = '/attachments/%s' % attachment['id']
    resp = api(shared_cloud, 'PUT', project, path, body={'attachment': {
        'connector': dict(CONNECTOR, mountpoint='/dev/vdb')}})
    assert resp.status == 200, resp
    updated = resp.json['attachment']
    info = updated['connection_info']
    assert updated['status'] == 'attaching' and updated['attached_at']
    # Flat, as Cinder's attachments API answers it.
    assert (info['driver_volume_type'], info['device_path'], info['attachment_id'],
            info['access_mode']) == ('local', h.volume_path(shared_cloud, vid),
                                     attachment['id'], 'rw')
    assert shown(shared_cloud, project, vid)['status'] == 'attaching'
    resp = api(shared_cloud, 'POST', project, path + '/action', body={'os-complete': None})
    assert (resp.status, resp.body) == (204, b'')
    volume = shown(shared_cloud, project, vid)
    assert volume['status'] == 'in-use'
    assert [(a['attachment_id'], a['device'], a['server_id'])
            for a in volume['attachments']] == [(attachment['id'], '/dev/vdb', server)]
    with open(info['device_path'], 'r+b') as device:
        device.write(b'hello through the attachment')
    with file_driver.volume_io(h.volume_path(shared_cloud, vid)) as f:
        assert f.read(28) == b'hello through the attachment'
    listed = api(shared_cloud, 'GET', project, '/attachments').json['attachments']
    assert listed == [{'id': attachment['id'], 'status': 'attached', 'instance': server,
                       'volume_id': vid}]
    detailed = api(shared_cloud, 'GET', project, '/attachments/detail').json['attachments']
    assert [set(a) for a in detailed] == [DETAIL]
    assert api(shared_cloud, 'GET', project, path).json['attachment']['status'] == 'attached'
    assert api(shared_cloud, 'DELETE', project, '/volumes/%s' % vid).status == 400
    resp = api(shared_cloud, 'DELETE', project, path)
    assert (resp.status, resp.json) == (200, {'attachments': []})
    volume = shown(shared_cloud, project, vid)
    assert (volume['status'], volume['attachments']) == ('available', [])
    assert api(shared_cloud, 'GET', project, path).status == 404
    assert api(shared_cloud, 'DELETE', project, '/volumes/%s' % vid).status == 202


def test_create_with_connector_and_mode(shared_cloud, project):
    vid = create_volume(shared_cloud, project)['id']
    resp = attach(shared_cloud, project, vid, connector=CONNECTOR, mode='ro')
    assert resp.status == 200, resp
    attachment = resp.json['attachment']
    assert (attachment['status'], attachment['attach_mode'], attachment['instance']) == (
        'attaching', 'ro', None)
    assert attachment['connection_info']['access_mode'] == 'ro'
    assert shown(shared_cloud, project, vid)['status'] == 'attaching'
    resp = api(shared_cloud, 'DELETE', project, '/attachments/%s' % attachment['id'])
    assert resp.status == 200
    assert shown(shared_cloud, project, vid)['status'] == 'available'


def test_versions_gate_routes_mode_and_complete(shared_cloud, project):
    vid = create_volume(shared_cloud, project)['id']
    assert attach(shared_cloud, project, vid, version='3.26').status == 404
    assert api(shared_cloud, 'GET', project, '/attachments', '3.26').status == 404
    resp = attach(shared_cloud, project, vid, version='3.53', mode='rw')
    assert resp.status == 400
    resp = attach(shared_cloud, project, vid, version='3.27')
    assert resp.status == 200
    attachment = resp.json['attachment']
    assert attachment['attach_mode'] is None
    path = '/attachments/%s/action' % attachment['id']
    assert api(shared_cloud, 'POST', project, path, '3.43',
               body={'os-complete': {}}).status == 404
    resp = api(shared_cloud, 'POST', project, path, '3.44', body={'os-frob': {}})
    assert resp.status == 400
    # os-complete has no precondition in Cinder: a reserved attachment becomes attached.
    assert api(shared_cloud, 'POST', project, path, '3.44',
               body={'os-complete': attachment['id']}).status == 204
    assert shown(shared_cloud, project, vid)['status'] == 'in-use'
    assert api(shared_cloud, 'DELETE', project,
               '/attachments/%s' % attachment['id'], '3.27').status == 200


def test_refusals_and_tenant_isolation(shared_cloud, project):
    vid = create_volume(shared_cloud, project)['id']
    for body in ({}, {'attachment': {}}, {'attachment': {'volume_uuid': 'nope'}},
                 {'attachment': {'volume_uuid': vid, 'instance_uuid': None}},
                 {'attachment': {'volume_uuid': vid, 'extra': 1}},
                 {'attachment': {'volume_uuid': vid, 'mode': 'rx'}}):
        resp = api(shared_cloud, 'POST', project, '/attachments', body=body)
        assert resp.status == 400, (body, resp)
    resp = attach(shared_cloud, project, str(uuid.uuid4()))
    assert resp.status == 404
    assert attach(shared_cloud, 'intruder', vid).status == 404
    attachment = attach(shared_cloud, project, vid).json['attachment']
    path = '/attachments/%s' % attachment['id']
    for method, suffix, body in (('GET', '', None), ('DELETE', '', None),
                                 ('PUT', '', {'attachment': {'connector': CONNECTOR}}),
                                 ('POST', '/action', {'os-complete': None})):
        assert api(shared_cloud, method, 'intruder', path + suffix,
                   body=body).status == 404, method
    assert api(shared_cloud, 'GET', 'intruder', '/attachments').json == {'attachments': []}
    for body in ({'attachment': {'connector': {}}}, {'attachment': {}},
                 {'attachment': {'connector': CONNECTOR, 'x': 1}}):
        assert api(shared_cloud, 'PUT', project, path, body=body).status == 400, body
    # An admin sees it with all_tenants.
    listed = api(shared_cloud, 'GET', 'admin', '/attachments?all_tenants=1&volume_id=%s' % vid,
                 user='admin').json['attachments']
    assert [a['id'] for a in listed] == [attachment['id']]
    assert api(shared_cloud, 'DELETE', project, path).status == 200
    # Error states refuse attachments.
    assert api(shared_cloud, 'POST', 'admin', '/volumes/%s/action' % vid, user='admin',
               body={'os-reset_status': {'status': 'error'}}).status == 202
    resp = attach(shared_cloud, project, vid)
    assert (resp.status, message(resp)) == (
        400, 'Invalid volume: Volume attachments can not be created if the volume is in an '
             'error state. The Volume %s currently has a status of: error ' % vid)


def test_update_conflicts_on_a_volume_in_error(shared_cloud, project):
    vid = create_volume(shared_cloud, project)['id']
    attachment = attach(shared_cloud, project, vid).json['attachment']
    assert api(shared_cloud, 'POST', 'admin', '/volumes/%s/action' % vid, user='admin',
               body={'os-reset_status': {'status': 'error'}}).status == 202
    resp = api(shared_cloud, 'PUT', project, '/attachments/%s' % attachment['id'],
               body={'attachment': {'connector': CONNECTOR}})
    assert resp.status == 409
    assert message(resp).startswith(
        'Resource conflict: Volume attachments can not be updated if the volume is in an '
        'error state.')


def test_multiattach_volume_takes_two_attachments(shared_cloud, project):
    vtype = create_type(shared_cloud, {'multiattach': '<is> True'})
    vid = create_volume(shared_cloud, project, volume_type=vtype['name'])['id']
    ids = []
    for _ in range(2):
        resp = attach(shared_cloud, project, vid, instance_uuid=str(uuid.uuid4()),
                      connector=CONNECTOR)
        assert resp.status == 200, resp
        ids.append(resp.json['attachment']['id'])
        assert api(shared_cloud, 'POST', project, '/attachments/%s/action' % ids[-1],
                   body={'os-complete': None}).status == 204
    assert len(shown(shared_cloud, project, vid)['attachments']) == 2
    resp = api(shared_cloud, 'DELETE', project, '/attachments/%s' % ids[0])
    assert [a['id'] for a in resp.json['attachments']] == [ids[1]]
    assert shown(shared_cloud, project, vid)['status'] == 'in-use'
    api(shared_cloud, 'DELETE', project, '/attachments/%s' % ids[1])
    assert shown(shared_cloud, project, vid)['status'] == 'available'


def test_multiattach_bootable_in_use_needs_its_policy(shared_cloud, project, monkeypatch):
    """A second attachment of an in-use bootable multiattach volume asks its own policy."""
    vtype = create_type(shared_cloud, {'multiattach': '<is> True'})
    vid = create_volume(shared_cloud, project, volume_type=vtype['name'])['id']
    assert api(shared_cloud, 'POST', project, '/volumes/%s/action' % vid,
               body={'os-set_bootable': {'bootable': True}}).status == 200
    first = attach(shared_cloud, project, vid, connector=CONNECTOR).json['attachment']
    api(shared_cloud, 'POST', project, '/attachments/%s/action' % first['id'],
        body={'os-complete': None})
    asked = []
    real = policy.authorize

    def authorize(context, action, target, do_raise=True):
        asked.append(action)
        if action == 'volume:multiattach_bootable_volume':
            raise exception.PolicyNotAuthorized(action=action)
        return real(context, action, target, do_raise)
    monkeypatch.setattr(policy, 'authorize', authorize)
    resp = attach(shared_cloud, project, vid, connector=CONNECTOR)
    assert resp.status == 403, resp
    assert 'volume:multiattach_bootable_volume' in asked
    assert len(api(shared_cloud, 'GET', project, '/attachments').json['attachments']) == 1
    monkeypatch.setattr(policy, 'authorize', real)
    api(shared_cloud, 'DELETE', project, '/attachments/%s' % first['id'])


def test_racing_creates_attach_a_volume_once(shared_cloud, project):
    """Eight clients reserve one volume at once: one wins, the others get Cinder's 400."""
    vid = create_volume(shared_cloud, project)['id']
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: attach(shared_cloud, project, vid,
                                                 instance_uuid=str(uuid.uuid4()),
                                                 connector=CONNECTOR), range(8)))
    assert sorted(r.status for r in answers) == [200] + [400] * 7, answers
    rows = api(shared_cloud, 'GET', project, '/attachments?volume_id=%s' % vid).json[
        'attachments']
    (winner,) = [r.json['attachment'] for r in answers if r.status == 200]
    assert [a['id'] for a in rows] == [winner['id']]
    assert shown(shared_cloud, project, vid)['status'] == 'attaching'
    api(shared_cloud, 'DELETE', project, '/attachments/%s' % winner['id'])


def test_cinderclient_attachment_create_list_delete(shared_cloud, project):
    vid = create_volume(shared_cloud, project)['id']
    cs = shared_cloud.cinder(project=project, version='3.54')
    server = str(uuid.uuid4())
    created = cs.attachments.create(vid, CONNECTOR, server, mode='rw')
    assert created['status'] == 'attaching'
    assert created['connection_info']['driver_volume_type'] == 'local'
    cs.attachments.complete(created['id'])
    listed = cs.attachments.list()
    assert [(a.id, a.status, a.instance) for a in listed] == [(created['id'], 'attached',
                                                                server)]
    assert cs.attachments.show(created['id']).attach_mode == 'rw'
    cs.attachments.delete(created['id'])
    assert cs.attachments.list() == []
    assert shown(shared_cloud, project, vid)['status'] == 'available'
    with pytest.raises(cinder_exc.NotFound):
        cs.attachments.show(created['id'])


def _table(output):
    """``{field: value}`` of a cinder/openstack show table."""
    rows = [[c.strip() for c in line.split('|')[1:-1]] for line in output.splitlines()
            if line.startswith('|')]
    return {row[0]: row[1] for row in rows[1:] if len(row) == 2}


def test_cli_attachment_create_list_delete(shared_cloud, project):
    """What a user types: ``cinder attachment-*`` and ``openstack volume attachment``."""
    vid = create_volume(shared_cloud, project)['id']
    env = {'OS_AUTH_TYPE': 'noauth', 'OS_USER_ID': 'u1', 'OS_PROJECT_ID': project,
           'CINDER_ENDPOINT': shared_cloud.url + '/v3', 'OS_VOLUME_API_VERSION': '3.54'}
    created = _table(run([console_script('cinder'), 'attachment-create', vid,
                          '--connect', 'True', '--host', 'compute-1', '--ip', '192.0.2.20',
                          '--initiator', 'iqn.1993-08.x:01:1', '--platform', 'x86_64',
                          '--ostype', 'linux', '--mode', 'rw'], env))
    assert created['status'] == 'attaching'
    # openstack's ``volume attachment create`` needs Nova (it looks the server up);
    # listing is the user's part here.
    osc = [console_script('openstack'), '--os-auth-type', 'admin_token', '--os-token',
           'u1:%s' % project, '--os-endpoint', '%s/v3/%s' % (shared_cloud.url, project),
           '--os-volume-api-version', '3.54']
    listed = run(osc + ['volume', 'attachment', 'list', '-f', 'value', '-c', 'ID',
                        '-c', 'Volume ID', '-c', 'Status'], {})
    assert listed.split() == [created['id'], vid, 'attaching']
    run([console_script('cinder'), 'attachment-delete', created['id']], env)
    assert shown(shared_cloud, project, vid)['status'] == 'available'
