"""Cinder's capacity math in the scheduler, with fake reports and fake hosts."""

import math

from cinderlite.scheduler import capacity
from cinderlite.scheduler import filters


def thin_report(total=25.0, free=25.0, provisioned=0.0, allocated=0.0, ratio=20.0,
                reserved=0):
    """What the file driver reports for a filesystem of ``total`` GiB."""
    return {'total_capacity_gb': total, 'free_capacity_gb': free,
            'provisioned_capacity_gb': provisioned, 'allocated_capacity_gb': allocated,
            'thin_provisioning_support': True, 'thick_provisioning_support': False,
            'max_over_subscription_ratio': ratio, 'reserved_percentage': reserved}


class FakeHost:
    def __init__(self, name, report, allocated_now=0.0, backend_name=None):
        self.pool_host = name
        self.backend_name = backend_name
        self.capacity = capacity.Capacity.from_report(report, allocated_now)


def test_sparse_volumes_fill_the_over_subscription_limit_not_the_free_space():
    """Bug (issue 12): 1 GiB was charged per sparse volume against free disk space."""
    # 499 volumes of 1 GiB on a 25 GiB disk whose free space has not moved.
    cap = capacity.Capacity.from_report(thin_report(provisioned=499, allocated=499), 499)
    assert cap.virtual_free_gb() == 1.0
    assert cap.refusal(1) is None
    why = cap.refusal(2)
    assert why == ('2 GB does not fit: 499.00 GB is provisioned of the 500.00 GB it may '
                   'provision (max_over_subscription_ratio 20 x 25.00 GB: 25.00 GB '
                   'total less 0% reserved)')


def test_volumes_placed_since_the_report_are_charged():
    # The report counted 10 volumes; 15 are placed now: 5 GiB more is provisioned.
    cap = capacity.Capacity.from_report(
        thin_report(total=1, free=1, provisioned=12, allocated=10, ratio=20), 15)
    assert cap.provisioned_gb == 17.0
    assert cap.free_gb == -4.0
    assert cap.virtual_free_gb() == 3.0


def test_a_report_that_counts_every_volume_charges_nothing_more():
    """Charges end with the report that counts the volumes, whatever the free space does."""
    before = capacity.Capacity.from_report(thin_report(provisioned=0, allocated=0), 30)
    after = capacity.Capacity.from_report(thin_report(provisioned=30, allocated=30), 30)
    assert before.provisioned_gb == after.provisioned_gb == 30.0
    assert before.virtual_free_gb() == after.virtual_free_gb() == 470.0


def test_a_report_without_allocated_capacity_counts_the_database_at_least():
    """A driver that reports only what is provisioned (RBD) is not charged twice."""
    report = {'total_capacity_gb': 10, 'free_capacity_gb': 10,
              'provisioned_capacity_gb': 30, 'thin_provisioning_support': True}
    assert capacity.Capacity.from_report(report, 30).provisioned_gb == 30.0
    # Placed since the report: the database holds more than the report counted.
    assert capacity.Capacity.from_report(report, 34).provisioned_gb == 34.0
    # Cinder's default ratio for a thin backend whose report gives none.
    assert capacity.Capacity.from_report(report, 34).virtual_free_gb() == 166.0


def test_volumes_deleted_since_the_report_free_room_at_the_next_report():
    cap = capacity.Capacity.from_report(thin_report(provisioned=40, allocated=30), 20)
    assert cap.provisioned_gb == 40.0
    assert cap.free_gb == 25.0


def test_reserved_percentage_comes_off_before_the_ratio_and_rounds_down():
    cap = capacity.Capacity.from_report(
        thin_report(total=100, free=100, ratio=2.0, reserved=10), 0)
    assert cap.reserved_gb() == 10
    assert cap.virtual_free_gb() == 180.0
    # Cinder rounds the reserve down to whole GiB: 10% of 2.5 GiB reserves nothing.
    small = capacity.Capacity.from_report(thin_report(total=2.5, reserved=10), 0)
    assert small.reserved_gb() == 0
    assert small.virtual_free_gb() == 50.0


def test_a_ratio_of_one_never_over_subscribes():
    cap = capacity.Capacity.from_report(thin_report(total=10, free=10, provisioned=9,
                                                    allocated=9, ratio=1.0), 9)
    assert cap.refusal(1) is None
    assert cap.refusal(2).startswith('2 GB does not fit: 9.00 GB is provisioned of the '
                                     '10.00 GB')


def test_a_thick_backend_gets_its_free_space_less_the_reserve():
    """Cinder's defaults for a driver that reports only total and free: thick."""
    report = {'total_capacity_gb': 100, 'free_capacity_gb': 30, 'reserved_percentage': 10}
    cap = capacity.Capacity.from_report(report, 60)
    # Provisioned defaults to allocated (0 reported, 60 placed since): free 30 - 60.
    assert cap.provisioned_gb == 60.0
    assert cap.virtual_free_gb() == min(-30 - 10, 90 - 60)
    roomy = capacity.Capacity.from_report(report, 0)
    assert roomy.virtual_free_gb() == 20.0
    assert roomy.refusal(20) is None
    assert roomy.refusal(21) == ('21 GB does not fit: 20.00 GB is left for thick volumes '
                                 '(30.00 GB free, 0.00 GB provisioned, 100.00 GB total, '
                                 '10% reserved)')


def test_a_type_asking_for_thick_provisioning_gets_real_free_space():
    cap = capacity.Capacity.from_report(thin_report(total=10, free=2), 0)
    assert cap.refusal(100, thin=True) is None
    assert cap.refusal(3, thin=False).startswith('3 GB does not fit: 2.00 GB is left')
    assert capacity.thin_requested([{}, {'provisioning:type': 'thin'}])
    assert not capacity.thin_requested([{}, {'provisioning:type': 'thick'}])


def test_a_thin_report_ratio_below_one_is_refused():
    cap = capacity.Capacity.from_report(thin_report(ratio=0.5), 0)
    assert cap.refusal(1) == 'its max_over_subscription_ratio 0.5 is below the minimum of 1.0'
    # A backend without thin support ignores its ratio.
    report = dict(thin_report(ratio=0.5), thin_provisioning_support=False)
    assert capacity.Capacity.from_report(report, 0).refusal(1) is None


def test_unlimited_backends_take_any_size_but_not_a_reserve_they_cannot_compute():
    infinite = capacity.Capacity.from_report(
        {'total_capacity_gb': 'infinite', 'free_capacity_gb': 'infinite'}, 10)
    assert infinite.refusal(10 ** 6) is None
    assert infinite.virtual_free_gb() == math.inf
    unknown_total = capacity.Capacity.from_report(
        {'total_capacity_gb': 'unknown', 'free_capacity_gb': 5, 'reserved_percentage': 5},
        0)
    assert unknown_total.refusal(1) == ('its total capacity is unknown, so its '
                                        'reserved_percentage 5 cannot be set aside')
    no_reserve = capacity.Capacity.from_report(
        {'total_capacity_gb': 'unknown', 'free_capacity_gb': 5}, 0)
    assert no_reserve.refusal(100) is None


def test_a_backend_without_a_readable_report_takes_no_volume():
    for report in ({}, {'total_capacity_gb': 'lots', 'free_capacity_gb': 3},
                   {'total_capacity_gb': None, 'free_capacity_gb': None}):
        cap = capacity.Capacity.from_report(report, 0)
        assert cap.refusal(1) == ('it reports no readable total_capacity_gb and '
                                  'free_capacity_gb'), report
    empty = capacity.Capacity.from_report(thin_report(total=0, free=0), 0)
    assert empty.refusal(1) == 'it reports a total capacity of 0 GB'


def test_garbage_in_optional_keys_falls_back_to_cinders_defaults():
    report = dict(thin_report(total=10, free=10), provisioned_capacity_gb='x',
                  allocated_capacity_gb=[], max_over_subscription_ratio='auto',
                  reserved_percentage={})
    cap = capacity.Capacity.from_report(report, 3)
    assert (cap.provisioned_gb, cap.max_over_subscription_ratio,
            cap.reserved_percentage) == (3.0, 20.0, 0.0)


def test_nothing_to_hold_always_fits():
    """A group reserves no capacity (Cinder: size 0 always passes)."""
    assert capacity.Capacity.from_report({}, 0).refusal(0) is None
    assert capacity.Capacity.from_report(thin_report(total=0), 0).refusal(0) is None


def test_the_host_with_most_room_wins_and_unlimited_ones_come_last():
    small = FakeHost('h@a#A', thin_report(total=10, provisioned=150, allocated=150), 150)
    big = FakeHost('h@b#B', thin_report(total=100, provisioned=1900, allocated=1900), 1900)
    infinite = FakeHost('h@c#C', {'total_capacity_gb': 'infinite',
                                  'free_capacity_gb': 'infinite'})
    # Room: small 200 - 150 = 50, big 2000 - 1900 = 100.
    assert filters.best_host([small, big, infinite], set(), 1) is big
    assert filters.best_host([small, infinite], set(), 1) is small
    assert filters.best_host([small, infinite], set(), 51) is infinite
    full = FakeHost('h@d#D', thin_report(total=1, provisioned=20, allocated=20), 20)
    assert filters.best_host([full], set(), 1) is None
    # Ties go to the pool name, so a choice is repeatable.
    twin = FakeHost('h@a2#A2', thin_report(total=10, provisioned=150, allocated=150), 150)
    assert filters.best_host([twin, small], set(), 1) is twin


def test_an_empty_group_may_go_to_a_backend_without_a_report_but_last():
    silent = FakeHost('h@s#S', {})
    assert filters.best_host([silent], set(), 0) is silent
    reporting = FakeHost('h@r#R', thin_report(total=1, provisioned=20, allocated=20), 20)
    assert filters.best_host([silent, reporting], set(), 0) is reporting


def test_the_user_is_told_every_backend_is_full_without_host_names():
    full = FakeHost('secret@file#file', thin_report(total=1, provisioned=20,
                                                    allocated=20), 20, 'file')
    why = filters.why_no_host([full], set(), 3, ['fast'])
    assert why == ('every backend that volume type fast may use is full: the volumes and '
                   'snapshots already on it take all the capacity it may promise, and '
                   '3 GB more was asked for. Delete volumes or snapshots you no longer '
                   'need, ask for a smaller size, or ask your cloud administrator for '
                   'capacity.')
