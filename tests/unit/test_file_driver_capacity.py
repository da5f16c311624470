"""What the file driver reports for the scheduler's capacity math."""

from cinderlite import conf as cl_conf
from cinderlite.conf import volume as volume_conf
from cinderlite.volume.drivers import file as file_driver

GiB = 1024 ** 3


def make_driver(tmp_path):
    conf = cl_conf.new_conf()
    backend_conf = volume_conf.register_backend_opts(conf, 'file')
    conf([], default_config_files=[])
    conf.set_override('state_path', str(tmp_path))
    driver = file_driver.FileDriver(conf, backend_conf, 'file')
    driver.do_setup(None)
    return driver


def test_sparse_files_count_at_their_apparent_sizes(tmp_path):
    driver = make_driver(tmp_path)
    for name, size in (('volume-a', 2 * GiB), ('volume-b', GiB), ('snapshot-c', GiB)):
        with open(driver.volumes_dir + '/' + name, 'wb') as f:
            f.truncate(size)
    stats = driver.get_volume_stats(refresh=True)
    # Volumes and snapshots are provisioned; volumes alone are allocated.
    assert stats['provisioned_capacity_gb'] == 4.0
    assert stats['allocated_capacity_gb'] == 3.0
    assert (stats['thin_provisioning_support'], stats['thick_provisioning_support']) == (
        True, False)
