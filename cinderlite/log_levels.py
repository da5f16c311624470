"""Log levels of a running process, read and changed while it runs (3.32).

``PUT /os-services/set-log`` and ``get-log`` change and read the levels of
the oslo.log loggers whose names start with a prefix, as Cinder's
``utils.set_log_levels``/``get_log_levels`` do: in the API process itself,
and over RPC in each scheduler and volume service. Every RPC service has a
``LogLevelEndpoint`` in its own namespace, so this needs no version of the
volume or scheduler RPC APIs.
"""

import logging as py_logging

from oslo_log import log as logging
import oslo_messaging as messaging

from cinderlite import exception
from cinderlite import rpc

#: The levels Cinder accepts (``utils.LOG_LEVELS``).
LEVELS = ('INFO', 'WARNING', 'ERROR', 'DEBUG')
NAMESPACE = 'log_levels'
VERSION = '1.0'


def check_level(level):
    """The ``logging`` level of ``level`` (any case). :raises InvalidInput: (400)."""
    level = level or ''
    if level.upper() not in LEVELS:
        raise exception.InvalidInput(reason='%s is not a valid log level.' % level)
    return getattr(py_logging, level.upper())


def set_levels(prefix, level):
    """Set every logger whose name starts with ``prefix`` (all when empty) to ``level``."""
    value = check_level(level)
    for name, adapter in logging.get_loggers().items():
        if name and name.startswith(prefix or ''):
            adapter.logger.setLevel(value)


def get_levels(prefix):
    """``{logger name: effective level name}`` of the loggers under ``prefix``."""
    return {name: py_logging.getLevelName(adapter.logger.getEffectiveLevel())
            for name, adapter in logging.get_loggers().items()
            if name and name.startswith(prefix or '')}


class LogLevelEndpoint:
    """The RPC endpoint every cinderlite RPC service serves besides its manager."""

    target = messaging.Target(namespace=NAMESPACE, version=VERSION)

    def set_log_levels(self, context, prefix, level):
        set_levels(prefix, level)

    def get_log_levels(self, context, prefix):
        return get_levels(prefix)


class LogLevelAPI:
    """Client of LogLevelEndpoint, for one topic (volume or scheduler)."""

    def __init__(self, transport, topic):
        self.client = messaging.get_rpc_client(
            transport, messaging.Target(topic=topic, namespace=NAMESPACE, version=VERSION),
            serializer=rpc.RequestContextSerializer())

    def set_levels(self, context, server, prefix, level):
        self.client.prepare(server=server).cast(context, 'set_log_levels', prefix=prefix,
                                                level=level)

    def get_levels(self, context, server, prefix):
        return rpc.call(self.client, context, 'get_log_levels', server=server, prefix=prefix)
