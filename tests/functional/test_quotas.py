"""Quotas end to end: os-quota-sets (show, usage, defaults, update, delete) and the
413 of every limit, with nothing written; every test ends with a recount.

One cloud serves the whole module; every test works in a project of its own.
"""

import os
import uuid

from cinderclient import exceptions as cinder_exc
import pytest

from tests import fixtures

# Cinder 29's keys and defaults (besides the per-type keys).
DEFAULT_LIMITS = {'volumes': 10, 'snapshots': 10, 'gigabytes': 1000, 'groups': 10,
                  'backups': 10, 'backup_gigabytes': 1000, 'per_volume_gigabytes': -1}


def call(cloud, method, project, path, user='u1', **kwargs):
    return cloud.request(method, '/v3/%s%s' % (project, path),
                         token='%s:%s' % (user, project), **kwargs)


def set_limits(cloud, project, **limits):
    resp = call(cloud, 'PUT', project, '/os-quota-sets/' + project, user='admin',
                body={'quota_set': limits})
    assert resp.status == 200, resp
    return resp.json['quota_set']


def create_volume(cloud, project, **values):
    values.setdefault('size', 1)
    resp = call(cloud, 'POST', project, '/volumes', body={'volume': values})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'volumes', resp.json['volume']['id'], 'available',
                                token='u1:' + project, project=project)


def create_snapshot(cloud, project, volume_id):
    resp = call(cloud, 'POST', project, '/snapshots',
                body={'snapshot': {'volume_id': volume_id}})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'snapshots', resp.json['snapshot']['id'],
                                'available', token='u1:' + project, project=project)


def create_type(cloud):
    name = 't%s' % uuid.uuid4().hex[:8]
    resp = cloud.request('POST', '/v3/admin/types', token='admin:admin',
                         body={'volume_type': {'name': name}})
    assert resp.status == 200, resp
    return name


def in_use(cloud, project):
    quota_set = call(cloud, 'GET', project, '/os-quota-sets/%s?usage=True' % project).json[
        'quota_set']
    return {k: v['in_use'] for k, v in quota_set.items() if k != 'id' and v['in_use']}


def files(cloud):
    return sorted(os.listdir(os.path.join(cloud.conf.state_path, 'volumes', 'file')))


def assert_over_limit(resp, message):
    """Cinder's 413: the body, and ``Retry-After: 0``."""
    assert resp.status == 413, resp
    assert resp.json == {'overLimit': {'code': 413, 'message': message, 'retryAfter': '0'}}
    assert resp.headers['Retry-After'] == '0'


def assert_refused_writes_nothing(cloud, project, request, message):
    """``request()`` is a 413 with ``message``; rows, usage and files are unchanged."""
    volumes = call(cloud, 'GET', project, '/volumes').json['volumes']
    snapshots = call(cloud, 'GET', project, '/snapshots').json['snapshots']
    usage, before = in_use(cloud, project), files(cloud)
    assert_over_limit(request(), message)
    assert call(cloud, 'GET', project, '/volumes').json['volumes'] == volumes
    assert call(cloud, 'GET', project, '/snapshots').json['snapshots'] == snapshots
    assert in_use(cloud, project) == usage
    assert files(cloud) == before
    fixtures.assert_usage_matches_rows(cloud, project)


# -- os-quota-sets ---------------------------------------------------------------


def test_show_defaults_and_usage_with_cinderclient(shared_cloud, project):
    type_name = create_type(shared_cloud)
    cs = shared_cloud.cinder('u1', project)
    limits = cs.quotas.get(project)._info
    assert limits['id'] == project
    for resource, limit in DEFAULT_LIMITS.items():
        assert limits[resource] == limit
    for resource in ('volumes', 'gigabytes', 'snapshots'):
        assert limits['%s_%s' % (resource, type_name)] == -1
        assert limits['%s___DEFAULT__' % resource] == -1
    # Exactly Cinder 29's keys: the base ones, then three per volume type.
    base = set(limits) - {k for k in limits if k.endswith(('_' + type_name, '___DEFAULT__'))}
    assert base == set(DEFAULT_LIMITS) | {'id'}
    assert cs.quotas.defaults(project)._info == limits

    volume = create_volume(shared_cloud, project, size=2, volume_type=type_name)
    create_snapshot(shared_cloud, project, volume['id'])
    usage = cs.quotas.get(project, usage=True)._info
    assert usage['volumes'] == {'limit': 10, 'in_use': 1, 'reserved': 0}
    assert usage['gigabytes'] == {'limit': 1000, 'in_use': 4, 'reserved': 0}
    assert usage['snapshots'] == {'limit': 10, 'in_use': 1, 'reserved': 0}
    assert usage['volumes_' + type_name] == {'limit': -1, 'in_use': 1, 'reserved': 0}
    assert usage['gigabytes_' + type_name] == {'limit': -1, 'in_use': 4, 'reserved': 0}
    assert usage['snapshots_' + type_name] == {'limit': -1, 'in_use': 1, 'reserved': 0}
    assert set(usage) == set(limits)


def test_members_see_only_their_own_quotas(shared_cloud, project):
    resp = call(shared_cloud, 'GET', project, '/os-quota-sets/x' + project)
    assert resp.status == 403
    assert resp.json['forbidden']['message'] == \
        "Policy doesn't allow volume_extension:quotas:show to be performed."
    admin = call(shared_cloud, 'GET', project, '/os-quota-sets/x' + project, user='admin')
    assert admin.status == 200 and admin.json['quota_set']['volumes'] == 10


def test_admin_updates_and_deletes_quotas(shared_cloud, project):
    admin = shared_cloud.cinder('admin', project)
    updated = admin.quotas.update(project, volumes=5, gigabytes='50')
    assert (updated.volumes, updated.gigabytes, updated.snapshots) == (5, 50, 10)
    shown = shared_cloud.cinder('u1', project).quotas.get(project)
    assert (shown.volumes, shown.gigabytes) == (5, 50)
    admin.quotas.delete(project)
    shown = shared_cloud.cinder('u1', project).quotas.get(project)
    assert (shown.volumes, shown.gigabytes) == (10, 1000)


def test_members_cannot_change_quotas(shared_cloud, project):
    cs = shared_cloud.cinder('u1', project)
    with pytest.raises(cinder_exc.Forbidden):
        cs.quotas.update(project, volumes=100)
    resp = call(shared_cloud, 'PUT', project, '/os-quota-sets/' + project,
                body={'quota_set': {'volumes': 100}})
    assert resp.json == {'forbidden': {
        'code': 403,
        'message': "Policy doesn't allow volume_extension:quotas:update to be performed."}}
    resp = call(shared_cloud, 'DELETE', project, '/os-quota-sets/' + project)
    assert resp.status == 403
    assert cs.quotas.get(project).volumes == 10


@pytest.mark.parametrize('limits,message', [
    ({'nope': 1}, 'Bad key(s) in quota set: nope'),
    ({'volumes_no-such-type': 1}, 'Bad key(s) in quota set: volumes_no-such-type'),
    ({'volumes': -2}, 'Quota limit -2 for volumes must be -1 or greater.'),
    ({'volumes': 'many'}, 'Invalid input for field/attribute volumes'),
    ({'volumes': 1.5}, 'Invalid input for field/attribute volumes'),
])
def test_bad_quota_updates_are_400(shared_cloud, project, limits, message):
    resp = call(shared_cloud, 'PUT', project, '/os-quota-sets/' + project, user='admin',
                body={'quota_set': limits})
    assert resp.status == 400, resp
    assert message in resp.json['badRequest']['message']
    shown = call(shared_cloud, 'GET', project, '/os-quota-sets/' + project).json[
        'quota_set']
    assert shown['volumes'] == 10 and 'nope' not in shown


def test_limit_below_usage_is_400(shared_cloud, project):
    create_volume(shared_cloud, project)
    create_volume(shared_cloud, project)
    resp = call(shared_cloud, 'PUT', project, '/os-quota-sets/' + project, user='admin',
                body={'quota_set': {'volumes': 1}})
    assert resp.status == 400
    assert resp.json['badRequest']['message'] == (
        'Quota volumes limit must be equal or greater than existing resources. Current '
        'usage is 2 and the requested limit is 1.')
    assert set_limits(shared_cloud, project, volumes=2)['volumes'] == 2


# -- over quota: 413 and nothing written -----------------------------------------


def test_volume_count_over_quota(shared_cloud, project):
    set_limits(shared_cloud, project, volumes=1)
    source = create_volume(shared_cloud, project)
    message = ("VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded for "
               "quota 'volumes'.")
    for body in ({'size': 1}, {'size': 1, 'source_volid': source['id']}):
        assert_refused_writes_nothing(
            shared_cloud, project,
            lambda: call(shared_cloud, 'POST', project, '/volumes', body={'volume': body}),
            message)
    cs = shared_cloud.cinder('u1', project)
    with pytest.raises(cinder_exc.OverLimit):
        cs.volumes.create(1)
    assert in_use(shared_cloud, project) == {
        'volumes': 1, 'gigabytes': 1, 'volumes___DEFAULT__': 1, 'gigabytes___DEFAULT__': 1}


def test_gigabytes_over_quota_counts_volumes_and_snapshots(shared_cloud, project):
    set_limits(shared_cloud, project, gigabytes=3)
    volume = create_volume(shared_cloud, project, size=2)
    assert_refused_writes_nothing(
        shared_cloud, project,
        lambda: call(shared_cloud, 'POST', project, '/volumes',
                     body={'volume': {'size': 2}}),
        'VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed '
        'gigabytes quota. Requested 2G, quota is 3G and 2G has been consumed.')
    for request in (
            lambda: call(shared_cloud, 'POST', project, '/snapshots',
                         body={'snapshot': {'volume_id': volume['id']}}),
            lambda: call(shared_cloud, 'POST', project, '/volumes',
                         body={'volume': {'size': None, 'source_volid': volume['id']}})):
        assert_refused_writes_nothing(
            shared_cloud, project, request,
            'VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds '
            'allowed gigabytes quota. Requested 2G, quota is 3G and 2G has been consumed.')
    set_limits(shared_cloud, project, gigabytes=4)
    snapshot = create_snapshot(shared_cloud, project, volume['id'])
    assert in_use(shared_cloud, project)['gigabytes'] == 4
    assert_refused_writes_nothing(
        shared_cloud, project,
        lambda: call(shared_cloud, 'POST', project, '/volumes',
                     body={'volume': {'size': None, 'snapshot_id': snapshot['id']}}),
        'VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed '
        'gigabytes quota. Requested 2G, quota is 4G and 4G has been consumed.')


def test_snapshot_count_over_quota(shared_cloud, project):
    set_limits(shared_cloud, project, snapshots=1)
    volume = create_volume(shared_cloud, project)
    create_snapshot(shared_cloud, project, volume['id'])
    assert_refused_writes_nothing(
        shared_cloud, project,
        lambda: call(shared_cloud, 'POST', project, '/snapshots',
                     body={'snapshot': {'volume_id': volume['id']}}),
        "SnapshotLimitExceeded: Maximum number of snapshots allowed (1) exceeded for "
        "quota 'snapshots'.")


def test_per_type_quotas(shared_cloud, project):
    limited, other = create_type(shared_cloud), create_type(shared_cloud)
    set_limits(shared_cloud, project, **{'volumes_' + limited: 1,
                                         'gigabytes_' + other: 2,
                                         'snapshots_' + limited: 0})
    volume = create_volume(shared_cloud, project, volume_type=limited)
    assert_refused_writes_nothing(
        shared_cloud, project,
        lambda: call(shared_cloud, 'POST', project, '/volumes',
                     body={'volume': {'size': 1, 'volume_type': limited}}),
        "VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded for quota "
        "'volumes_%s'." % limited)
    assert_refused_writes_nothing(
        shared_cloud, project,
        lambda: call(shared_cloud, 'POST', project, '/snapshots',
                     body={'snapshot': {'volume_id': volume['id']}}),
        "SnapshotLimitExceeded: Maximum number of snapshots allowed (0) exceeded for "
        "quota 'snapshots_%s'." % limited)
    assert_refused_writes_nothing(
        shared_cloud, project,
        lambda: call(shared_cloud, 'POST', project, '/volumes',
                     body={'volume': {'size': 3, 'volume_type': other}}),
        'VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed '
        'gigabytes_%s quota. Requested 3G, quota is 2G and 0G has been consumed.' % other)
    create_volume(shared_cloud, project, size=2, volume_type=other)
    create_volume(shared_cloud, project)
    usage = in_use(shared_cloud, project)
    assert usage['volumes'] == 3 and usage['volumes_' + limited] == 1
    assert usage['gigabytes_' + other] == 2
    quota_set = call(shared_cloud, 'GET', project, '/os-quota-sets/' + project).json[
        'quota_set']
    assert quota_set['volumes_' + limited] == 1 and quota_set['volumes_' + other] == -1


def test_per_volume_gigabytes(shared_cloud, project):
    set_limits(shared_cloud, project, per_volume_gigabytes=1)
    assert_refused_writes_nothing(
        shared_cloud, project,
        lambda: call(shared_cloud, 'POST', project, '/volumes',
                     body={'volume': {'size': 2}}),
        'VolumeSizeExceedsLimit: Requested volume size 2G is larger than maximum allowed '
        'limit 1G.')
    create_volume(shared_cloud, project, size=1)


def test_deletes_refund_exactly_what_was_charged(shared_cloud, project):
    type_name = create_type(shared_cloud)
    volume = create_volume(shared_cloud, project, size=3, volume_type=type_name)
    snapshot = create_snapshot(shared_cloud, project, volume['id'])
    clone = create_volume(shared_cloud, project, snapshot_id=snapshot['id'], size=4)
    assert in_use(shared_cloud, project) == {
        'volumes': 2, 'gigabytes': 10, 'snapshots': 1, 'volumes_' + type_name: 2,
        'gigabytes_' + type_name: 10, 'snapshots_' + type_name: 1}
    for path, collection, item in (('/volumes/', 'volumes', clone),
                                   ('/snapshots/', 'snapshots', snapshot),
                                   ('/volumes/', 'volumes', volume)):
        assert call(shared_cloud, 'DELETE', project, path + item['id']).status == 202
        fixtures.wait_status(shared_cloud, collection, item['id'], 'deleted',
                             token='u1:' + project, project=project)
        fixtures.assert_usage_matches_rows(shared_cloud, project)
    assert in_use(shared_cloud, project) == {}
