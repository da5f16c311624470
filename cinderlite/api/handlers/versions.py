"""The versions documents: ``GET /`` (300, every version) and ``GET /v2/``, ``/v3/`` (200)."""

import webob.dec

from cinderlite.api import faults
from cinderlite.api import microversion
from cinderlite.api import wsgi

UPDATED = '2026-11-25T00:00:00Z'


def _entry(base, major):
    if major == 'v3':
        status, version = 'CURRENT', microversion.as_string(microversion.MAX_VERSION)
        min_version = microversion.as_string(microversion.MIN_VERSION)
    else:
        status, version, min_version = 'SUPPORTED', '', ''
    return {'id': '%s.0' % major, 'status': status, 'version': version,
            'min_version': min_version, 'updated': UPDATED,
            'links': [{'rel': 'describedby', 'type': 'text/html',
                       'href': 'https://docs.openstack.org/'},
                      {'rel': 'self', 'href': '%s/%s/' % (base, major)}],
            'media-types': [{'base': 'application/json',
                             'type': 'application/vnd.openstack.volume+json;version=%s'
                                     % major[1:]}]}


def _base_url(req):
    conf = req.environ.get('cinderlite.conf')
    if conf is not None and conf.public_endpoint:
        return conf.public_endpoint.rstrip('/')
    return req.host_url


def show_version(req):
    """GET /v2/ or /v3/: 200 with that version's entry alone."""
    major = req.environ['cinderlite.api_major']
    return wsgi.json_response({'versions': [_entry(_base_url(req), major)]})


class VersionsApp:
    """GET / : 300 Multiple Choices listing v3 then v2; any other path outside /v2, /v3: 404."""

    def __init__(self, conf):
        self.conf = conf

    @webob.dec.wsgify
    def __call__(self, req):
        req.environ['cinderlite.conf'] = self.conf
        if req.path_info not in ('', '/'):
            return faults.error_response(404, 'The resource could not be found.')
        base = _base_url(req)
        return wsgi.json_response({'versions': [_entry(base, 'v3'), _entry(base, 'v2')]},
                                  status=300)
