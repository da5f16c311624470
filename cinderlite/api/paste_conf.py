"""Hands the process's ConfigOpts and services to paste.deploy factories.

paste.deploy turns every ``global_conf`` value into a string, so they travel
as a key into this registry instead.
"""

import threading

_LOCK = threading.Lock()
_REGISTRY = {}
KEY = 'cinderlite_key'


def register(conf, services):
    """Remember ``conf`` and ``services``; returns the ``global_conf`` naming them."""
    key = str(id(services))
    with _LOCK:
        _REGISTRY[key] = (conf, services)
    return {KEY: key}


def conf_from(global_conf):
    return _REGISTRY[global_conf[KEY]][0]


def services_from(global_conf):
    return _REGISTRY[global_conf[KEY]][1]


def services_of(conf):
    """The services most recently wired for ``conf`` (tests break one of them on purpose)."""
    with _LOCK:
        return [services for registered, services in _REGISTRY.values()
                if registered is conf][-1]
