"""Schema of ``PUT /default-types/{project_id}`` (Cinder's, 3.62)."""

SET = {
    'type': 'object',
    'properties': {'default_type': {
        'type': 'object',
        'properties': {'volume_type': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                                       'pattern': r'\S'}},
        'required': ['volume_type'], 'additionalProperties': False}},
    'required': ['default_type'],
}
