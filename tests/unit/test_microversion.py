"""Parsing ``OpenStack-API-Version``: pure logic, no server."""

import pytest

from cinderlite import exception
from cinderlite.api import microversion


@pytest.mark.parametrize('header, expected', [
    (None, microversion.MIN_VERSION),
    ('', microversion.MIN_VERSION),
    ('volume 3.0', (3, 0)),
    ('volume 3.3', (3, 3)),
    ('VOLUME 3.1', (3, 1)),
    ('compute 2.1, volume 3.2', (3, 2)),
    ('volume latest', microversion.MAX_VERSION),
    ('volume LATEST', microversion.MAX_VERSION),
])
def test_versions_asked_for(header, expected):
    assert microversion.parse_header(header) == expected


@pytest.mark.parametrize('header', ['volume 3', 'volume 3.x', 'volume 03.1', 'volume 3.01',
                                    'volume -3.0', 'volume 3.0.1'])
def test_malformed_versions_are_400(header):
    with pytest.raises(exception.InvalidVersionString) as caught:
        microversion.parse_header(header)
    assert caught.value.code == 400


def test_a_header_for_another_service_only_is_400():
    with pytest.raises(exception.InvalidInput):
        microversion.parse_header('compute 2.1')


@pytest.mark.parametrize('header', ['volume 2.0', 'volume 4.0', 'volume 3.999'])
def test_versions_outside_the_range_are_406(header):
    with pytest.raises(exception.VersionNotSupported) as caught:
        microversion.parse_header(header)
    assert caught.value.code == 406
    assert microversion.as_string(microversion.MAX_VERSION) in str(caught.value)
