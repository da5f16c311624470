"""Schemas of QoS specs request bodies (Cinder's)."""

_KEY = '^[a-zA-Z0-9-_:. /]{1,255}$'

#: POST /qos-specs: a name and any keys (``consumer`` among them).
CREATE = {'type': 'object',
          'properties': {'qos_specs': {
              'type': 'object',
              'properties': {'name': {'type': 'string', 'minLength': 1, 'maxLength': 255}},
              'required': ['name'],
              'patternProperties': {_KEY: {'type': 'string', 'maxLength': 255}},
              'additionalProperties': False}},
          'required': ['qos_specs'], 'additionalProperties': False}

#: PUT /qos-specs/{id}: keys to set (a null value is stored as null, as Cinder does).
SET = {'type': 'object',
       'properties': {'qos_specs': {
           'type': 'object',
           'patternProperties': {_KEY: {'type': ['string', 'null'], 'maxLength': 255}},
           'additionalProperties': False}},
       'required': ['qos_specs'], 'additionalProperties': False}

#: PUT /qos-specs/{id}/delete_keys.
UNSET = {'type': 'object',
         'properties': {'keys': {'type': 'array', 'uniqueItems': True,
                                 'items': {'type': 'string', 'minLength': 1,
                                           'maxLength': 255}}},
         'required': ['keys'], 'additionalProperties': False}
