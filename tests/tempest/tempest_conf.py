"""tempest.conf for a cloud of Keystone and cinderlite only (no Nova, Glance, Neutron, Swift).

Every value about the volume service comes from the running service
(:class:`Discovered`), and the feature flags say what cinderlite and the
configured backends really provide: a flag set true for a feature that is not
there fails tests, a flag set false for one that is hides them.
"""

import configparser
import dataclasses

from tests.functional import keystone_fixture

# Revert to snapshot (POST /volumes/{id}/action {"revert"}) came with 3.40.
REVERT_MICROVERSION = (3, 40)


@dataclasses.dataclass
class Discovered:
    """What the running cinderlite said about itself."""

    min_microversion: str
    max_microversion: str
    pools: list          # each pool's capabilities
    backend_names: list  # the enabled_backends it runs


def _version(text):
    major, minor = text.split('.')
    return int(major), int(minor)


def feature_flags(found):
    """``[volume-feature-enabled]`` as cinderlite and its backends provide them."""
    return {
        # Every cinderlite driver snapshots and clones (driver.VolumeDriver).
        'snapshot': True,
        'clone': True,
        'multi_backend': len(found.backend_names) > 1,
        # No backup service, no replication, no manage/unmanage routes.
        'backup': False,
        'replication': False,
        'manage_volume': False,
        'manage_snapshot': False,
        # An attached volume needs Nova, which this cloud has not.
        'extend_attached_volume': False,
        'extend_attached_encrypted_volume': False,
        # The drivers extend a volume that has snapshots (they copy, not link).
        'extend_volume_with_snapshot': True,
        # cinder-tempest-plugin's flags.
        'consistency_group': True,
        'volume_revert': _version(found.max_microversion) >= REVERT_MICROVERSION,
        'concurrency_tests': True,
        # Its dependency tests make volumes from images: Glance is not here.
        'volume_image_dep_tests': False,
        'enable_volume_image_dep_tests': False,
    }


def make_conf(found, keystone, workdir):
    """A ConfigParser holding tempest.conf for ``keystone`` and the ``found`` service."""
    admin = keystone.identities['admin']
    pool = found.pools[0]
    sections = {
        'DEFAULT': {'debug': True, 'log_dir': workdir, 'log_file': 'tempest.log'},
        'auth': {
            'admin_username': admin.name,
            'admin_password': admin.password,
            'admin_project_name': admin.project_name,
            'admin_domain_name': 'Default',
            'default_credentials_domain_name': 'Default',
            'use_dynamic_credentials': True,
            'create_isolated_networks': False,
        },
        'identity': {'uri_v3': keystone.url, 'auth_version': 'v3',
                     'region': keystone_fixture.REGION},
        'enforce_scope': {'cinder': True},
        'service_available': {'cinder': True, 'nova': False, 'glance': False,
                              'neutron': False, 'swift': False, 'barbican': False},
        'volume': {
            'catalog_type': 'volumev3',
            'region': keystone_fixture.REGION,
            'volume_size': 1,
            'volume_size_extend': 1,
            'build_interval': 1,
            'build_timeout': 120,
            'min_microversion': found.min_microversion,
            'max_microversion': found.max_microversion,
            'storage_protocol': pool['storage_protocol'],
            'vendor_name': pool['vendor_name'],
            'backend_names': ','.join(found.backend_names),
        },
        'volume-feature-enabled': feature_flags(found),
    }
    conf = configparser.ConfigParser(interpolation=None)
    for section, options in sections.items():
        if section != 'DEFAULT':
            conf.add_section(section)
        for key, value in options.items():
            conf.set(section, key, str(value))
    return conf

