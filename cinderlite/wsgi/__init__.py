"""WSGI serving: the threaded server of cinderlite-api and the module for uwsgi/gunicorn."""
