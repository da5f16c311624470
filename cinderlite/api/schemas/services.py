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

DISABLE_LOG_REASON = copy.deepcopy(ENABLE_DISABLE)
DISABLE_LOG_REASON['properties']['disabled_reason'] = {
    'type': 'string', 'minLength': 1, 'maxLength': 255, 'pattern': r'\S'}
