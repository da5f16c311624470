"""The RBD driver on a volume node without Ceph's Python bindings: a clear refusal."""

import pytest

from cinderlite import conf as cl_conf
from cinderlite import exception
from cinderlite.conf import volume as volume_conf
from cinderlite.volume.drivers import loader
from cinderlite.volume.drivers import rbd as rbd_driver


def test_setup_without_the_bindings_says_what_to_install(monkeypatch):
    monkeypatch.setattr(rbd_driver, 'rados', None)
    monkeypatch.setattr(rbd_driver, 'rbd', None)
    conf = cl_conf.new_conf()
    backend_conf = volume_conf.register_backend_opts(conf, 'ceph')
    conf([], default_config_files=[])
    conf.set_override('volume_driver', 'rbd', group='ceph')
    driver = loader.load_driver(conf, backend_conf, 'ceph')
    with pytest.raises(exception.VolumeDriverException, match='python3-rados python3-rbd'):
        driver.do_setup(None)
