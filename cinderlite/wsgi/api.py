"""``application`` for uwsgi, gunicorn and mod_wsgi.

Config files come from ``CINDERLITE_CONFIG_FILES`` (comma-separated) or the
usual oslo.config search path; the message bus is ``transport_url``.
"""

import os

from cinderlite import policy
from cinderlite import rpc
from cinderlite.api import app as api_app
from cinderlite.cmd import common


def init_application():
    files = [f for f in os.environ.get('CINDERLITE_CONFIG_FILES', '').split(',') if f]
    argv = []
    for path in files:
        argv += ['--config-file', path]
    conf = common.setup(argv=argv)
    policy.init(conf)
    return api_app.loadapp(conf, rpc.get_transport(conf))


application = init_application()
