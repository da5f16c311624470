"""Cloning an N-volume group costs the same number of SQL statements for N=1 and N=100."""

import pytest

from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional.statement_counter import StatementCounter


def _count_clone(cloud, group_id, **source):
    """(API statements of the POST, service statements until the group is available)."""
    with StatementCounter() as counter:
        resp = h.clone(cloud, **source)
        assert resp.status == 202, resp
        # The manager may already be at work: its statements come from other threads.
        api = counter.api()
        fixtures.wait_status(cloud, 'consistencygroups',
                             resp.json['consistencygroup']['id'], 'available')
        services = counter.services()
    return api, services


@pytest.mark.parametrize('db_backend, big', [('sqlite', 100), ('postgresql', 100),
                                             ('mysql', 100)])
def test_clone_statement_count_does_not_grow_with_volumes(make_cloud, db_backend, big):
    cloud = make_cloud(db_backend)
    h.create_type(cloud)
    h.set_quota(cloud, 'p1', volumes=-1, gigabytes=-1, snapshots=-1)
    small_group, _ = h.group_with_volumes(cloud, 1)
    big_group, _ = h.group_with_volumes(cloud, big)
    small = _count_clone(cloud, small_group, source_cgid=small_group)
    large = _count_clone(cloud, big_group, source_cgid=big_group)
    assert len(small[0]) == len(large[0]), (small[0], large[0])
    assert len(small[1]) == len(large[1]), (small[1], large[1])
    small_snapshot = h.create_cgsnapshot(cloud, small_group)
    big_snapshot = h.create_cgsnapshot(cloud, big_group)
    small = _count_clone(cloud, small_group, cgsnapshot_id=small_snapshot)
    large = _count_clone(cloud, big_group, cgsnapshot_id=big_snapshot)
    assert len(small[0]) == len(large[0]), (small[0], large[0])
    assert len(small[1]) == len(large[1]), (small[1], large[1])


def _count_group_clone(cloud, **source):
    """As _count_clone, through the groups API (POST /groups/action, 3.14)."""
    with StatementCounter() as counter:
        resp = h.clone_group(cloud, **source)
        assert resp.status == 202, resp
        api = counter.api()
        fixtures.wait_status(cloud, 'groups', resp.json['group']['id'], 'available')
        services = counter.services()
    return api, services


@pytest.mark.parametrize('db_backend, big', [('sqlite', 100), ('postgresql', 100),
                                             ('mysql', 100)])
def test_group_clone_statement_count_does_not_grow_with_volumes(make_cloud, db_backend,
                                                                big):
    cloud = make_cloud(db_backend)
    h.create_type(cloud)
    h.create_group_type(cloud)
    h.set_quota(cloud, 'p1', volumes=-1, gigabytes=-1, snapshots=-1)
    small_group = h.create_generic_group(cloud)['id']
    h.create_member(cloud, small_group)
    big_group = h.create_generic_group(cloud)['id']
    for _ in range(big):
        h.create_member(cloud, big_group)
    for small_source, big_source in (
            ({'source_group_id': small_group}, {'source_group_id': big_group}),
            ({'group_snapshot_id': h.create_group_snapshot(cloud, small_group)},
             {'group_snapshot_id': h.create_group_snapshot(cloud, big_group)})):
        small = _count_group_clone(cloud, **small_source)
        large = _count_group_clone(cloud, **big_source)
        assert len(small[0]) == len(large[0]), (small[0], large[0])
        assert len(small[1]) == len(large[1]), (small[1], large[1])
