"""WSGI middleware of the paste pipeline, one module per job."""
