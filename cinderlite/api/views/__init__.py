"""Response builders, one module per resource, with Cinder's field names."""


def iso(value):
    """Cinder's timestamp form: naive UTC with microseconds, or None."""
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value else None


def links(req, collection, resource_id, project_id):
    """The ``self`` (versioned) and ``bookmark`` (unversioned) links of a resource."""
    base = req.host_url
    version = req.script_name.strip('/') or 'v3'
    return [{'rel': 'self', 'href': '%s/%s/%s/%s/%s' % (base, version, project_id,
                                                         collection, resource_id)},
            {'rel': 'bookmark', 'href': '%s/%s/%s/%s' % (base, project_id, collection,
                                                         resource_id)}]
