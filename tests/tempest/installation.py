"""Tempest and cinder-tempest-plugin in a cached virtualenv of their own.

Tempest pins about 60 packages (oslo.*, jsonschema, ...): installed beside
cinderlite they would decide what cinderlite is tested with, so they live in a
virtualenv cached under ``$XDG_CACHE_HOME/cinderlite-tempest/`` (see
``tests/virtualenvs.py``), pinned by ``constraints.txt`` beside this file.
"""

import os

from tests import virtualenvs

TEMPEST_VERSION = '47.0.0'
PLUGIN_VERSION = '1.23.0'
REQUIREMENTS = ['tempest==%s' % TEMPEST_VERSION,
                'cinder-tempest-plugin==%s' % PLUGIN_VERSION]
CONSTRAINTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'constraints.txt')


def tempest_venv():
    """The cached virtualenv, installed when missing."""
    key = 'tempest-%s-plugin-%s-%s' % (TEMPEST_VERSION, PLUGIN_VERSION,
                                      virtualenvs.digest_of([CONSTRAINTS]))
    venv = virtualenvs.CachedVenv(virtualenvs.cache_root('cinderlite-tempest'), key,
                                  REQUIREMENTS, CONSTRAINTS,
                                  ['tempest.cmd.main', 'cinder_tempest_plugin.plugin'])
    return venv.ensure()
