"""Schemas of consistency group request bodies."""

from cinderlite.api import schemas

CREATE = schemas.envelope('consistencygroup', {
    'name': schemas.NAME, 'description': schemas.DESCRIPTION,
    'volume_types': {'type': ['string', 'null'], 'maxLength': 4096},
    'availability_zone': schemas.OPTIONAL_ID,
})

UPDATE = schemas.envelope('consistencygroup', {
    'name': schemas.NAME, 'description': schemas.DESCRIPTION,
    'add_volumes': {'type': ['string', 'null']},
    'remove_volumes': {'type': ['string', 'null']},
})

DELETE = {'type': ['object', 'null'], 'properties': {'consistencygroup': {
    'type': ['object', 'null'], 'properties': {'force': schemas.BOOLEAN}}}}

CREATE_FROM_SRC = schemas.envelope('consistencygroup-from-src', {
    'name': schemas.NAME, 'description': schemas.DESCRIPTION,
    'cgsnapshot_id': schemas.OPTIONAL_ID, 'source_cgid': schemas.OPTIONAL_ID,
    'consistencygroup_id': schemas.OPTIONAL_ID,
})
