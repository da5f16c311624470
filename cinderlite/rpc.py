"""The only oslo.messaging glue: transport, context serializer, clients and servers."""

import importlib

from amqp import exceptions as amqp_exceptions
import oslo_messaging as messaging
from oslo_messaging import opts as messaging_opts
from oslo_messaging.rpc import dispatcher

from cinderlite import context as cl_context
from cinderlite import exception

#: Business errors a ``call`` returns to the caller without a traceback in the server log.
EXPECTED_EXCEPTIONS = (exception.CinderliteException,)


# oslo.messaging registers these groups on the global CONF only, yet reads them
# from the ConfigOpts a client was given (its own ConfFixture registers them the
# same way, but needs the fixtures package).
_GLOBAL_ONLY_OPTS = (
    ('oslo_messaging._metrics.client', 'oslo_messaging_metrics', 'oslo_messaging_metrics'),
    ('oslo_messaging._tracing.client', 'oslo_messaging_tracing', 'oslo_messaging_tracing'),
)


def list_opts():
    """``[(group, [Opt])]`` of every oslo.messaging option."""
    return messaging_opts.list_opts()


def register_opts(conf):
    """Register every oslo.messaging option (transport_url ...) on ``conf``."""
    for group, opts in list_opts():
        conf.register_opts(opts, group=group)
    for module, attribute, group in _GLOBAL_ONLY_OPTS:
        try:
            opts = getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError):
            continue
        conf.register_opts(opts, group=group)


def get_transport(conf, default_url=None):
    """The RPC transport of ``transport_url``.

    ``default_url`` replaces oslo.messaging's own default (``rabbit://``)
    when the operator set no URL: the embedded default passes ``fake://``,
    whose in-process bus needs every service to share this one transport.
    """
    register_opts(conf)
    if default_url:
        conf.set_default('transport_url', default_url)
    # A call's business error (InvalidVolume ...) comes back as itself, code and message.
    return messaging.get_rpc_transport(conf, allowed_remote_exmods=[exception.__name__])


#: A topic no service consumes: what :func:`ping` sends there is dropped by the bus.
PING_TOPIC = 'cinderlite-startup-ping'


def is_fake(conf):
    """True for the in-process ``fake://`` bus, which cannot be unreachable."""
    return messaging.TransportURL.parse(conf, conf.transport_url).transport == 'fake'


def ping(transport):
    """Send one message, without retrying, to a topic nobody consumes.

    :raises Exception: whatever the driver raises when the bus cannot be
        reached or refuses the login (see :func:`refused`).
    """
    client = get_client(transport, PING_TOPIC, '1.0')
    client.prepare(retry=0).cast(cl_context.get_admin_context(), 'ping')


def refused(error):
    """True when the broker refused the login or the virtual host: retrying will not help."""
    return isinstance(error, (amqp_exceptions.AccessRefused, amqp_exceptions.NotAllowed))


class RequestContextSerializer(messaging.Serializer):
    """Sends the request context as a dict and rebuilds a RequestContext on arrival."""

    def serialize_entity(self, ctxt, entity):
        return entity

    def deserialize_entity(self, ctxt, entity):
        return entity

    def serialize_context(self, ctxt):
        return ctxt.to_dict()

    def deserialize_context(self, ctxt):
        return cl_context.RequestContext.from_dict(ctxt)


def get_client(transport, topic, version, version_cap=None):
    target = messaging.Target(topic=topic, version=version)
    return messaging.get_rpc_client(transport, target, version_cap=version_cap,
                                    serializer=RequestContextSerializer())


def cast(client, context, method, retries, server=None, version=None, **kwargs):
    """Cast ``method``; a message bus that cannot take it is a ServiceUnavailable (503).

    The caller undoes what it wrote before the cast, so that a failure to
    send never leaves a resource waiting for a message that will not come.
    """
    cctxt = client.prepare(server=server, version=version, retry=retries)
    try:
        cctxt.cast(context, method, **kwargs)
    except messaging.MessagingException as e:
        raise exception.ServiceUnavailable(
            reason='the message bus did not take the request (%s)' % type(e).__name__)


def call(client, context, method, server=None, version=None, **kwargs):
    """Call ``method`` and return its answer; a cinderlite error raised there is raised here.

    No retry: a call changes state and may have run. A volume service that
    does not answer in ``rpc_response_timeout`` is a ServiceUnavailable (503).
    """
    cctxt = client.prepare(server=server, version=version)
    try:
        return cctxt.call(context, method, **kwargs)
    except messaging.MessagingTimeout:
        raise exception.ServiceUnavailable(
            reason='the volume service %s did not answer in time' % server)
    except messaging.RemoteError as e:
        raise exception.VolumeBackendAPIException(data='%s: %s' % (e.exc_type, e.value))
    except messaging.MessagingException as e:
        raise exception.ServiceUnavailable(
            reason='the message bus did not take the request (%s)' % type(e).__name__)


def get_server(transport, topic, server, endpoints):
    """An RPC server on the threading executor (the default); ``_private`` methods are refused."""
    target = messaging.Target(topic=topic, server=server)
    return messaging.get_rpc_server(
        transport, target, endpoints,
        serializer=RequestContextSerializer(),
        access_policy=dispatcher.DefaultRPCAccessPolicy)
