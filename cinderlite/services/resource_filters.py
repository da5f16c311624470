"""Which list filters non-admins may use, per resource (Cinder's resource_filters.json).

Cinder reads ``[DEFAULT] resource_query_filters_file``; from microversion
3.31 a non-admin's filter that the file does not list for the resource is a
400 (pools: for admins too), and 3.33 serves the file at
``GET /resource_filters``. Unset, the option means Cinder's own defaults,
:data:`DEFAULTS` (also shipped as etc/cinderlite/resource_filters.json).
"""

import json

from cinderlite import process

#: Cinder's etc/cinder/resource_filters.json, in its order.
DEFAULTS = {
    'volume': ['name', 'status', 'metadata', 'bootable', 'migration_status',
               'availability_zone', 'group_id', 'size', 'created_at', 'updated_at',
               'consumes_quota'],
    'backup': ['name', 'status', 'volume_id'],
    'snapshot': ['name', 'status', 'volume_id', 'metadata', 'availability_zone',
                 'consumes_quota'],
    'group': ['name'],
    'group_snapshot': ['name', 'status', 'group_id'],
    'attachment': ['volume_id', 'status', 'instance_id', 'attach_status'],
    'message': ['resource_uuid', 'resource_type', 'event_id', 'request_id',
                'message_level'],
    'pool': ['name', 'volume_type'],
    'volume_type': ['is_public', 'extra_specs'],
}


def load(path):
    """``{resource: [filter, ...]}`` from ``path`` (None: :data:`DEFAULTS`).

    :raises StartupError: the file cannot be read or is not such an object.
    """
    if not path:
        return {resource: list(names) for resource, names in DEFAULTS.items()}
    option = '[DEFAULT] resource_query_filters_file'
    try:
        with open(path) as f:
            loaded = json.load(f)
    except (OSError, ValueError) as e:
        raise process.StartupError('Cannot read %s (%s): %s' % (option, path, e)) from None
    if not isinstance(loaded, dict) or not all(
            isinstance(names, list) and all(isinstance(n, str) for n in names)
            for names in loaded.values()):
        raise process.StartupError(
            '%s (%s) must be a JSON object of lists of filter names.' % (option, path))
    return loaded


class ResourceFilterService:
    """The configured filters, read once when the API starts."""

    def __init__(self, conf):
        self.filters = load(conf.resource_query_filters_file)

    def enabled(self, resource=None):
        """``{resource: [filters]}``: all of them, or one (``{}`` for an unknown one)."""
        if resource is None:
            return self.filters
        if resource not in self.filters:
            return {}
        return {resource: self.filters[resource]}

    def allowed(self, resource):
        return self.filters.get(resource, [])
