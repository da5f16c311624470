"""The legacy attach actions over HTTP: os-brick's flow and Nova's, and their refusals.

``os-reserve`` -> ``os-initialize_connection`` -> ``os-attach``, then
``os-begin_detaching`` -> ``os-terminate_connection`` -> ``os-detach``, as
python-brick-cinderclient-ext drives them, with what the volume shows at
each step and what a client reaches through the connection info.
"""

import uuid

from cinderlite.volume import recovery
from cinderlite.volume.drivers import file as file_driver
from tests.functional import groups_helpers as h
from tests.functional.test_volumes import call
from tests.functional.test_volumes import create_type
from tests.functional.test_volumes import create_volume

CONNECTOR = {'host': 'compute-1', 'ip': '192.0.2.20', 'initiator': 'iqn.1993-08.x:01:1',
             'platform': 'x86_64', 'os_type': 'linux', 'multipath': False}


def act(cloud, project, volume_id, body, user='u1'):
    return call(cloud, 'POST', project, '/volumes/%s/action' % volume_id, user=user,
                body=body)


def shown(cloud, project, volume_id, user='u1'):
    return call(cloud, 'GET', project, '/volumes/%s' % volume_id, user=user).json['volume']


def message(resp):
    (body,) = resp.json.values()
    return body['message']


def test_brick_flow_attaches_writes_through_the_device_and_detaches(shared_cloud, project):
    volume = create_volume(shared_cloud, project)
    vid = volume['id']
    assert act(shared_cloud, project, vid, {'os-reserve': None}).status == 202
    assert shown(shared_cloud, project, vid)['status'] == 'attaching'
    resp = act(shared_cloud, project, vid,
               {'os-initialize_connection': {'connector': CONNECTOR}})
    assert resp.status == 200, resp
    info = resp.json['connection_info']
    assert info['driver_volume_type'] == 'local'
    assert info['data']['device_path'] == h.volume_path(shared_cloud, vid)
    assert (info['data']['access_mode'], info['data']['encrypted'],
            info['data']['qos_specs']) == ('rw', False, None)
    # A client writes through the path it was given; the volume holds it.
    with open(info['data']['device_path'], 'r+b') as device:
        device.seek(4096)
        device.write(b'written through the connection')
    with file_driver.volume_io(h.volume_path(shared_cloud, vid)) as f:
        f.seek(4096)
        assert f.read(30) == b'written through the connection'
    server = str(uuid.uuid4())
    resp = act(shared_cloud, project, vid,
               {'os-attach': {'mountpoint': '/dev/vdb', 'instance_uuid': server}})
    assert (resp.status, resp.body) == (202, b'')
    volume = shown(shared_cloud, project, vid)
    assert volume['status'] == 'in-use'
    (attachment,) = volume['attachments']
    assert set(attachment) == {'id', 'attachment_id', 'volume_id', 'server_id', 'host_name',
                               'device', 'attached_at'}
    assert (attachment['id'], attachment['volume_id'], attachment['server_id'],
            attachment['device'], attachment['host_name']) == (vid, vid, server, '/dev/vdb',
                                                                None)
    # Deleting an attached volume is refused, and it stays in use.
    assert call(shared_cloud, 'DELETE', project, '/volumes/%s' % vid).status == 400
    assert act(shared_cloud, project, vid, {'os-begin_detaching': {}}).status == 202
    assert shown(shared_cloud, project, vid)['status'] == 'detaching'
    assert act(shared_cloud, project, vid, {'os-roll_detaching': {}}).status == 202
    assert shown(shared_cloud, project, vid)['status'] == 'in-use'
    assert act(shared_cloud, project, vid, {'os-begin_detaching': {}}).status == 202
    resp = act(shared_cloud, project, vid,
               {'os-terminate_connection': {'connector': CONNECTOR}})
    assert (resp.status, resp.body) == (202, b'')
    resp = act(shared_cloud, project, vid,
               {'os-detach': {'attachment_id': attachment['attachment_id']}})
    assert (resp.status, resp.body) == (202, b'')
    volume = shown(shared_cloud, project, vid)
    assert (volume['status'], volume['attachments']) == ('available', [])
    assert call(shared_cloud, 'DELETE', project, '/volumes/%s' % vid).status == 202


def test_nova_flow_attach_without_reserve_and_detach_without_id(shared_cloud, project):
    """Tempest's test_attach_detach_volume_to_instance: os-attach, then os-detach {}."""
    vid = create_volume(shared_cloud, project)['id']
    server = str(uuid.uuid4())
    assert act(shared_cloud, project, vid, {'os-attach': {
        'instance_uuid': server, 'mountpoint': '/dev/vdb'}}).status == 202
    # The same instance again: still one attachment.
    assert act(shared_cloud, project, vid, {'os-attach': {
        'instance_uuid': server, 'mountpoint': '/dev/vdb'}}).status == 202
    # Another instance: refused, the volume is not multiattach.
    resp = act(shared_cloud, project, vid, {'os-attach': {
        'instance_uuid': str(uuid.uuid4()), 'mountpoint': '/dev/vdc'}})
    assert resp.status == 400
    assert message(resp) == (
        'Error attaching volume - InvalidVolume: Invalid volume: volume is already '
        'attached and multiple attachments are not enabled')
    admin_view = shown(shared_cloud, 'admin', vid, user='admin')
    assert len(admin_view['attachments']) == 1
    assert act(shared_cloud, project, vid, {'os-detach': {}}).status == 202
    assert shown(shared_cloud, project, vid)['status'] == 'available'


def test_host_attach_shows_the_host_to_admins_only(shared_cloud, project):
    vid = create_volume(shared_cloud, project)['id']
    assert act(shared_cloud, project, vid, {'os-attach': {
        'host_name': 'backup-host', 'mountpoint': '/mnt/v', 'mode': 'rw'}}).status == 202
    assert shown(shared_cloud, project, vid)['attachments'][0]['host_name'] is None
    (attachment,) = shown(shared_cloud, 'admin', vid, user='admin')['attachments']
    assert (attachment['host_name'], attachment['server_id']) == ('backup-host', None)
    assert act(shared_cloud, project, vid, {'os-detach': None}).status == 202


def test_readonly_volume_attaches_ro_only(shared_cloud, project):
    vid = create_volume(shared_cloud, project)['id']
    assert act(shared_cloud, project, vid,
               {'os-update_readonly_flag': {'readonly': True}}).status == 202
    resp = act(shared_cloud, project, vid, {'os-attach': {
        'host_name': 'h', 'mountpoint': '/mnt/v'}})
    assert (resp.status, message(resp)) == (
        400, "Invalid attaching mode 'rw' for volume %s." % vid)
    info = act(shared_cloud, project, vid, {'os-initialize_connection': {
        'connector': CONNECTOR}}).json['connection_info']
    assert info['data']['access_mode'] == 'ro'
    assert act(shared_cloud, project, vid, {'os-attach': {
        'host_name': 'h', 'mountpoint': '/mnt/v', 'mode': 'ro'}}).status == 202
    assert act(shared_cloud, project, vid, {'os-detach': {}}).status == 202


def test_refusals_with_cinder_messages(shared_cloud, project):
    vid = create_volume(shared_cloud, project)['id']
    resp = act(shared_cloud, project, vid, {'os-begin_detaching': {}})
    assert (resp.status, message(resp)) == (
        400, "Invalid volume: Unable to detach volume. Volume status must be 'in-use' and "
             "attach_status must be 'attached' to detach.")
    for body in ({'os-attach': {'instance_uuid': str(uuid.uuid4())}},
                 {'os-attach': {'mountpoint': '/dev/vdb'}},
                 {'os-attach': {'mountpoint': '/dev/vdb', 'instance_uuid': 'nope'}},
                 {'os-attach': {'mountpoint': '/dev/vdb', 'host_name': 'h', 'mode': 'rx'}},
                 {'os-initialize_connection': {}},
                 {'os-initialize_connection': {'connector': 5}},
                 {'os-terminate_connection': {}},
                 {'os-detach': {'attachment_id': 'not-a-uuid'}},
                 {'os-detach': {'other': 1}}):
        resp = act(shared_cloud, project, vid, body)
        assert resp.status == 400, (body, resp)
    resp = act(shared_cloud, project, vid, {'os-detach': {'attachment_id': str(uuid.uuid4())}})
    assert resp.status == 404
    assert shown(shared_cloud, project, vid)['status'] == 'available'
    # Silent no-ops, as Cinder's.
    assert act(shared_cloud, project, vid, {'os-roll_detaching': None}).status == 202
    assert act(shared_cloud, project, vid, {'os-unreserve': None}).status == 202
    assert shown(shared_cloud, project, vid)['status'] == 'available'


def test_maintenance_refuses_connection_attach_and_detach(shared_cloud, project):
    vid = create_volume(shared_cloud, project)['id']
    assert act(shared_cloud, 'admin', vid, {'os-reset_status': {'status': 'maintenance'}},
               user='admin').status == 202
    for body, text in (
            ({'os-initialize_connection': {'connector': CONNECTOR}},
             'The volume connection cannot be initialized in maintenance mode.'),
            ({'os-attach': {'host_name': 'h', 'mountpoint': '/m'}},
             'The volume cannot be attached in maintenance mode.'),
            ({'os-detach': {}}, 'The volume cannot be detached in maintenance mode.')):
        resp = act(shared_cloud, project, vid, body)
        assert (resp.status, message(resp)) == (400, 'Invalid volume: ' + text)


def test_other_project_is_404_and_force_detach_is_admin_only(shared_cloud, project):
    vid = create_volume(shared_cloud, project)['id']
    for body in ({'os-initialize_connection': {'connector': CONNECTOR}},
                 {'os-attach': {'host_name': 'h', 'mountpoint': '/m'}},
                 {'os-detach': {}}, {'os-begin_detaching': {}},
                 {'os-terminate_connection': {'connector': None}}):
        assert act(shared_cloud, 'intruder', vid, body).status == 404, body
    assert act(shared_cloud, project, vid, {'os-attach': {
        'instance_uuid': str(uuid.uuid4()), 'mountpoint': '/dev/vdb'}}).status == 202
    resp = act(shared_cloud, project, vid, {'os-force_detach': {}})
    assert resp.status == 403
    assert shown(shared_cloud, project, vid)['status'] == 'in-use'


def test_force_detach_after_reset_to_error(shared_cloud, project):
    """Tempest's test_force_detach_volume, without Nova."""
    vid = create_volume(shared_cloud, project)['id']
    assert act(shared_cloud, project, vid, {'os-attach': {
        'instance_uuid': str(uuid.uuid4()), 'mountpoint': '/dev/vdb'}}).status == 202
    (attachment,) = shown(shared_cloud, project, vid)['attachments']
    assert act(shared_cloud, 'admin', vid, {'os-reset_status': {'status': 'error'}},
               user='admin').status == 202
    resp = act(shared_cloud, 'admin', vid, {'os-force_detach': {
        'connector': None, 'attachment_id': attachment['attachment_id']}}, user='admin')
    assert (resp.status, resp.body) == (202, b'')
    volume = shown(shared_cloud, project, vid)
    assert (volume['status'], volume['attachments']) == ('available', [])


def test_reset_status_in_use_needs_an_attachment_and_detached_drops_them(shared_cloud,
                                                                          project):
    vid = create_volume(shared_cloud, project)['id']
    reset = {'os-reset_status': {'status': 'in-use'}}
    resp = act(shared_cloud, 'admin', vid, reset, user='admin')
    assert (resp.status, message(resp)) == (
        400, 'Cannot reset-state to in-use because volume does not have any attachments.')
    assert act(shared_cloud, project, vid, {'os-attach': {
        'host_name': 'h', 'mountpoint': '/m'}}).status == 202
    assert act(shared_cloud, 'admin', vid, {'os-reset_status': {'status': 'error'}},
               user='admin').status == 202
    assert act(shared_cloud, 'admin', vid, reset, user='admin').status == 202
    assert act(shared_cloud, 'admin', vid, {'os-reset_status': {
        'status': 'available', 'attach_status': 'detached'}}, user='admin').status == 202
    volume = shown(shared_cloud, project, vid)
    assert (volume['status'], volume['attachments']) == ('available', [])
    assert call(shared_cloud, 'DELETE', project, '/volumes/%s' % vid).status == 202


def test_multiattach_type_attaches_twice_and_body_flag_is_refused(shared_cloud, project):
    vtype = create_type(shared_cloud, {'multiattach': '<is> True'})
    resp = call(shared_cloud, 'POST', project, '/volumes',
                body={'volume': {'size': 1, 'multiattach': True}})
    assert resp.status == 400
    assert message(resp).startswith('multiattach parameter has been removed.')
    volume = create_volume(shared_cloud, project, volume_type=vtype['name'])
    assert volume['multiattach'] is True
    vid = volume['id']
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    for server in (first, second):
        assert act(shared_cloud, project, vid, {'os-reserve': {}}).status == 202
        assert act(shared_cloud, project, vid, {'os-attach': {
            'instance_uuid': server, 'mountpoint': '/dev/vdb'}}).status == 202
    attachments = shown(shared_cloud, project, vid)['attachments']
    assert sorted(a['server_id'] for a in attachments) == sorted([first, second])
    resp = act(shared_cloud, project, vid, {'os-detach': {}})
    assert resp.status == 400
    assert 'More than one attachment, but no attachment_id provided.' in message(resp)
    for attachment in attachments:
        assert act(shared_cloud, project, vid, {'os-detach': {
            'attachment_id': attachment['attachment_id']}}).status == 202
        assert shown(shared_cloud, project, vid)['status'] == (
            'in-use' if attachment is attachments[0] else 'available')


def test_a_restarted_service_recreates_the_exports_in_use(shared_cloud, project,
                                                          monkeypatch):
    """init_host asks ensure_export of every volume of its backend that is attached."""
    attached = create_volume(shared_cloud, project)['id']
    idle = create_volume(shared_cloud, project)['id']
    assert act(shared_cloud, project, attached, {'os-attach': {
        'host_name': 'h', 'mountpoint': '/m'}}).status == 202
    manager = shared_cloud.manager
    ensured = []
    monkeypatch.setattr(manager.driver, 'ensure_export',
                        lambda context, volume: ensured.append(volume.id))
    monkeypatch.setattr(manager.driver, 'do_setup', lambda context: None)
    monkeypatch.setattr(recovery, 'resume_work_in_flight', lambda manager, ctx: None)
    manager.init_host()
    assert attached in ensured and idle not in ensured
    assert act(shared_cloud, project, attached, {'os-detach': {}}).status == 202
