"""Schemas of the volume type access actions."""

_PROJECT = {'type': 'object',
            'properties': {'project': {'type': 'string', 'minLength': 1,
                                       'maxLength': 255}},
            'required': ['project'], 'additionalProperties': False}

ADD_PROJECT = {'type': 'object', 'properties': {'addProjectAccess': _PROJECT},
               'required': ['addProjectAccess'], 'additionalProperties': False}

REMOVE_PROJECT = {'type': 'object', 'properties': {'removeProjectAccess': _PROJECT},
                  'required': ['removeProjectAccess'], 'additionalProperties': False}
