"""Request handlers, one module per resource."""


def api_version(major, minor):
    """Mark a handler as served from microversion ``major.minor`` on (404 below it)."""
    def decorator(func):
        func.min_version = (major, minor)
        return func
    return decorator
