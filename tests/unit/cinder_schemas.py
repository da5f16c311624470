"""Cinder's response bodies as Tempest 47.0.0 checks them, for the microversions we serve.

Our own copy of the facts in ``tempest/lib/api_schema/response/volume/``
(Tempest is not installed in cinderlite's environment): the fields each
answer may have (``additionalProperties: False``), those it must have, and
their types. Create answers are narrower than show: no ``os-vol-*`` on a
volume, no ``os-extended-snapshot-attributes:*`` on a snapshot. :func:`check`
validates as Tempest does (Draft 4, ISO 8601 timestamps) and also checks the
``uuid`` and ``uri`` formats, which Tempest's checker lets pass.
"""

import datetime
import uuid

import jsonschema

UUID = {'type': 'string', 'format': 'uuid'}
UUID_OR_NULL = {'anyOf': [UUID, {'type': 'null'}]}
STRING_OR_NULL = {'type': ['string', 'null']}
DATE_TIME = {'type': 'string', 'format': 'iso8601-date-time'}
DATE_TIME_OR_NULL = {'type': ['string', 'null'], 'format': 'iso8601-date-time'}
LINKS = {'type': 'array', 'items': {
    'type': 'object', 'properties': {'href': {'type': 'string', 'format': 'uri'},
                                     'rel': {'type': 'string'}},
    'additionalProperties': False, 'required': ['href', 'rel']}}
STRING_MAP = {'type': 'object', 'patternProperties': {'^.+$': {'type': 'string'}}}


def strict(properties, required):
    return {'type': 'object', 'properties': properties, 'additionalProperties': False,
            'required': list(required)}


def envelope(key, inner):
    return strict({key: inner}, [key])


def listing(key, item, links_key=None):
    properties = {key: {'type': 'array', 'items': item}}
    if links_key:
        properties[links_key] = LINKS
    return strict(properties, [key])


# -- volumes (volumes.py; up to 3.60) ---------------------------------------------------

_VOLUME_BASE = {
    'migration_status': STRING_OR_NULL,
    'attachments': {'type': 'array'},
    'links': LINKS,
    'availability_zone': STRING_OR_NULL,
    'encrypted': {'type': 'boolean'},
    'updated_at': DATE_TIME_OR_NULL,
    'replication_status': STRING_OR_NULL,
    'snapshot_id': UUID_OR_NULL,
    'id': UUID,
    'size': {'type': 'integer'},
    'user_id': UUID,
    'metadata': {'type': 'object'},
    'status': {'type': 'string'},
    'description': STRING_OR_NULL,
    'multiattach': {'type': 'boolean'},
    'source_volid': UUID_OR_NULL,
    'consistencygroup_id': UUID_OR_NULL,
    'name': STRING_OR_NULL,
    'bootable': {'type': 'string'},
    'created_at': DATE_TIME,
    'volume_type': STRING_OR_NULL,
    'group_id': UUID_OR_NULL,
    'provider_id': UUID_OR_NULL,
    'service_uuid': UUID_OR_NULL,
    'shared_targets': {'type': 'boolean'},
}
_VOLUME_REQUIRED = ['attachments', 'links', 'encrypted', 'updated_at', 'replication_status',
                    'id', 'size', 'user_id', 'availability_zone', 'metadata', 'status',
                    'description', 'multiattach', 'consistencygroup_id', 'name', 'bootable',
                    'created_at', 'volume_type', 'snapshot_id', 'source_volid']
VOLUME_SHOW = strict(dict(_VOLUME_BASE, **{
    'os-vol-host-attr:host': {'type': ['string', 'null'], 'pattern': '.+@.+#.+'},
    'os-vol-tenant-attr:tenant_id': UUID,
    'os-vol-mig-status-attr:migstat': STRING_OR_NULL,
    'os-vol-mig-status-attr:name_id': UUID_OR_NULL,
    'volume_image_metadata': {'type': ['object', 'null']},
}), _VOLUME_REQUIRED)
#: create (202) and update (200): no os-vol-* attributes.
VOLUME_CREATE = strict(_VOLUME_BASE, _VOLUME_REQUIRED)
VOLUME_SUMMARY = strict({'links': LINKS, 'id': UUID, 'name': STRING_OR_NULL},
                        ['links', 'id', 'name'])

# -- snapshots (snapshots.py) -------------------------------------------------------------

SNAPSHOT = strict({
    'status': {'type': 'string'}, 'description': STRING_OR_NULL, 'created_at': DATE_TIME,
    'name': STRING_OR_NULL, 'volume_id': UUID, 'metadata': STRING_MAP, 'id': UUID,
    'size': {'type': 'integer'}, 'updated_at': DATE_TIME_OR_NULL,
}, ['status', 'description', 'created_at', 'metadata', 'name', 'volume_id', 'id', 'size',
    'updated_at'])
#: show and the detail list add the extended attributes; create, update and
#: the summary list have none.
SNAPSHOT_DETAIL = strict(dict(SNAPSHOT['properties'], **{
    'os-extended-snapshot-attributes:progress': {'type': 'string'},
    'os-extended-snapshot-attributes:project_id': UUID,
}), SNAPSHOT['required'] + ['os-extended-snapshot-attributes:progress',
                            'os-extended-snapshot-attributes:project_id'])

# -- volume types (volume_types.py) -----------------------------------------------------

_TYPE = {'extra_specs': STRING_MAP, 'name': {'type': 'string'},
         'is_public': {'type': 'boolean'}, 'description': STRING_OR_NULL, 'id': UUID}
TYPE_SHOW = strict(dict(_TYPE, **{'os-volume-type-access:is_public': {'type': 'boolean'},
                                  'qos_specs_id': UUID_OR_NULL}),
                   ['name', 'is_public', 'description', 'id'])
TYPE_CREATE = strict(dict(_TYPE, **{'os-volume-type-access:is_public': {'type': 'boolean'}}),
                     ['name', 'is_public', 'id', 'description',
                      'os-volume-type-access:is_public'])
#: update: no os-volume-type-access:is_public.
TYPE_UPDATE = strict(_TYPE, ['name', 'is_public', 'id', 'description'])

# -- quota sets (quotas.py) ---------------------------------------------------------------

QUOTA_KEYS = ['volumes', 'snapshots', 'backups', 'groups', 'per_volume_gigabytes',
              'gigabytes', 'backup_gigabytes']
_USAGE = strict({'reserved': {'type': 'integer'}, 'allocated': {'type': 'integer'},
                 'limit': {'type': 'integer'}, 'in_use': {'type': 'integer'}},
                ['reserved', 'limit', 'in_use'])


def _quota_set(value, with_id=True):
    properties = dict({k: value for k in QUOTA_KEYS}, id=UUID)
    required = QUOTA_KEYS + (['id'] if with_id else [])
    # Per-type keys (volumes_<type>, ...) are the additional properties.
    return {'type': 'object', 'properties': properties, 'additionalProperties': value,
            'required': required}


QUOTA_SET = envelope('quota_set', _quota_set({'type': 'integer'}))
QUOTA_SET_UPDATE = envelope('quota_set', _quota_set({'type': 'integer'}, with_id=False))
QUOTA_SET_USAGE = envelope('quota_set', _quota_set(_USAGE))

# -- user messages (messages.py, 3.3) ---------------------------------------------------

MESSAGE = strict({
    'request_id': {'type': 'string'}, 'message_level': {'type': 'string'}, 'links': LINKS,
    'event_id': {'type': 'string'}, 'created_at': DATE_TIME, 'guaranteed_until': DATE_TIME,
    'resource_uuid': UUID, 'id': UUID, 'resource_type': {'type': 'string'},
    'user_message': {'type': 'string'},
}, ['request_id', 'message_level', 'event_id', 'created_at', 'id', 'user_message'])


# -- validation as Tempest does it ------------------------------------------------------

FORMATS = jsonschema.FormatChecker()


@FORMATS.checks('uuid', raises=ValueError)
def _is_uuid(value):
    if isinstance(value, str):
        uuid.UUID(value)
    return True


# A format applies to strings only: null passes where the type allows it.
@FORMATS.checks('iso8601-date-time', raises=ValueError)
def _is_date_time(value):
    if isinstance(value, str):
        datetime.datetime.fromisoformat(value)
    return True


@FORMATS.checks('uri')
def _is_uri(value):
    return not isinstance(value, str) or value.startswith(('http://', 'https://'))


def check(schema, body):
    """Raise jsonschema's ValidationError unless ``body`` is what ``schema`` allows."""
    jsonschema.Draft4Validator(schema, format_checker=FORMATS).validate(body)
