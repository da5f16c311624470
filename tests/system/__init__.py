"""System tests: whole deployments as OS processes (``tox -e system``, ``pytest --system``).

Each test starts cinderlite's console scripts (several APIs, a scheduler,
volume hosts, gunicorn) over RabbitMQ and PostgreSQL or MariaDB, kills and
restarts them and sends them signals. A process start costs seconds, so these
run in their own tox environment, beside the unit and functional suite, and
in CI.
"""
