"""Schemas of the attachments API (3.27+) and of the legacy attach actions (Cinder's)."""

import copy

#: Cinder's ``parameter_types.uuid`` (a format it checks): any case, dashes optional.
UUID = {'type': 'string',
        'pattern': '^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?'
                   '[0-9a-fA-F]{12}$'}
MODE = {'type': 'string', 'enum': ['rw', 'ro']}

CREATE = {'type': 'object', 'properties': {'attachment': {
    'type': 'object',
    'properties': {'instance_uuid': UUID, 'connector': {'type': ['object', 'null']},
                   'volume_uuid': UUID},
    'required': ['volume_uuid'], 'additionalProperties': False}},
    'required': ['attachment'], 'additionalProperties': False}

CREATE_V354 = copy.deepcopy(CREATE)
CREATE_V354['properties']['attachment']['properties']['mode'] = MODE

UPDATE = {'type': 'object', 'properties': {'attachment': {
    'type': 'object',
    'properties': {'connector': {'type': 'object', 'minProperties': 1}},
    'required': ['connector'], 'additionalProperties': False}},
    'required': ['attachment'], 'additionalProperties': False}

# -- legacy actions: the argument of each (the value of its key) -----------------------

ATTACH = {'type': 'object',
          'properties': {'instance_uuid': UUID,
                         'mountpoint': {'type': 'string', 'minLength': 1, 'maxLength': 255},
                         'host_name': {'type': 'string', 'maxLength': 255},
                         'mode': MODE},
          'required': ['mountpoint'],
          'anyOf': [{'required': ['instance_uuid']}, {'required': ['host_name']}],
          'additionalProperties': False}

DETACH = {'type': ['object', 'null'],
          'properties': {'attachment_id': {'anyOf': [UUID, {'type': 'null'}]}},
          'additionalProperties': False}

INITIALIZE_CONNECTION = {'type': 'object',
                         'properties': {'connector': {'type': ['object', 'string']}},
                         'required': ['connector'], 'additionalProperties': False}

TERMINATE_CONNECTION = {'type': 'object',
                        'properties': {'connector': {'type': ['string', 'object', 'null']}},
                        'required': ['connector'], 'additionalProperties': False}

FORCE_DETACH = {'type': 'object', 'additionalProperties': False,
                'properties': {'connector': {'type': ['string', 'object', 'null']},
                               'attachment_id': {'type': ['string', 'null']}}}
