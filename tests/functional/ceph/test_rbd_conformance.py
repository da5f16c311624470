"""The driver conformance suite, run against the RBD driver on a real Ceph cluster."""

from cinderlite.testing import driver_conformance
from tests.functional.ceph import rbd_harness


class TestRBDDriverConformance(rbd_harness.RBDHarness, driver_conformance.DriverConformance):
    """Each test must also leave the pool as it found it: no image, group or trash entry."""
