"""Which backends may hold a volume or a group, and which of them is best."""

from cinderlite.scheduler import capacity
from cinderlite.scheduler import extra_specs_ops

#: Cinder's CapabilitiesFilter (also used by the pools list, which may not import this).
satisfies = extra_specs_ops.satisfies


def backend_names_wanted(extra_specs_of_types):
    """The ``volume_backend_name`` values the given types' extra specs require."""
    return {specs['volume_backend_name'] for specs in extra_specs_of_types
            if specs.get('volume_backend_name')}


def _satisfies_all(host, specs_of_types):
    return all(satisfies(host.capabilities, specs) for specs in specs_of_types)


def fits(host, wanted_backend_names, specs_of_types=()):
    """A host fits types when it is every wanted backend and has what their specs ask.

    Capacity aside: what a volume already on ``host`` needs to take a type there.
    """
    if wanted_backend_names and wanted_backend_names != {host.backend_name}:
        return False
    return _satisfies_all(host, specs_of_types)


def passes(host, wanted_backend_names, size_gb, thin=True, specs_of_types=()):
    """A host passes when it is every wanted backend, has what every type's
    extra specs ask for (``specs_of_types``) and has room for ``size_gb``."""
    return (fits(host, wanted_backend_names, specs_of_types)
            and host.capacity.refusal(size_gb, thin) is None)


def why_no_host(hosts, wanted_backend_names, size_gb, type_names, specs_of_types=()):
    """Why no host passes, in words that tell a user what to change.

    ``type_names`` are the volume types that asked for ``wanted_backend_names``
    and ``specs_of_types``.
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
    named = [h for h in hosts
             if not wanted_backend_names or wanted_backend_names == {h.backend_name}]
    if not any(_satisfies_all(h, specs_of_types) for h in named):
        return ('volume type %s asks for capabilities (its extra specs) that no running '
                'backend has; choose another volume type.' % ', '.join(sorted(type_names)))
    return capacity.why_full(type_names, size_gb)


def best_host(hosts, wanted_backend_names, size_gb, thin=True, specs_of_types=()):
    """The passing host with the most room (Cinder's CapacityWeigher), or None."""
    candidates = [h for h in hosts
                  if passes(h, wanted_backend_names, size_gb, thin, specs_of_types)]
    if not candidates:
        return None
    return max(candidates, key=lambda h: (h.capacity.weight(thin), h.pool_host))
