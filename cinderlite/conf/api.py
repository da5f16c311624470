"""Options of the REST API server."""

from oslo_config import cfg
from oslo_middleware import sizelimit

OPTS = [
    cfg.HostAddressOpt('osapi_volume_listen', default='127.0.0.1',
                       help='Address the API binds to. The default only serves this '
                            'machine; set 0.0.0.0 to serve the network.'),
    cfg.PortOpt('osapi_volume_listen_port', default=8776,
                help='TCP port of the API.'),
    cfg.IntOpt('osapi_volume_threads', default=16, min=1,
               help='Worker threads of the API server: the number of requests '
                    'served at once.'),
    cfg.IntOpt('osapi_max_limit', default=1000, min=1,
               help='The most items a list request returns; larger `limit` values '
                    'are capped to this.'),
    cfg.StrOpt('auth_strategy', default='noauth', choices=['noauth', 'keystone'],
               help='noauth: the X-Auth-Token is "user:project" (only the user named '
                    '"admin" is an admin). keystone: tokens are validated by '
                    'keystonemiddleware (see [keystone_authtoken]).'),
    cfg.StrOpt('api_paste_config', default='api-paste.ini',
               help='The paste.deploy file that declares the WSGI pipeline. A bare '
                    'name is looked up beside the config files, then in the '
                    'installed etc/cinderlite.'),
    cfg.StrOpt('public_endpoint',
               help='Base URL the versions document advertises, such as '
                    'https://volume.example.com:8776. Defaults to the request\'s '
                    'own host URL.'),
    cfg.BoolOpt('access_log', default=True,
                help='Log one INFO line per API request: method, path, status, '
                     'bytes sent, seconds, request id and project (logger '
                     'cinderlite.api.access, which a log_config_append file can '
                     'send elsewhere). False: no such lines.'),
    cfg.StrOpt('default_group_type',
               help='Name of the group type `GET /group_types/default` answers. Unset '
                    '(as in Cinder), that request is a 404.'),
    cfg.StrOpt('resource_query_filters_file',
               help='JSON file of the list filters non-admins may use, per resource '
                    '(Cinder\'s format: {"volume": ["name", "status", ...], ...}; '
                    'a filter "key~" allows the inexact "key~=value" of 3.34). '
                    'Unset: Cinder\'s defaults, the content of '
                    'etc/cinderlite/resource_filters.json. Read at start; a '
                    'missing or invalid file stops the start.'),
    cfg.IntOpt('graceful_shutdown_timeout', default=60, min=0,
               help='Seconds a stopping service waits for requests and RPC calls in '
                    'flight to finish before it exits.'),
]


def register_opts(conf):
    conf.register_opts(OPTS)
    # [oslo_middleware] max_request_body_size bounds request bodies
    # (api/middleware/sizelimit.py). Its own namespace, oslo.middleware.sizelimit,
    # lists it for the sample and the docs.
    conf.register_opts(sizelimit.OPTS, group='oslo_middleware')


def list_opts():
    return [('DEFAULT', OPTS)]
