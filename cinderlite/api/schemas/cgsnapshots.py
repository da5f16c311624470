"""Schema of the cgsnapshot create body."""

from cinderlite.api import schemas

CREATE = schemas.envelope('cgsnapshot', {
    'consistencygroup_id': schemas.REQUIRED_ID, 'name': schemas.NAME,
    'description': schemas.DESCRIPTION,
}, required=['consistencygroup_id'])
