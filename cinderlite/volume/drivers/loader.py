"""Load a backend's driver by entry point name or dotted path."""

from oslo_utils import importutils
from stevedore import driver as stevedore_driver

from cinderlite import exception

NAMESPACE = 'cinderlite.volume.drivers'


def load_driver(conf, backend_conf, backend):
    """Instantiate ``backend_conf.volume_driver`` (``file`` or ``package.module.Class``)."""
    name = backend_conf.volume_driver
    try:
        if '.' in name or ':' in name:
            cls = importutils.import_class(name.replace(':', '.'))
        else:
            cls = stevedore_driver.DriverManager(NAMESPACE, name).driver
    except (ImportError, RuntimeError, AttributeError, ValueError) as e:
        raise exception.DriverNotFound(name=name, reason=e)
    return cls(conf, backend_conf, backend)
