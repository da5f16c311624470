"""The REST API: paste pipeline, route table, handlers, schemas and views."""
