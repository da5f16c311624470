"""Schemas of snapshot request bodies."""

from cinderlite.api import schemas

# A null volume_id names no volume: Cinder answers 404 "Volume None could not be
# found." (an empty one is still a 400).
CREATE = schemas.envelope('snapshot', {
    'volume_id': schemas.REFERENCE_ID, 'name': schemas.NAME,
    'description': schemas.DESCRIPTION, 'display_name': schemas.NAME,
    'display_description': schemas.DESCRIPTION, 'force': schemas.BOOLEAN,
    'metadata': schemas.METADATA,
}, required=['volume_id'])

UPDATE = schemas.envelope('snapshot', {
    'name': schemas.NAME, 'description': schemas.DESCRIPTION,
    'display_name': schemas.NAME, 'display_description': schemas.DESCRIPTION,
})
