"""Pairing clones with their sources, and reading drivers' model updates: pure logic."""

import types

import pytest

from cinderlite import exception
from cinderlite.volume import clones
from cinderlite.volume import model_updates


def row(**values):
    return types.SimpleNamespace(**values)


def test_sources_are_ordered_as_their_clones():
    sources = [row(id='s1'), row(id='s2'), row(id='s3')]
    clone_rows = [row(id='c3', source_volid='s3'), row(id='c1', source_volid='s1'),
                  row(id='c2', source_volid='s2')]
    paired = clones.pair_with_sources(clone_rows, sources, 'source_volid')
    assert [s.id for s in paired] == ['s3', 's1', 's2']


@pytest.mark.parametrize('clone_sources, source_ids', [
    (['s1', 's2'], ['s1']),            # a source is missing
    (['s1'], ['s1', 's2']),            # a source too many
    (['s1', 'sX'], ['s1', 's2']),      # a clone names a foreign source
])
def test_mismatched_sets_are_refused(clone_sources, source_ids):
    clone_rows = [row(id='c%d' % i, snapshot_id=s) for i, s in enumerate(clone_sources)]
    with pytest.raises(exception.InvalidInput):
        clones.pair_with_sources(clone_rows, [row(id=s) for s in source_ids],
                                 'snapshot_id')


def test_only_driver_columns_are_kept_from_a_model_update():
    update = {'provider_location': 'loc', 'status': 'available', 'host': 'elsewhere'}
    assert model_updates.driver_columns(update) == {'provider_location': 'loc'}
    assert model_updates.driver_columns(None) == {}


@pytest.mark.parametrize('status', ['error', 'error_deleting'])
def test_a_failure_reported_in_a_model_update_raises(status):
    with pytest.raises(exception.VolumeDriverException):
        model_updates.check_model_update({'status': status}, 'the group')


def test_successful_updates_pass():
    model_updates.check_model_update({'status': 'available'}, 'the group')
    model_updates.check_model_update(None, 'the group')
    model_updates.check_deleted([{'id': 'a', 'status': 'deleted'}, {'id': 'b'}], 'volumes')


def test_undeleted_items_are_named():
    with pytest.raises(exception.VolumeDriverException) as caught:
        model_updates.check_deleted([{'id': 'a', 'status': 'error_deleting'}], 'volumes')
    assert 'volumes a' in str(caught.value)
