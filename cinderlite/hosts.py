"""Host names: ``host@backend#pool``; RPC servers are addressed by ``host@backend``."""


def backend_host(host):
    """``host@backend`` of ``host@backend#pool`` (RPC server and service row name)."""
    return host.partition('#')[0] if host else host


def pool_host(service_host, pool):
    return '%s#%s' % (service_host, pool)
