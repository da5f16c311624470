"""Sphinx configuration of the release notes (``tox -e releasenotes``)."""

project = 'cinderlite release notes'
extensions = ['reno.sphinxext']
master_doc = 'index'
exclude_patterns = []
html_theme = 'alabaster'
