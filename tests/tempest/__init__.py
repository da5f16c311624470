"""Tempest's volume API suite against cinderlite behind a real Keystone (tox -e tempest)."""
