"""Schemas of ``POST /volumes/{id}/action`` bodies: one action, its arguments."""

from cinderlite.api import schemas

EXTEND = {'type': 'object', 'properties': {'new_size': {
    'type': ['integer', 'string'], 'pattern': '^[0-9]{1,10}$', 'minimum': 1,
    'maximum': schemas.MAX_INT}}, 'required': ['new_size']}

RESET_STATUS = {'type': 'object', 'properties': {
    'status': {'type': ['string', 'null'], 'maxLength': 255},
    'attach_status': {'type': ['string', 'null'], 'enum': ['attached', 'detached', None]},
    'migration_status': {'type': ['string', 'null'], 'maxLength': 255}},
    'additionalProperties': False}

SET_BOOTABLE = {'type': 'object', 'properties': {'bootable': schemas.BOOLEAN},
                'required': ['bootable']}

EXTEND_COMPLETION = {'type': 'object', 'properties': {
    'error': {'type': ['string', 'null', 'boolean']}}, 'additionalProperties': False}

RETYPE = {'type': 'object', 'properties': {
    'new_type': {'type': 'string'},
    'migration_policy': {'type': ['string', 'null'], 'enum': ['on-demand', 'never', None]}},
    'required': ['new_type'], 'additionalProperties': False}

#: Cinder's: any other key is ignored; a missing or null id is its own 400.
REVERT = {'type': 'object', 'properties': {'snapshot_id': {'type': ['string', 'null']}}}

UPDATE_READONLY = {'type': 'object', 'properties': {'readonly': schemas.BOOLEAN},
                   'required': ['readonly']}

#: os-reimage (3.68).
REIMAGE = {'type': 'object',
           'properties': {'image_id': {'type': 'string', 'pattern':
                                       '^[0-9a-fA-F]{8}(-?[0-9a-fA-F]{4}){3}-?[0-9a-fA-F]{12}$'},
                          'reimage_reserved': schemas.BOOLEAN},
           'required': ['image_id'], 'additionalProperties': False}
