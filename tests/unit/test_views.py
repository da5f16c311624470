"""Every view's output against Cinder's schema for that answer (tests/unit/cinder_schemas.py).

The views are fed plain fakes (no database): rows with every field a view
reads, for a member and for an admin, fresh (nulls) and settled.
"""

import datetime
import types
import uuid

import jsonschema
import pytest
import webob

from cinderlite import context as cl_context
from cinderlite.api.views import messages as message_view
from cinderlite.api.views import quota_sets as quota_view
from cinderlite.api.views import snapshots as snapshot_view
from cinderlite.api.views import types as type_view
from cinderlite.api.views import volumes as volume_view
from tests.unit import cinder_schemas as schemas

PROJECT = uuid.uuid4().hex
NOW = datetime.datetime(2026, 11, 29, 23, 0, 0, 123456)


def new_id():
    return str(uuid.uuid4())


def request():
    return webob.Request.blank('/%s/volumes' % PROJECT, base_url='http://127.0.0.1:8776/v3')


def contexts():
    member = cl_context.RequestContext(user_id=uuid.uuid4().hex, project_id=PROJECT,
                                       roles=['member', 'reader'])
    admin = cl_context.RequestContext(user_id=uuid.uuid4().hex, project_id=PROJECT,
                                      roles=['admin', 'member', 'reader'])
    return [member, admin]


def volume(**values):
    row = dict(id=new_id(), project_id=PROJECT, user_id=uuid.uuid4().hex, status='creating',
               size=1, availability_zone='nova', created_at=NOW, updated_at=None,
               name=None, description=None, volume_type_id='t1', snapshot_id=None,
               source_volid=None, bootable=False, group_id=None, host=None,
               migration_status=None, multiattach=False)
    row.update(values)
    return types.SimpleNamespace(**row)


VOLUMES = [volume(), volume(status='available', updated_at=NOW, name='v', description='d',
                            host='node@file#file', snapshot_id=new_id(),
                            group_id=new_id(), bootable=True)]


def attachment(volume_row, **values):
    row = dict(id=new_id(), volume_id=volume_row.id, project_id=PROJECT,
               instance_uuid=new_id(), attached_host='compute-1', mountpoint='/dev/vdb',
               attach_time=NOW, detach_time=None, attach_mode='rw', attach_status='attached',
               connector=None, connection_info=None)
    row.update(values)
    return types.SimpleNamespace(**row)


def render_volumes(render):
    for context in contexts():
        for row in VOLUMES:
            attached = [attachment(row)] if row.status == 'available' else []
            yield render(request(), context, row, {'t1': '__DEFAULT__'}, {'k': 'v'},
                         row.status == 'available', row.group_id is not None, attached)


def test_volume_attachments_show_the_host_to_admins_only():
    row = volume(status='in-use', multiattach=True)
    seen = []
    for context in contexts():
        body = volume_view.detail(request(), context, row, {'t1': 'x'}, {}, False, False,
                                  [attachment(row), attachment(row, instance_uuid=None)])
        schemas.check(schemas.VOLUME_SHOW, body)
        assert body['multiattach'] is True
        seen.append({a['host_name'] for a in body['attachments']})
    assert seen == [{None}, {'compute-1'}]


def test_volume_create_and_update_answers_have_no_extension_attributes():
    for body in render_volumes(volume_view.base):
        schemas.check(schemas.VOLUME_CREATE, body)
        assert not [k for k in body if k.startswith('os-vol-')]


def test_volume_show_and_detail_list():
    for body in render_volumes(volume_view.detail):
        schemas.check(schemas.VOLUME_SHOW, body)
        assert body['os-vol-tenant-attr:tenant_id'] == PROJECT


def test_volume_show_is_not_a_create_answer():
    """The schemas can fail: the show view has what a create answer must not."""
    body = next(render_volumes(volume_view.detail))
    with pytest.raises(jsonschema.ValidationError, match='os-vol-tenant-attr'):
        schemas.check(schemas.VOLUME_CREATE, body)


def test_volume_summary():
    for row in VOLUMES:
        schemas.check(schemas.VOLUME_SUMMARY, volume_view.summary(request(), row))


SNAPSHOTS = [types.SimpleNamespace(
    id=new_id(), project_id=PROJECT, volume_id=new_id(), status=status, size=1,
    name=name, description=None, created_at=NOW, updated_at=updated, progress=progress)
    for status, name, updated, progress in [('creating', None, None, '0%'),
                                            ('available', 's', NOW, '100%')]]


def test_snapshot_create_update_and_summary_list():
    for row in SNAPSHOTS:
        schemas.check(schemas.SNAPSHOT, snapshot_view.summary(row, {'k': 'v'}))


def test_snapshot_show_and_detail_list():
    for row in SNAPSHOTS:
        schemas.check(schemas.SNAPSHOT_DETAIL, snapshot_view.detail(request(), row, {}))


VTYPE = types.SimpleNamespace(id=new_id(), name='fast', description=None, is_public=True)
SPECS = {'volume_backend_name': 'file', 'multiattach': '<is> False'}


@pytest.mark.parametrize('context', contexts())
def test_type_show_list_and_create(context):
    body = type_view.detail(context, VTYPE, SPECS)
    schemas.check(schemas.TYPE_SHOW, body)
    schemas.check(schemas.TYPE_CREATE, body)


@pytest.mark.parametrize('context', contexts())
def test_type_update(context):
    schemas.check(schemas.TYPE_UPDATE,
                  type_view.detail(context, VTYPE, SPECS, with_access=False))


LIMITS = {'volumes': 10, 'snapshots': 10, 'gigabytes': 1000, 'groups': 10, 'backups': 10,
          'backup_gigabytes': 1000, 'per_volume_gigabytes': -1, 'volumes___DEFAULT__': -1,
          'gigabytes___DEFAULT__': -1, 'snapshots___DEFAULT__': -1}


def test_quota_set_show_defaults_and_update():
    body = quota_view.quota_set(PROJECT, LIMITS)
    schemas.check(schemas.QUOTA_SET, body)
    schemas.check(schemas.QUOTA_SET_UPDATE, body)


def test_quota_set_usage():
    usage = {k: {'limit': v, 'in_use': 0, 'reserved': 0} for k, v in LIMITS.items()}
    schemas.check(schemas.QUOTA_SET_USAGE, quota_view.quota_set(PROJECT, usage))


def test_quota_set_without_cinder_29_keys_is_refused():
    old = dict(LIMITS, consistencygroups=10)
    del old['groups']
    with pytest.raises(jsonschema.ValidationError, match="'groups' is a required"):
        schemas.check(schemas.QUOTA_SET, quota_view.quota_set(PROJECT, old))


def test_message():
    row = types.SimpleNamespace(
        id=new_id(), project_id=PROJECT, event_id='VOLUME_000001', message_level='ERROR',
        user_message='schedule allocate volume: no backend', resource_type='VOLUME',
        resource_uuid=new_id(), request_id='req-%s' % uuid.uuid4(), created_at=NOW)
    body = message_view.detail(request(), row)
    schemas.check(schemas.MESSAGE, body)
    assert body['guaranteed_until'] > body['created_at']
