"""Schema of the quota set update body."""

from cinderlite.api import schemas

# python-cinderclient sends the project as "tenant_id" beside the limits.
UPDATE = {'type': 'object', 'properties': {'quota_set': {
    'type': 'object',
    'properties': {'tenant_id': {'type': 'string'}, 'id': {'type': 'string'}},
    'additionalProperties': {'type': ['integer', 'string'], 'pattern': '^-?[0-9]{1,9}$',
                             'maximum': schemas.MAX_INT}}},
    'required': ['quota_set']}
