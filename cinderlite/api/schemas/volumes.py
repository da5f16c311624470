"""Schemas of volume request bodies."""

from cinderlite.api import schemas

SIZE = {'type': ['integer', 'string', 'null'], 'pattern': '^[0-9]{1,9}$', 'minimum': 0,
        'maximum': schemas.MAX_INT}

CREATE = schemas.envelope('volume', {
    'size': SIZE, 'name': schemas.NAME, 'description': schemas.DESCRIPTION,
    'display_name': schemas.NAME, 'display_description': schemas.DESCRIPTION,
    'volume_type': schemas.OPTIONAL_ID, 'snapshot_id': schemas.REFERENCE_ID,
    'source_volid': schemas.REFERENCE_ID, 'consistencygroup_id': schemas.REFERENCE_ID,
    'availability_zone': schemas.OPTIONAL_ID, 'metadata': schemas.METADATA,
    'multiattach': schemas.BOOLEAN, 'group_id': schemas.OPTIONAL_ID,
})

UPDATE = schemas.envelope('volume', {
    'name': schemas.NAME, 'description': schemas.DESCRIPTION,
    'display_name': schemas.NAME, 'display_description': schemas.DESCRIPTION,
    'metadata': schemas.METADATA,
})
