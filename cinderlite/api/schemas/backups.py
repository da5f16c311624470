"""Schemas of backup request bodies (Cinder's, 3.0, 3.43 metadata, 3.51 availability_zone)."""

import copy

from cinderlite.api import schemas

_UUID = {'type': 'string', 'pattern': '^[0-9a-fA-F]{8}(-?[0-9a-fA-F]{4}){3}-?[0-9a-fA-F]{12}$'}
_UUID_OR_NULL = dict(_UUID, type=['string', 'null'])


def _strict(key, properties, required=(), nullable=False):
    body = schemas.envelope(key, properties, required, nullable)
    body['properties'][key]['additionalProperties'] = False
    body['additionalProperties'] = False
    return body


CREATE = _strict('backup', {
    'volume_id': _UUID, 'container': {'type': ['string', 'null'], 'maxLength': 255},
    'description': schemas.DESCRIPTION, 'incremental': schemas.BOOLEAN,
    'force': schemas.BOOLEAN, 'name': schemas.NAME,
    'snapshot_id': _UUID_OR_NULL,
}, required=['volume_id'])
CREATE_V343 = copy.deepcopy(CREATE)
CREATE_V343['properties']['backup']['properties']['metadata'] = schemas.METADATA
CREATE_V351 = copy.deepcopy(CREATE_V343)
CREATE_V351['properties']['backup']['properties']['availability_zone'] = {
    'type': ['string', 'null']}

UPDATE = _strict('backup', {'name': schemas.NAME, 'description': schemas.DESCRIPTION},
                 nullable=True)
UPDATE_V343 = copy.deepcopy(UPDATE)
UPDATE_V343['properties']['backup']['properties']['metadata'] = schemas.METADATA

RESTORE = _strict('restore', {'name': schemas.NAME,
                              'volume_id': _UUID_OR_NULL},
                  nullable=True)

IMPORT_RECORD = _strict('backup-record', {
    'backup_service': {'type': 'string', 'minLength': 0, 'maxLength': 255},
    'backup_url': {'type': 'string', 'minLength': 0}}, required=['backup_service',
                                                                  'backup_url'])
