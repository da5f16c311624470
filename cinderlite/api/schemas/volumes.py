"""Schemas of volume request bodies."""

import copy

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
    'imageRef': schemas.OPTIONAL_ID, 'image_id': schemas.OPTIONAL_ID,
    'backup_id': schemas.OPTIONAL_ID,
})

#: 3.53: a key Cinder does not know inside ``volume`` is a 400 (and beside it,
#: as at every version in Cinder).
CREATE_V353 = copy.deepcopy(CREATE)
CREATE_V353['properties']['volume']['additionalProperties'] = False
CREATE_V353['properties']['OS-SCH-HNT:scheduler_hints'] = {'type': ['object', 'null']}
CREATE_V353['additionalProperties'] = False

UPDATE = schemas.envelope('volume', {
    'name': schemas.NAME, 'description': schemas.DESCRIPTION,
    'display_name': schemas.NAME, 'display_description': schemas.DESCRIPTION,
    'metadata': schemas.METADATA,
})

#: 3.53: at least one of the keys, and no other.
UPDATE_V353 = copy.deepcopy(UPDATE)
UPDATE_V353['properties']['volume']['additionalProperties'] = False
UPDATE_V353['properties']['volume']['anyOf'] = [
    {'required': [key]} for key in ('name', 'description', 'display_name',
                                    'display_description', 'metadata')]
UPDATE_V353['additionalProperties'] = False
