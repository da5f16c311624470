"""Schemas of snapshot request bodies."""

from cinderlite.api import schemas

CREATE = schemas.envelope('snapshot', {
    'volume_id': schemas.REQUIRED_ID, 'name': schemas.NAME,
    'description': schemas.DESCRIPTION, 'display_name': schemas.NAME,
    'display_description': schemas.DESCRIPTION, 'force': schemas.BOOLEAN,
    'metadata': schemas.METADATA,
}, required=['volume_id'])

UPDATE = schemas.envelope('snapshot', {
    'name': schemas.NAME, 'description': schemas.DESCRIPTION,
    'display_name': schemas.NAME, 'display_description': schemas.DESCRIPTION,
})
