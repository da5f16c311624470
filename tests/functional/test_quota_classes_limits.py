"""os-quota-class-sets and limits over HTTP: the ``default`` class sets every
project's defaults, and limits show a project's absolute limits and usage.

Each test gets a cloud of its own: the default class is global.
"""

import uuid

import pytest

from tests.functional.admin_helpers import admin
from tests.functional.admin_helpers import create_volume
from tests.unit import cinder_schemas as schemas

BASE_KEYS = {'volumes', 'snapshots', 'gigabytes', 'groups', 'backups', 'backup_gigabytes',
             'per_volume_gigabytes'}


def quota_class(cloud, name='default'):
    resp = admin(cloud, 'GET', '/os-quota-class-sets/' + name)
    assert resp.status == 200, resp
    schemas.check(schemas.QUOTA_CLASS_SET, resp.json)
    return resp.json['quota_class_set']


def update_class(cloud, name='default', **limits):
    resp = admin(cloud, 'PUT', '/os-quota-class-sets/' + name,
                 body={'quota_class_set': limits})
    assert resp.status == 200, resp
    schemas.check(schemas.QUOTA_CLASS_SET_UPDATE, resp.json)
    return resp.json['quota_class_set']


def defaults_of(cloud, project):
    resp = admin(cloud, 'GET', '/os-quota-sets/%s/defaults' % project)
    assert resp.status == 200, resp
    return resp.json['quota_set']


def create_type(cloud):
    name = 't%s' % uuid.uuid4().hex[:8]
    resp = admin(cloud, 'POST', '/types', body={'volume_type': {'name': name}})
    assert resp.status == 200, resp
    return name


def limits(cloud, project):
    resp = cloud.request('GET', '/v3/%s/limits' % project, token='u1:' + project)
    assert resp.status == 200, resp
    schemas.check(schemas.LIMITS, resp.json)
    return resp.json['limits']


def test_default_class_shows_the_configured_defaults(cloud):
    shown = quota_class(cloud)
    assert shown.pop('id') == 'default'
    assert {k: shown[k] for k in BASE_KEYS} == {
        'volumes': 10, 'snapshots': 10, 'gigabytes': 1000, 'groups': 10, 'backups': 10,
        'backup_gigabytes': 1000, 'per_volume_gigabytes': -1}
    assert shown == {k: v for k, v in defaults_of(cloud, 'anyone').items() if k != 'id'}


def test_updated_default_class_is_every_projects_default(cloud):
    type_name = create_type(cloud)
    updated = update_class(cloud, volumes=1, gigabytes='20',
                           **{'snapshots_' + type_name: 3})
    assert (updated['volumes'], updated['gigabytes'], updated['snapshots_' + type_name]) == (
        1, 20, 3)
    assert 'id' not in updated
    assert quota_class(cloud)['volumes'] == 1
    for project in ('p1', 'p%s' % uuid.uuid4().hex[:8]):
        default = defaults_of(cloud, project)
        assert (default['volumes'], default['snapshots_' + type_name]) == (1, 3)
    # Enforced: the class's one volume, then 413 at the second.
    create_volume(cloud, 'p1', 'available')
    resp = cloud.request('POST', '/v3/p1/volumes', body={'volume': {'size': 1}})
    assert resp.status == 413, resp
    assert resp.json['overLimit']['message'] == (
        "VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded for "
        "quota 'volumes'.")
    # A project's own limit wins over the class.
    resp = admin(cloud, 'PUT', '/os-quota-sets/p1', body={'quota_set': {'volumes': 2}})
    assert resp.status == 200, resp
    create_volume(cloud, 'p1', 'available')
    assert limits(cloud, 'p1')['absolute']['maxTotalVolumes'] == 2


def test_another_class_falls_back_to_the_defaults(cloud):
    update_class(cloud, snapshots=7)
    update_class(cloud, 'gold', volumes=50)
    gold = quota_class(cloud, 'gold')
    assert (gold['id'], gold['volumes'], gold['snapshots']) == ('gold', 50, 7)
    assert quota_class(cloud)['volumes'] == 10
    assert defaults_of(cloud, 'p1')['volumes'] == 10


@pytest.mark.parametrize('body,message', [
    ({'quota_class_set': {'volumes': 1, 'bogus': 2, 'consistencygroups': 3}},
     'Invalid input received: Bad key(s) in quota class set: bogus, consistencygroups'),
    ({'quota_class_set': {'volumes': -2}}, 'Invalid input for field/attribute volumes.'),
    ({'quota_class_set': {'volumes': 'ten'}}, 'Invalid input for field/attribute volumes.'),
    ({'quota_class_set': {'volumes': '-1'}}, 'Invalid input for field/attribute volumes.'),
    ({'quota_class_set': {'volumes': 2 ** 31}},
     'Invalid input for field/attribute volumes.'),
    ({'quota_class_set': {'volumes': None}}, 'Invalid input for field/attribute volumes.'),
    ({'quota_class_set': {'bad/key': 1}}, 'Invalid input for field/attribute'),
    ({'quota_set': {'volumes': 1}}, 'Invalid input for field/attribute'),
    ({}, 'Invalid input for field/attribute'),
])
def test_bad_class_update_is_400_and_changes_nothing(cloud, body, message):
    resp = admin(cloud, 'PUT', '/os-quota-class-sets/default', body=body)
    assert resp.status == 400, resp
    assert resp.json['badRequest']['message'].startswith(message), resp.json
    assert quota_class(cloud)['volumes'] == 10


def test_class_name_longer_than_255_is_400(cloud):
    resp = admin(cloud, 'PUT', '/os-quota-class-sets/' + 'c' * 256,
                 body={'quota_class_set': {'volumes': 1}})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid input received: quota_class_name has more than 255 characters.')


def test_quota_classes_are_for_admins(cloud):
    for method, body, rule in (('GET', None, 'volume_extension:quota_classes:get'),
                               ('PUT', {'quota_class_set': {'volumes': 1}},
                                'volume_extension:quota_classes:update')):
        resp = cloud.request(method, '/v3/p1/os-quota-class-sets/default', body=body)
        assert resp.status == 403
        assert resp.json['forbidden']['message'] == (
            "Policy doesn't allow %s to be performed." % rule)
    assert quota_class(cloud)['volumes'] == 10


def test_limits_show_the_projects_limits_and_usage(cloud):
    absolute = limits(cloud, 'p1')['absolute']
    assert absolute == {
        'maxTotalVolumes': 10, 'maxTotalSnapshots': 10, 'maxTotalVolumeGigabytes': 1000,
        'maxTotalBackups': 10, 'maxTotalBackupGigabytes': 1000, 'totalVolumesUsed': 0,
        'totalSnapshotsUsed': 0, 'totalGigabytesUsed': 0, 'totalBackupsUsed': 0,
        'totalBackupGigabytesUsed': 0}
    assert limits(cloud, 'p1')['rate'] == []
    volume = create_volume(cloud, 'p1', 'available')
    resp = cloud.request('POST', '/v3/p1/snapshots',
                         body={'snapshot': {'volume_id': volume['id']}})
    assert resp.status == 202, resp
    resp = admin(cloud, 'PUT', '/os-quota-sets/p1', body={'quota_set': {'gigabytes': 30}})
    assert resp.status == 200, resp
    absolute = limits(cloud, 'p1')['absolute']
    assert (absolute['totalVolumesUsed'], absolute['totalSnapshotsUsed'],
            absolute['totalGigabytesUsed'], absolute['maxTotalVolumeGigabytes']) == (
        1, 1, 2, 30)
    # Another project's usage is not this one's; at 3.0-3.6 project_id is ignored.
    other = cloud.request('GET', '/v3/p2/limits?project_id=p1', token='u1:p2').json
    assert other['limits']['absolute']['totalVolumesUsed'] == 0
