"""The driver conformance suite, run against the reference file driver."""

from cinderlite import conf as cl_conf
from cinderlite.conf import volume as volume_conf
from cinderlite.testing import driver_conformance
from cinderlite.volume.drivers import file as file_driver
from cinderlite.volume.drivers import loader


class TestFileDriverConformance(driver_conformance.DriverConformance):

    def make_driver(self, tmp_path):
        """Loaded by its entry point name, as the volume service loads it."""
        conf = cl_conf.new_conf()
        backend_conf = volume_conf.register_backend_opts(conf, 'file')
        conf([], default_config_files=[])
        conf.set_override('state_path', str(tmp_path))
        return loader.load_driver(conf, backend_conf, 'file')

    def write_volume(self, driver, volume, offset, data):
        with file_driver.volume_io(driver.volume_path(volume.id)) as f:
            f.seek(offset)
            f.write(data)

    def read_volume(self, driver, volume, offset, length):
        with file_driver.volume_io(driver.volume_path(volume.id)) as f:
            f.seek(offset)
            return f.read(length)
