"""Which backends may hold a volume or a group, and which of them is best."""


def backend_names_wanted(extra_specs_of_types):
    """The ``volume_backend_name`` values the given types' extra specs require."""
    return {specs['volume_backend_name'] for specs in extra_specs_of_types
            if specs.get('volume_backend_name')}


def passes(host, wanted_backend_names, size_gb):
    """A host passes when it is every wanted backend and has room for ``size_gb``."""
    if wanted_backend_names and wanted_backend_names != {host.backend_name}:
        return False
    return host.free_capacity_gb >= size_gb


def best_host(hosts, wanted_backend_names, size_gb):
    """The passing host with the most free capacity, or None."""
    candidates = [h for h in hosts if passes(h, wanted_backend_names, size_gb)]
    if not candidates:
        return None
    return max(candidates, key=lambda h: (h.free_capacity_gb, h.pool_host))
