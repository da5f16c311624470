"""Cinder's extra-spec operators and the capabilities filter, on plain values."""

import pytest

from cinderlite.scheduler import extra_specs_ops
from cinderlite.scheduler import filters


@pytest.mark.parametrize('value, spec, expected', [
    # plain strings: equality, ignoring case
    ('iSCSI', 'iscsi', True), ('file', 'file', True), ('file', 'nfs', False),
    (None, 'file', False), (True, 'true', False),
    # numbers; '=' means at least, as in Cinder
    (10, '= 5', True), (5, '= 5', True), (4, '= 5', False),
    ('10', '== 10', True), (10.0, '== 10', True), (10, '!= 10', False),
    (10, '>= 11', False), (11, '>= 11', True), (3, '<= 2', False), (2, '<= 2.5', True),
    ('many', '>= 1', False), (None, '>= 1', False),
    # strings
    ('abc', 's== ABC', True), ('abc', 's!= abc', False), ('abc', 's< abd', True),
    ('abc', 's<= abc', True), ('b', 's> a', True), ('a', 's>= b', False),
    (3, 's< b', False),
    # membership, booleans, alternatives
    ('thin thick', '<in> thick', True), ('thin', '<in> thick', False), (5, '<in> 5', False),
    (True, '<is> True', True), ('true', '<is> True', True), (False, '<is> True', False),
    (False, '<is> False', True), (None, '<is> False', False),
    ('nfs', '<or> iscsi <or> nfs <or> fc', True), ('NFS', '<or> iscsi <or> nfs', True),
    ('rbd', '<or> iscsi <or> nfs', False), ('iscsi', '<or> iscsi', True),
    # an operator without an operand matches nothing
    ('x', '<in>', False), (1, '==', False),
])
def test_match(value, spec, expected):
    assert extra_specs_ops.match(value, spec) is expected


REPORTED = {'volume_backend_name': 'file', 'storage_protocol': 'file',
            'vendor_name': 'cinderlite', 'free_capacity_gb': 90.5,
            'consistencygroup_support': True, 'pools': {'gold': {'tier': 'fast'}},
            'protocols': ['iSCSI', 'NFS']}


@pytest.mark.parametrize('specs, expected', [
    ({}, True),
    ({'storage_protocol': 'file', 'vendor_name': 'cinderlite'}, True),
    ({'storage_protocol': 'iSCSI'}, False),
    ({'vendor_name': 'Open Source'}, False),
    ({'capabilities:vendor_name': 's== cinderlite'}, True),
    ({'capabilities:free_capacity_gb': '>= 100'}, False),
    ({'capabilities:consistencygroup_support': '<is> True'}, True),
    ({'capabilities:pools:gold:tier': 'fast'}, True),
    ({'capabilities:pools:silver:tier': 'fast'}, False),
    ({'protocols': 'nfs'}, True),
    # unreported capabilities never match; other scopes are not capabilities
    ({'replication_enabled': '<is> True'}, False),
    ({'RESKEY:availability_zones': 'az1', 'provisioning:type': 'thin',
      'acme:tier': 'gold'}, True),
])
def test_satisfies(specs, expected):
    assert filters.satisfies(REPORTED, specs) is expected


class FakeCapacity:
    def refusal(self, size_gb, thin=True):
        return None

    def weight(self, thin=True):
        return 1


class FakeHost:
    def __init__(self, pool_host, capabilities):
        self.pool_host = pool_host
        self.backend_name = capabilities['volume_backend_name']
        self.capabilities = capabilities
        self.capacity = FakeCapacity()


def test_only_a_host_with_the_asked_capabilities_is_chosen():
    nfs = FakeHost('h@nfs#nfs', dict(REPORTED, volume_backend_name='nfs',
                                     storage_protocol='nfs'))
    local = FakeHost('h@file#file', REPORTED)
    assert filters.best_host([nfs, local], set(), 1,
                             specs_of_types=[{'storage_protocol': 'nfs'}]) is nfs
    # A group: every type's specs must hold on one host.
    assert filters.best_host([nfs, local], set(), 0, specs_of_types=[
        {'storage_protocol': 'nfs'}, {'vendor_name': 'cinderlite'}]) is nfs
    assert filters.best_host([nfs, local], set(), 0, specs_of_types=[
        {'storage_protocol': 'nfs'}, {'volume_backend_name': 'file'}]) is None


def test_the_user_is_told_no_backend_has_the_capabilities():
    why = filters.why_no_host([FakeHost('secret@file#file', REPORTED)], set(), 1,
                              ['gold'], [{'vendor_name': 'Acme'}])
    assert why == ('volume type gold asks for capabilities (its extra specs) that no '
                   'running backend has; choose another volume type.')
    assert 'secret' not in why
