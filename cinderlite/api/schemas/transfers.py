"""Schemas of volume transfer request bodies (Cinder's)."""

from cinderlite.api import schemas

_NAME = {'type': ['string', 'null'], 'maxLength': 255}
# Cinder refuses a volume_id that is not a UUID with a 400 (not a 404).
_VOLUME_ID = {'type': 'string',
              'pattern': '^[0-9a-fA-F]{8}(-?[0-9a-fA-F]{4}){3}-?[0-9a-fA-F]{12}$'}


def _create(properties):
    return {'type': 'object',
            'properties': {'transfer': {
                'type': 'object', 'properties': properties, 'required': ['volume_id'],
                'additionalProperties': False}},
            'required': ['transfer'], 'additionalProperties': False}


CREATE = _create({'volume_id': _VOLUME_ID, 'name': _NAME})

#: ``volume-transfers`` from 3.55 on: a transfer may leave the snapshots behind.
CREATE_V355 = _create({'volume_id': _VOLUME_ID, 'name': _NAME,
                       'no_snapshots': schemas.BOOLEAN})

ACCEPT = {'type': 'object',
          'properties': {'accept': {
              'type': 'object',
              'properties': {'auth_key': {'type': ['string', 'integer']}},
              'required': ['auth_key'], 'additionalProperties': False}},
          'required': ['accept'], 'additionalProperties': False}
