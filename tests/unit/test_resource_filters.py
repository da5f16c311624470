"""Reading ``resource_query_filters_file`` (services.resource_filters)."""

import json
import os

import pytest

from cinderlite import process
from cinderlite.services import resource_filters

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_the_shipped_file_is_the_default():
    with open(os.path.join(REPO, 'etc', 'cinderlite', 'resource_filters.json')) as f:
        assert json.load(f) == resource_filters.DEFAULTS
    assert resource_filters.load(None) == resource_filters.DEFAULTS


@pytest.mark.parametrize('content', ['{', '[]', '{"volume": "name"}', '{"volume": [1]}'])
def test_a_bad_file_stops_the_start_naming_the_option(tmp_path, content):
    path = tmp_path / 'f.json'
    path.write_text(content)
    with pytest.raises(process.StartupError, match='resource_query_filters_file'):
        resource_filters.load(str(path))


def test_a_missing_file_stops_the_start(tmp_path):
    with pytest.raises(process.StartupError, match='resource_query_filters_file'):
        resource_filters.load(str(tmp_path / 'nowhere.json'))
