"""The committed tempest lists: every entry a valid regex with its reason.

Any entry of known-failures must name the missing feature and the issue
that brings it, so that the list can be shrunk as issues close.
"""

import re

import pytest

from tests.tempest import lists

SUITE = re.compile(r'^\^(tempest|cinder_tempest_plugin)\\\.api\\\.volume\\\.')


@pytest.mark.parametrize('path', [lists.EXCLUDE_LIST, lists.KNOWN_FAILURES])
def test_every_entry_is_an_anchored_regex_with_a_reason(path):
    entries = lists.read(path)
    # Known failures may all be fixed; the Glance/Nova exclusions stay.
    assert entries or path == lists.KNOWN_FAILURES
    for entry in entries:
        re.compile(entry.regex)
        assert SUITE.match(entry.regex), entry
        assert len(entry.reason) > 10, entry


def test_known_failures_name_their_issue():
    for entry in lists.read(lists.KNOWN_FAILURES):
        assert re.search(r'\(issue \d+\)$', entry.reason), entry


def test_excluded_tests_are_the_glance_and_nova_ones_only():
    reasons = {e.reason for e in lists.read(lists.EXCLUDE_LIST)}
    assert all('Glance' in r or 'Nova' in r for r in reasons), reasons


def test_entries_match_test_ids_as_stestr_does():
    entry, = [e for e in lists.read(lists.EXCLUDE_LIST) if 'VolumesExtendTest' in e.regex]
    base = 'tempest.api.volume.test_volumes_extend.VolumesExtendTest.'
    assert entry.matches(base + 'test_volume_extend[id-9a36df71,image]')
    assert not entry.matches(base + 'test_volume_extend_when_volume_has_snapshot[id-8f05a943]')


def test_merged_list_holds_both(tmp_path):
    merged = lists.write_merged([lists.EXCLUDE_LIST, lists.KNOWN_FAILURES],
                                str(tmp_path / 'all'))
    assert len(lists.read(merged)) == (len(lists.read(lists.EXCLUDE_LIST))
                                       + len(lists.read(lists.KNOWN_FAILURES)))
