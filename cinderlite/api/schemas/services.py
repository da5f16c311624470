"""Schemas of the os-services action bodies (flat: no envelope, as Cinder's)."""

import copy

_NAME = {'type': 'string', 'minLength': 1, 'maxLength': 255}

ENABLE_DISABLE = {
    'type': 'object',
    'properties': {
        'binary': _NAME,
        # "service" is the older name of "binary"; "binary" wins when both are given.
        'service': _NAME,
        'host': {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255,
                 'pattern': r'^[a-zA-Z0-9-._#@:/+\[\]]*$'},
        'cluster': {'type': ['string', 'null'], 'maxLength': 255},
    },
    'anyOf': [{'required': ['binary']}, {'required': ['service']}],
    'additionalProperties': False,
}

_HOST = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255,
         'pattern': r'^[a-zA-Z0-9-._#@:/+\[\]]*$'}
_NULLABLE = {'type': ['string', 'null']}

FREEZE_THAW = {
    'type': 'object',
    'properties': {'cluster': _NULLABLE, 'host': _HOST},
    'additionalProperties': False,
}

FAILOVER_HOST = {
    'type': 'object',
    'properties': {'host': _HOST, 'backend_id': _NULLABLE, 'cluster': _NULLABLE},
    'additionalProperties': False,
}

_NULLABLE_255 = {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255}
_BINARY = {'type': 'string', 'enum': ['cinder-scheduler', 'cinder-volume', 'cinder-backup',
                                      'cinder-api', '', '*']}

GET_LOG = {
    'type': 'object',
    'properties': {'binary': _BINARY, 'server': _NULLABLE_255, 'prefix': _NULLABLE_255},
    'additionalProperties': False,
}

SET_LOG = copy.deepcopy(GET_LOG)
SET_LOG['properties']['level'] = {'type': ['string', 'null']}

DISABLE_LOG_REASON = copy.deepcopy(ENABLE_DISABLE)
DISABLE_LOG_REASON['properties']['disabled_reason'] = {
    'type': 'string', 'minLength': 1, 'maxLength': 255, 'pattern': r'\S'}
