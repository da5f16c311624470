"""Schema of the quota set update body."""

UPDATE = {'type': 'object', 'properties': {'quota_set': {
    'type': 'object',
    'additionalProperties': {'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$'}}},
    'required': ['quota_set']}
