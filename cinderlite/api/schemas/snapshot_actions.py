"""Schemas of ``POST /snapshots/{id}/action`` arguments."""

#: Cinder's snapshot statuses (fields.SnapshotStatus.ALL).
STATUSES = ['error', 'available', 'creating', 'deleting', 'deleted', 'updating',
            'error_deleting', 'unmanaging', 'backing-up', 'restoring']

RESET_STATUS = {'type': 'object', 'properties': {'status': {'type': 'string',
                                                            'enum': STATUSES}},
                'required': ['status'], 'additionalProperties': False}

UPDATE_STATUS = {'type': 'object', 'properties': {
    'status': {'type': 'string'},
    'progress': {'type': ['string', 'null'], 'pattern': '^(100|[0-9]{1,2})%$'}},
    'required': ['status'], 'additionalProperties': False}
