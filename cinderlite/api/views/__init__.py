"""Response builders, one module per resource, with Cinder's field names."""


def iso(value):
    """Cinder's timestamp form: naive UTC with microseconds, or None.

    ``isoformat`` writes what ``strftime('%Y-%m-%dT%H:%M:%S.%f')`` does for
    a naive timestamp, at a fraction of its cost (a list page has 200).
    """
    return value.isoformat(timespec='microseconds') if value else None


_LINK_BASES = 'cinderlite.link_bases'


def links(req, collection, resource_id, project_id):
    """The ``self`` (versioned) and ``bookmark`` (unversioned) links of a resource."""
    versioned, unversioned = _link_bases(req)
    return [{'rel': 'self', 'href': '%s/%s/%s/%s' % (versioned, project_id, collection,
                                                      resource_id)},
            {'rel': 'bookmark', 'href': '%s/%s/%s/%s' % (unversioned, project_id,
                                                         collection, resource_id)}]


def _link_bases(req):
    """``(host/version, host)`` of ``req``, worked out once per request (lists need 100s)."""
    bases = req.environ.get(_LINK_BASES)
    if bases is None:
        host = req.host_url
        bases = ('%s/%s' % (host, req.script_name.strip('/') or 'v3'), host)
        req.environ[_LINK_BASES] = bases
    return bases
