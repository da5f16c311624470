"""Schemas of volume type encryption request bodies (Cinder's)."""

from cinderlite.api import schemas

# An integer, or a string of digits (Cinder's key_size format).
KEY_SIZE = {'type': ['string', 'integer', 'null'], 'pattern': '^[0-9]+$', 'minimum': 0,
            'maximum': schemas.MAX_INT}

_FIELDS = {
    'key_size': KEY_SIZE,
    'provider': {'type': 'string', 'minLength': 0, 'maxLength': 255},
    'control_location': {'enum': ['front-end', 'back-end']},
    'cipher': {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255},
}

#: Other keys are allowed, as Cinder allows them, and ignored.
CREATE = {'type': 'object',
          'properties': {'encryption': {'type': 'object', 'properties': _FIELDS,
                                        'required': ['provider', 'control_location']}},
          'required': ['encryption'], 'additionalProperties': False}

UPDATE = {'type': 'object',
          'properties': {'encryption': {'type': 'object', 'properties': _FIELDS}},
          'required': ['encryption'], 'additionalProperties': False}

FIELDS = tuple(_FIELDS)
