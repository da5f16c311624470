"""Schemas of group request bodies (Cinder's, 3.13 and 3.14)."""

from cinderlite.api import schemas

TYPE_NAME_OR_ID = {'type': 'string', 'minLength': 1, 'maxLength': 255, 'pattern': r'\S'}


def _strict(key, properties, required=()):
    body = schemas.envelope(key, properties, required)
    body['properties'][key]['additionalProperties'] = False
    body['additionalProperties'] = False
    return body


CREATE = _strict('group', {
    'group_type': TYPE_NAME_OR_ID,
    'volume_types': {'type': 'array', 'minItems': 1, 'uniqueItems': True,
                     'items': {'type': 'string', 'minLength': 1, 'maxLength': 255}},
    'name': schemas.NAME, 'description': schemas.DESCRIPTION,
    'availability_zone': schemas.OPTIONAL_ID,
}, required=['group_type', 'volume_types'])

# openstackclient and openstacksdk send both source keys, one of them null:
# the handler requires exactly one to be set (Cinder itself answers 400).
CREATE_FROM_SRC = _strict('create-from-src', {
    'name': schemas.NAME, 'description': schemas.DESCRIPTION,
    'group_snapshot_id': schemas.OPTIONAL_ID, 'source_group_id': schemas.OPTIONAL_ID,
})

UPDATE = _strict('group', {
    'name': schemas.NAME, 'description': schemas.DESCRIPTION,
    'add_volumes': {'type': ['string', 'null']},
    'remove_volumes': {'type': ['string', 'null']},
})

DELETE = {'type': ['object', 'null'], 'additionalProperties': False,
          'properties': {'delete-volumes': schemas.BOOLEAN}}

RESET_STATUS = {'type': 'object', 'additionalProperties': False, 'required': ['status'],
                'properties': {'status': {'type': 'string', 'maxLength': 255}}}

FAILOVER_REPLICATION = {
    'type': 'object',
    'properties': {'allow_attached_volume': schemas.BOOLEAN,
                   'secondary_backend_id': {'type': ['string', 'null']}},
    'additionalProperties': False,
}
