"""Schema of the quota set update body."""

# python-cinderclient sends the project as "tenant_id" beside the limits.
UPDATE = {'type': 'object', 'properties': {'quota_set': {
    'type': 'object',
    'properties': {'tenant_id': {'type': 'string'}, 'id': {'type': 'string'}},
    'additionalProperties': {'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$'}}},
    'required': ['quota_set']}
