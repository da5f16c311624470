"""loadapp(conf, transport): the WSGI application, built from api-paste.ini.

The single factory used by the services, the WSGI entry point and the tests.
"""

import os
import sys

from paste import deploy
import webob

from cinderlite import services
from cinderlite.api import paste_conf
from cinderlite.api import router
from cinderlite.api.handlers import versions


def find_paste_config(conf):
    """``api_paste_config`` as given, beside the config files, in a checkout, or installed."""
    name = conf.api_paste_config
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [name, conf.find_file(name),
                  os.path.join(here, '..', '..', 'etc', 'cinderlite', name),
                  os.path.join(sys.prefix, 'etc', 'cinderlite', name)]
    for path in candidates:
        if path and os.path.isfile(path):
            return os.path.abspath(path)
    raise RuntimeError('Cannot find the paste config %s' % name)


def loadapp(conf, transport, name='osapi_volume'):
    """The whole API as one WSGI app: pipeline from api-paste.ini, services wired."""
    global_conf = paste_conf.register(conf, services.Services(conf, transport))
    return deploy.loadapp('config:%s' % find_paste_config(conf), name=name,
                          global_conf=global_conf)


class PrefixMap:
    """Sends ``/v2/...`` and ``/v3/...`` to their pipelines and the rest to ``/``.

    Plain WSGI: it only moves the prefix from ``PATH_INFO`` to
    ``SCRIPT_NAME``, with no webob response made around the request.
    """

    def __init__(self, apps):
        self.apps = apps

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        first = '/' + req.path_info.lstrip('/').split('/', 1)[0]
        if first in self.apps and first != '/':
            req.path_info_pop()
            return self.apps[first](environ, start_response)
        return self.apps['/'](environ, start_response)


def root_app_factory(loader, global_conf, **local_conf):
    return PrefixMap({prefix: loader.get_app(name) for prefix, name in local_conf.items()})


def versions_factory(global_conf, **local_conf):
    return versions.VersionsApp(paste_conf.conf_from(global_conf))


def apiv2_factory(global_conf, **local_conf):
    return router.APIRouter(paste_conf.services_from(global_conf), 'v2')


def apiv3_factory(global_conf, **local_conf):
    return router.APIRouter(paste_conf.services_from(global_conf), 'v3')
