"""Where cinderlite keeps its state on disk."""

import os

from oslo_config import cfg

OPTS = [
    cfg.StrOpt('state_path',
               default=os.path.join(os.path.expanduser('~'), '.local', 'share', 'cinderlite'),
               sample_default='$HOME/.local/share/cinderlite',
               help='Directory holding the embedded SQLite database and the file '
                    'driver\'s volumes. Created on first start. Moving it moves all data.'),
]


def register_opts(conf):
    conf.register_opts(OPTS)


def list_opts():
    return [('DEFAULT', OPTS)]
