"""Sphinx configuration of cinderlite's documentation.

Every extension works offline: autodoc reads the installed package, and the
oslo extensions build the option and policy references from the code
through the ``oslo.config.opts`` and ``oslo.policy.policies`` entry points,
so cinderlite must be installed (``pip install -e .``, as tox does).
"""

from cinderlite.db import migration

project = 'cinderlite'
copyright = 'cinderlite developers'

extensions = [
    'sphinx.ext.autodoc',
    'oslo_config.sphinxext',
    'oslo_policy.sphinxext',
]

autodoc_member_order = 'bysource'

# What ``cinderlite-manage db sync`` prints names the newest migration: the
# docs read it from the migrations, so they need no edit when one lands.
rst_epilog = '.. |db_revision| replace:: %s\n' % migration.head_version()

html_theme = 'alabaster'
