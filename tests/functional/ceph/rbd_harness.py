"""The conformance harness's hooks for the RBD driver on the test cluster."""

import rbd

from cinderlite import conf as cl_conf
from cinderlite.conf import volume as volume_conf
from cinderlite.testing import driver_harness
from cinderlite.volume.drivers import loader
from tests.functional.ceph import conftest


class RBDHarness(driver_harness.DriverHarness):
    """Drives RBDDriver as the manager does; each test leaves the pool as it found it.

    ``backend_options``, ``ioctx`` (an admin view of the pool) and
    ``keyring`` (the backend user's) are set by the conftest's autouse
    fixture; ``overrides`` adds backend options.
    """

    backend_options = None
    ioctx = None
    keyring = None
    overrides = {}

    def make_driver(self, tmp_path):
        """Loaded by its entry point name, as the volume service loads it."""
        conf = cl_conf.new_conf()
        backend_conf = volume_conf.register_backend_opts(conf, 'ceph')
        conf([], default_config_files=[])
        conf.set_override('state_path', str(tmp_path))
        for key, value in dict(self.backend_options, **self.overrides).items():
            conf.set_override(key, value, group='ceph')
        return loader.load_driver(conf, backend_conf, 'ceph')

    def setup_method(self, method):
        super().setup_method(method)
        self.before = None

    def _setup(self, tmp_path):
        self.before = conftest.pool_contents(self.ioctx)
        return super()._setup(tmp_path)

    def teardown_method(self, method):
        super().teardown_method(method)
        if self.before is not None:
            assert conftest.pool_contents(self.ioctx) == self.before, 'the test left these'

    def write_volume(self, driver, volume, offset, data):
        with rbd.Image(self.ioctx, driver.volume_name(volume.id)) as image:
            image.write(data, offset)

    def read_volume(self, driver, volume, offset, length):
        with rbd.Image(self.ioctx, driver.volume_name(volume.id), read_only=True) as image:
            return image.read(offset, length)
