"""os-services views: the list, and the answers of enable, disable and disable-log-reason."""

from cinderlite.api import views

_VOLUME_BINARY = 'cinder-volume'


def service(state, with_cluster=False, with_backend_state=False):
    """One service of the list, with the os-extended-services fields Cinder adds at 3.0.

    Volume services also carry the replication fields: cinderlite replicates
    nothing, so they say so. ``with_cluster`` (3.7) adds ``cluster``: no
    cinderlite service belongs to one.
    """
    body = {'binary': state.binary, 'host': state.host, 'zone': state.zone,
            'status': 'disabled' if state.disabled else 'enabled',
            'state': 'up' if state.up else 'down',
            'updated_at': views.iso(state.updated_at),
            'disabled_reason': state.disabled_reason}
    if state.binary == _VOLUME_BINARY:
        body.update({'replication_status': 'not-capable', 'active_backend_id': None,
                     'frozen': False})
    if with_backend_state and state.binary == _VOLUME_BINARY:
        body['backend_state'] = state.backend_state
    if with_cluster:
        body['cluster'] = None
    return body


def index(states, with_cluster=False, with_backend_state=False):
    return {'services': [service(s, with_cluster, with_backend_state) for s in states]}


def action(host, service_key, binary, state, with_reason):
    """The answer of an action: ``service`` and ``binary`` as sent, and the outcome."""
    body = {'host': host, 'service': service_key, 'binary': binary,
            'status': 'disabled' if state.disabled else 'enabled',
            'disabled': state.disabled}
    if with_reason:
        body['disabled_reason'] = state.disabled_reason
    return body
