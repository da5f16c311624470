"""The operator and discovery views against Cinder's schemas (tests/unit/cinder_schemas.py).

Fed plain values (no database): services up and down, enabled and disabled,
with and without a reason; hosts with and without usage; reports with and
without optional keys.
"""

import datetime

import pytest

from cinderlite.api.views import availability_zones as zone_view
from cinderlite.api.views import capabilities as capability_view
from cinderlite.api.views import extensions as extension_view
from cinderlite.api.views import hosts as host_view
from cinderlite.api.views import limits as limit_view
from cinderlite.api.views import quota_class_sets as quota_class_view
from cinderlite.api.views import scheduler_stats as pool_view
from cinderlite.api.views import services as service_view
from cinderlite.services import services
from tests.unit import cinder_schemas as schemas

NOW = datetime.datetime(2026, 11, 29, 23, 0, 0, 123456)

STATES = [
    services.ServiceState(binary='cinder-scheduler', host='node', zone='nova',
                          disabled=False, disabled_reason=None, up=True, updated_at=NOW),
    services.ServiceState(binary='cinder-volume', host='node@file', zone='nova',
                          disabled=True, disabled_reason='maintenance', up=False,
                          updated_at=NOW),
]
LIMITS = {'volumes': 10, 'snapshots': 10, 'gigabytes': 1000, 'groups': 10, 'backups': 10,
          'backup_gigabytes': 1000, 'per_volume_gigabytes': -1, 'volumes_fast': -1}


def test_services_list():
    schemas.check(schemas.SERVICES, service_view.index(STATES))
    schemas.check(schemas.SERVICES, service_view.index([]))


@pytest.mark.parametrize('state', STATES)
def test_service_actions(state):
    schemas.check(schemas.SERVICE_ENABLE,
                  service_view.action('node', '', 'cinder-volume', state, True))
    schemas.check(schemas.SERVICE_DISABLE,
                  service_view.action('node', 'cinder-volume', '', state, False))
    schemas.check(schemas.SERVICE_DISABLE_LOG_REASON,
                  service_view.action('node', '', 'cinder-volume', state, True))


def test_hosts():
    schemas.check(schemas.HOSTS, host_view.index(STATES))
    usage = {'p1': {'volume_count': 2, 'volume_gb': 3, 'snapshot_count': 1,
                    'snapshot_gb': 1}}
    schemas.check(schemas.HOST, host_view.show('node@file', usage))
    schemas.check(schemas.HOST, host_view.show('node@file', {}))


@pytest.mark.parametrize('available', [True, False])
def test_availability_zones(available):
    schemas.check(schemas.AVAILABILITY_ZONES,
                  zone_view.index([{'name': 'nova', 'available': available}]))


def test_extensions():
    schemas.check(schemas.EXTENSIONS, extension_view.index())


def test_limits_with_and_without_usage():
    schemas.check(schemas.LIMITS, limit_view.index(LIMITS, {'volumes': 1, 'gigabytes': 2}))
    body = limit_view.index(LIMITS, None)
    assert 'totalVolumesUsed' not in body['limits']['absolute']
    with pytest.raises(schemas.jsonschema.ValidationError):
        schemas.check(schemas.LIMITS, body)


REPORT = {'volume_backend_name': 'file', 'vendor_name': 'cinderlite', 'driver_version': '1.0',
          'storage_protocol': 'file', 'total_capacity_gb': 10.5, 'free_capacity_gb': 3}


@pytest.mark.parametrize('detail', [True, False])
def test_pools(detail):
    pools = [{'name': 'node@file#file', 'capabilities': REPORT}]
    schemas.check(schemas.POOLS_DETAIL if detail else schemas.POOLS,
                  pool_view.pools(pools, detail))


@pytest.mark.parametrize('extra', [{}, {'pool_name': 'file', 'properties': {
    'thin_provisioning': {'title': 'Thin', 'description': 'Thin.', 'type': 'boolean'}}}])
def test_capabilities(extra):
    schemas.check(schemas.CAPABILITIES,
                  capability_view.show('node@file', dict(REPORT, **extra)))


def test_quota_class_sets():
    schemas.check(schemas.QUOTA_CLASS_SET, quota_class_view.show('default', LIMITS))
    schemas.check(schemas.QUOTA_CLASS_SET_UPDATE, quota_class_view.update(LIMITS))
    with pytest.raises(schemas.jsonschema.ValidationError):
        schemas.check(schemas.QUOTA_CLASS_SET_UPDATE, quota_class_view.show('default', LIMITS))
