"""Schemas of volume type request bodies."""

from cinderlite.api import schemas

SPECS = {'type': ['object', 'null'],
         'patternProperties': {'^[\\w\\.\\-:/ ]{1,255}$': {'type': ['string', 'number',
                                                                   'boolean']}},
         'additionalProperties': False}

CREATE = schemas.envelope('volume_type', {
    'name': {'type': 'string', 'minLength': 1, 'maxLength': 255},
    'description': schemas.DESCRIPTION, 'extra_specs': SPECS,
    'os-volume-type-access:is_public': schemas.BOOLEAN, 'is_public': schemas.BOOLEAN,
}, required=['name'])

UPDATE = schemas.envelope('volume_type', {
    'name': {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255},
    'description': schemas.DESCRIPTION, 'is_public': schemas.BOOLEAN,
})

EXTRA_SPECS = {'type': 'object', 'properties': {'extra_specs': dict(SPECS, type='object')},
               'required': ['extra_specs']}

EXTRA_SPEC_ITEM = {'type': 'object', 'minProperties': 1, 'maxProperties': 1,
                   'patternProperties': SPECS['patternProperties'],
                   'additionalProperties': False}
