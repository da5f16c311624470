"""Driver views are read-only: a driver returns changes, it cannot make them."""

import copy
import json
import pickle

import pytest

from cinderlite.volume.driver_view import Resource


def test_attribute_and_item_access():
    view = Resource({'id': 'v1', 'size': 1})
    assert (view.id, view['size']) == ('v1', 1)
    with pytest.raises(AttributeError):
        view.missing


@pytest.mark.parametrize('change', [
    lambda v: v.__setitem__('size', 2), lambda v: v.__delitem__('size'),
    lambda v: setattr(v, 'size', 2), lambda v: v.update(size=2), lambda v: v.pop('size'),
    lambda v: v.setdefault('x', 1), lambda v: v.clear(), lambda v: v.popitem()])
def test_changes_are_refused(change):
    view = Resource({'id': 'v1', 'size': 1})
    with pytest.raises(TypeError):
        change(view)
    assert view == {'id': 'v1', 'size': 1}


def test_copies_are_the_driver_s_own():
    view = Resource({'id': 'v1', 'size': 1})
    mine = dict(view)
    mine['size'] = 2
    assert view.size == 1
    assert copy.deepcopy(view) == view
    assert pickle.loads(pickle.dumps(view)) == view
    assert json.loads(json.dumps(view)) == {'id': 'v1', 'size': 1}
