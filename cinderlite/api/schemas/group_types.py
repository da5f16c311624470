"""Schemas of group type and group spec request bodies (Cinder's, 3.11)."""

from cinderlite.api import schemas

NAME = {'type': 'string', 'minLength': 1, 'maxLength': 255, 'pattern': r'\S'}
SPEC_KEY = '^[a-zA-Z0-9-_:. /]{1,255}$'
SPECS = {'type': ['object', 'null'],
         'patternProperties': {SPEC_KEY: {'type': 'string', 'maxLength': 255}},
         'additionalProperties': False}


def _strict(key, properties, required=()):
    body = schemas.envelope(key, properties, required)
    body['properties'][key]['additionalProperties'] = False
    body['additionalProperties'] = False
    return body


CREATE = _strict('group_type', {
    'name': NAME, 'description': schemas.DESCRIPTION, 'is_public': schemas.BOOLEAN,
    'group_specs': SPECS}, required=['name'])

UPDATE = _strict('group_type', {
    'name': {'type': ['string', 'null'], 'maxLength': 255},
    'description': schemas.DESCRIPTION, 'is_public': schemas.BOOLEAN})

SPECS_CREATE = {
    'type': 'object', 'additionalProperties': False, 'required': ['group_specs'],
    'properties': {'group_specs': {
        'type': 'object', 'additionalProperties': False,
        'patternProperties': {'^[a-zA-Z0-9-_:.]{1,255}$': {
            'type': ['string', 'null'], 'maxLength': 255}}}}}

SPEC_UPDATE = {
    'type': 'object', 'minProperties': 1, 'maxProperties': 1,
    'additionalProperties': False,
    'patternProperties': {'^[a-zA-Z0-9-_:.]{1,255}$': {
        'type': ['string', 'null'], 'maxLength': 255}}}
