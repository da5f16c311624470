"""Strict shapes of the admin and discovery answers, as tempest 47 validates them.

Our own statement of the facts in tempest's
``tempest/lib/api_schema/response/volume/`` (services, hosts, limits,
extensions, scheduler_stats, capabilities, quota_classes): every listed key
of an object and nothing else, unless noted. ``check`` validates with
tempest's date-time rule (oslo.utils' ISO 8601 parser).
"""

import jsonschema
from oslo_utils import timeutils

_CHECKER = jsonschema.FormatChecker()


@_CHECKER.checks('iso8601-date-time')
def _is_iso8601(value):
    if value is None:
        return True
    try:
        timeutils.parse_isotime(value)
    except ValueError:
        return False
    return True


STRING = {'type': 'string'}
NULLABLE_STRING = {'type': ['string', 'null']}
DATE_TIME = {'type': 'string', 'format': 'iso8601-date-time'}
DATE_TIME_OR_NULL = {'type': ['string', 'null'], 'format': 'iso8601-date-time'}
INTEGER = {'type': 'integer'}


def strict(properties, required=None):
    """An object with exactly these keys (all required unless ``required`` names some)."""
    return {'type': 'object', 'properties': properties, 'additionalProperties': False,
            'required': sorted(properties) if required is None else required}


def listing(key, item):
    return strict({key: {'type': 'array', 'items': item}})


SERVICES = listing('services', strict({
    'binary': STRING, 'host': STRING, 'zone': STRING, 'updated_at': DATE_TIME,
    'disabled_reason': NULLABLE_STRING,
    'state': {'enum': ['up', 'down']}, 'status': {'enum': ['enabled', 'disabled']},
    'frozen': {'type': 'boolean'}, 'replication_status': STRING,
    'active_backend_id': NULLABLE_STRING, 'backend_state': STRING,
}, required=['binary', 'disabled_reason', 'host', 'state', 'status', 'updated_at',
             'zone']))
_ACTION = {'disabled': {'type': 'boolean'}, 'status': {'enum': ['enabled', 'disabled']},
           'host': STRING, 'service': STRING, 'binary': STRING}
ENABLE_SERVICE = strict(dict(_ACTION, disabled_reason=NULLABLE_STRING))
DISABLE_SERVICE = strict(_ACTION)
DISABLE_LOG_REASON = ENABLE_SERVICE

HOSTS = listing('hosts', strict({
    'host_name': STRING, 'service': STRING, 'zone': STRING,
    'service-status': {'enum': ['available', 'unavailable']},
    'service-state': {'enum': ['enabled', 'disabled']},
    'last-update': DATE_TIME_OR_NULL}))
HOST = strict({'host': {'type': 'array', 'items': strict({'resource': strict({
    key: STRING for key in ('volume_count', 'total_volume_gb', 'total_snapshot_gb',
                            'project', 'host', 'snapshot_count')})})}})

AVAILABILITY_ZONES = listing('availabilityZoneInfo', strict({
    'zoneName': STRING, 'zoneState': strict({'available': {'type': 'boolean'}})}))

EXTENSIONS = listing('extensions', strict({
    'updated': DATE_TIME, 'description': STRING, 'links': {'type': 'array'},
    'namespace': STRING, 'alias': STRING, 'name': STRING,
}, required=['updated', 'links', 'alias', 'name', 'description']))

_ABSOLUTE = ('totalSnapshotsUsed', 'maxTotalBackups', 'maxTotalVolumeGigabytes',
             'maxTotalSnapshots', 'maxTotalBackupGigabytes', 'totalBackupGigabytesUsed',
             'maxTotalVolumes', 'totalVolumesUsed', 'totalBackupsUsed',
             'totalGigabytesUsed')
LIMITS = strict({'limits': strict({
    'rate': {'type': 'array'},
    'absolute': strict({key: INTEGER for key in _ABSOLUTE})})})

POOLS = listing('pools', strict({'name': STRING}))
POOLS_DETAIL = listing('pools', strict({
    'name': STRING,
    # Open: a backend reports what it has; these keys have these types when present.
    'capabilities': {'type': ['object', 'null'], 'properties': {
        'updated': DATE_TIME_OR_NULL, 'QoS_support': {'type': 'boolean'},
        'total_capacity_gb': {'type': ['number', 'string']},
        'free_capacity_gb': {'type': ['number', 'string']},
        'volume_backend_name': STRING, 'driver_version': STRING,
        'reserved_percentage': INTEGER, 'storage_protocol': STRING,
        'vendor_name': STRING, 'timestamp': DATE_TIME_OR_NULL}}}))

CAPABILITIES = strict({
    'pool_name': NULLABLE_STRING, 'description': NULLABLE_STRING,
    'volume_backend_name': STRING,
    'namespace': {'type': 'string', 'pattern': '^OS::Storage::Capabilities::.+$'},
    'visibility': NULLABLE_STRING, 'driver_version': STRING, 'vendor_name': STRING,
    'properties': {'type': 'object'}, 'storage_protocol': STRING,
    'replication_targets': {'type': 'array'}, 'display_name': NULLABLE_STRING})

_QUOTA_CLASS_KEYS = ('volumes', 'snapshots', 'backups', 'groups', 'per_volume_gigabytes',
                     'gigabytes', 'backup_gigabytes')
_QUOTA_CLASS_REQUIRED = ['volumes', 'snapshots', 'backups', 'per_volume_gigabytes',
                         'gigabytes', 'backup_gigabytes']


def _quota_class_set(with_id):
    properties = {key: INTEGER for key in _QUOTA_CLASS_KEYS}
    if with_id:
        properties['id'] = STRING
    return {'type': 'object', 'required': ['quota_class_set'], 'properties': {
        'quota_class_set': {
            'type': 'object', 'properties': properties,
            # Per-type limits (volumes_<type>, ...) are integers too.
            'additionalProperties': INTEGER,
            'required': _QUOTA_CLASS_REQUIRED + (['id'] if with_id else [])}}}


QUOTA_CLASS_SET = _quota_class_set(with_id=True)
QUOTA_CLASS_SET_UPDATE = _quota_class_set(with_id=False)


def check(body, schema):
    """Fail with jsonschema's words when ``body`` does not have the shape."""
    jsonschema.Draft4Validator(schema, format_checker=_CHECKER).validate(body)
