"""Which backends may hold a volume or a group, and which of them is best."""

from cinderlite.scheduler import capacity


def backend_names_wanted(extra_specs_of_types):
    """The ``volume_backend_name`` values the given types' extra specs require."""
    return {specs['volume_backend_name'] for specs in extra_specs_of_types
            if specs.get('volume_backend_name')}


def passes(host, wanted_backend_names, size_gb, thin=True):
    """A host passes when it is every wanted backend and has room for ``size_gb``."""
    if wanted_backend_names and wanted_backend_names != {host.backend_name}:
        return False
    return host.capacity.refusal(size_gb, thin) is None


def why_no_host(hosts, wanted_backend_names, size_gb, type_names):
    """Why no host passes, in words that tell a user what to change.

    ``type_names`` are the volume types that asked for ``wanted_backend_names``.
    """
    if not hosts:
        return 'no volume backend is running; ask your cloud administrator.'
    names = {h.backend_name for h in hosts}
    if wanted_backend_names and not wanted_backend_names <= names:
        return ('volume type %s asks for the backend %s (its volume_backend_name), and '
                'no running backend has that name; choose another volume type.' % (
                    ', '.join(sorted(type_names)),
                    ', '.join(sorted(wanted_backend_names - names))))
    if wanted_backend_names and len(wanted_backend_names) > 1:
        return ('volume types %s ask for different backends (%s), and no backend is all '
                'of them; use volume types of one backend.' % (
                    ', '.join(sorted(type_names)), ', '.join(sorted(wanted_backend_names))))
    return capacity.why_full(type_names, size_gb)


def best_host(hosts, wanted_backend_names, size_gb, thin=True):
    """The passing host with the most room (Cinder's CapacityWeigher), or None."""
    candidates = [h for h in hosts if passes(h, wanted_backend_names, size_gb, thin)]
    if not candidates:
        return None
    return max(candidates, key=lambda h: (h.capacity.weight(thin), h.pool_host))
