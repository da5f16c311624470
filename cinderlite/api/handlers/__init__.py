"""Request handlers, one module per resource."""


def api_version(major, minor):
    """Mark a handler as served from microversion ``major.minor`` on (404 below it)."""
    def decorator(func):
        func.min_version = (major, minor)
        return func
    return decorator


def writes(func):
    """Mark a GET handler that changes state (Cinder's QoS association routes are GETs).

    The router serves every other GET inside one read-only transaction, in
    which no write may happen.
    """
    func.writes = True
    return func
