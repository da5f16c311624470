"""What creating volumes and snapshots charges, per resource and per type: pure logic."""

from cinderlite import quota

NAMES = {'t-fast': 'fast', 't-slow': 'slow'}


def test_volume_deltas_count_base_and_per_type_resources():
    volumes = [{'size': 1, 'volume_type_id': 't-fast'}, {'size': 5, 'volume_type_id': 't-fast'},
               {'size': 2, 'volume_type_id': 't-slow'}]
    assert quota.volume_deltas(volumes, NAMES) == {
        'volumes': 3, 'gigabytes': 8, 'volumes_fast': 2, 'gigabytes_fast': 6,
        'volumes_slow': 1, 'gigabytes_slow': 2}


def test_snapshot_deltas_skip_per_type_keys_of_deleted_types():
    snapshots = [{'size': 3, 'volume_type_id': 't-fast'},
                 {'size': 4, 'volume_type_id': 't-gone'}]
    assert quota.snapshot_deltas(snapshots, NAMES) == {
        'snapshots': 2, 'gigabytes': 7, 'snapshots_fast': 1, 'gigabytes_fast': 3}


def test_no_volumes_charge_nothing_but_zeros():
    assert quota.volume_deltas([], NAMES) == {'volumes': 0, 'gigabytes': 0}


def test_known_resources_are_base_ones_and_per_type_ones_of_existing_types():
    assert quota.is_known_resource('volumes', [])
    assert quota.is_known_resource(quota.GROUPS, [])
    assert quota.is_known_resource('gigabytes_fast', ['fast'])
    assert not quota.is_known_resource('gigabytes_fast', ['slow'])
    assert not quota.is_known_resource('volumes_', ['fast'])
    assert not quota.is_known_resource('instances', ['fast'])
