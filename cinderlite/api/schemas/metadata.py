"""Schemas of the metadata routes of volumes and snapshots (Cinder's key pattern)."""

_ITEMS = {'type': 'object',
          'patternProperties': {'^[a-zA-Z0-9-_:. /]{1,255}$': {'type': 'string',
                                                               'maxLength': 255}},
          'additionalProperties': False}

#: POST and PUT ``.../metadata``: ``{"metadata": {key: value}}`` (not null).
METADATA = {'type': 'object', 'properties': {'metadata': _ITEMS},
            'required': ['metadata']}

#: PUT ``.../metadata/{key}``: ``{"meta": {key: value}}``, exactly one key.
METADATA_ITEM = {'type': 'object',
                 'properties': {'meta': dict(_ITEMS, minProperties=1, maxProperties=1)},
                 'required': ['meta']}
