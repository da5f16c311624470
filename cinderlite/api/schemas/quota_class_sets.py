"""Schema of the quota class set update body."""

from cinderlite.api import schemas

UPDATE = {
    'type': 'object',
    'properties': {'quota_class_set': {
        'type': 'object',
        'patternProperties': {'^[a-zA-Z0-9-_:. ]{1,300}$': {
            'type': ['integer', 'string'], 'pattern': '^[0-9]{1,9}$',
            'minimum': -1, 'maximum': schemas.MAX_INT}},
        'additionalProperties': False}},
    'required': ['quota_class_set'],
    'additionalProperties': False,
}
