"""os-hosts views: the services by host, and a backend's usage per project."""

from cinderlite.api import views


def index(states):
    return {'hosts': [{'host_name': s.host, 'service': s.binary, 'zone': s.zone,
                       'service-status': 'available' if s.up else 'unavailable',
                       'service-state': 'disabled' if s.disabled else 'enabled',
                       'last-update': views.iso(s.updated_at)} for s in states]}


def _resource(host, project, usage):
    # Cinder sends these numbers as strings.
    return {'resource': {'host': host, 'project': project,
                         'volume_count': str(usage['volume_count']),
                         'total_volume_gb': str(usage['volume_gb']),
                         'snapshot_count': str(usage['snapshot_count']),
                         'total_snapshot_gb': str(usage['snapshot_gb'])}}


def show(host, usage_by_project):
    """The ``(total)`` of the backend first, then each project holding something on it."""
    total = {key: sum(u[key] for u in usage_by_project.values())
             for key in ('volume_count', 'volume_gb', 'snapshot_count', 'snapshot_gb')}
    return {'host': [_resource(host, '(total)', total)] + [
        _resource(host, project, usage_by_project[project])
        for project in sorted(usage_by_project)]}
