"""Schemas of group snapshot request bodies (Cinder's, 3.14)."""

from cinderlite.api import schemas

CREATE = schemas.envelope('group_snapshot', {
    'group_id': schemas.REQUIRED_ID, 'name': schemas.NAME,
    'description': schemas.DESCRIPTION}, required=['group_id'])
CREATE['properties']['group_snapshot']['additionalProperties'] = False

RESET_STATUS = {'type': 'object', 'additionalProperties': False, 'required': ['status'],
                'properties': {'status': {'type': 'string', 'maxLength': 255}}}
