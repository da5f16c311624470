"""The capabilities view: a backend's report in Cinder's shape."""


def show(backend, reported):
    """``properties`` are the extra specs the backend understands beyond the standard
    keys; a backend that reports none has none.
    """
    return {'namespace': 'OS::Storage::Capabilities::%s' % backend,
            'vendor_name': reported.get('vendor_name'),
            'volume_backend_name': reported.get('volume_backend_name'),
            'pool_name': reported.get('pool_name'),
            'driver_version': reported.get('driver_version'),
            'storage_protocol': reported.get('storage_protocol'),
            'display_name': reported.get('display_name'),
            'description': reported.get('description'),
            'visibility': reported.get('visibility'),
            'replication_targets': reported.get('replication_targets', []),
            'properties': reported.get('properties', {})}
