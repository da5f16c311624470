"""Sphinx configuration of cinderlite's documentation.

Every extension works offline: autodoc reads the installed package, and the
oslo extensions build the option and policy references from the code
through the ``oslo.config.opts`` and ``oslo.policy.policies`` entry points,
so cinderlite must be installed (``pip install -e .``, as tox does).
"""

project = 'cinderlite'
copyright = 'cinderlite developers'

extensions = [
    'sphinx.ext.autodoc',
    'oslo_config.sphinxext',
    'oslo_policy.sphinxext',
]

autodoc_member_order = 'bysource'
html_theme = 'alabaster'
