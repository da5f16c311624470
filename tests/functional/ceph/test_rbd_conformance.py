"""The driver conformance suite, run against the RBD driver on a real Ceph cluster."""

from cinderlite.testing import driver_conformance
from cinderlite.testing import driver_harness
from cinderlite.testing import driver_views as views
from tests.functional.ceph import conftest
from tests.functional.ceph import rbd_harness


class TestRBDDriverConformance(rbd_harness.RBDHarness, driver_conformance.DriverConformance):
    """Each test must also leave the pool as it found it: no image, group or trash entry."""

    def test_local_connection_reaches_the_data(self, tmp_path):
        """In place of the suite's ``local`` check: the ``rbd`` info reaches the data.

        A compute host's os-brick (or libvirt) connects with nothing but the
        info and the user's key (:func:`conftest.image_from_connection`).
        """
        driver = self._setup(tmp_path)
        volume = self._volume(driver)
        self._fill(driver, volume, 'before')
        volume, info = self._connect(driver, volume, views.connector())
        data = info['data']
        assert info['driver_volume_type'] == 'rbd' and data['auth_enabled']
        with conftest.image_from_connection(data, self.keyring) as image:
            for offset in driver_harness.ends(volume.size):
                assert image.read(offset, driver_harness.BLOCK) == driver_harness.pattern(
                    'before')
                image.write(driver_harness.pattern('through the connection'), offset)
        self._assert_holds(driver, volume, 'through the connection',
                           'the volume written through its connection info')
