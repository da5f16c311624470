"""Volume views: the 3.0 field set of API.md section 10, as Cinder answers each call.

Cinder builds a volume in two layers, and its answers differ by call:
create (202) and update (PUT) answer the base view; show and the detail
list add the attributes of its extensions: the owner's project for
everyone, host and migration state for admins. Strict clients (tempest)
refuse a field where Cinder has none.
"""

import uuid

from cinderlite.api import microversion
from cinderlite.api import views
from cinderlite.api.views import attachments as attachment_views

# service_uuid (3.48) names the volume service that holds the volume: a
# stable uuid of its ``host@backend``, as nothing else in a service row is one.
_SERVICE_NAMESPACE = uuid.UUID('5b5a3c7e-2f0b-4d0e-9a7b-8f7c1d1e6a3f')


def service_uuid(host):
    """The uuid of the volume service ``host@backend`` of a volume's ``host`` (or None)."""
    if not host:
        return None
    return str(uuid.uuid5(_SERVICE_NAMESPACE, host.partition('#')[0]))


def summary(req, volume):
    return {'id': volume.id, 'name': volume.name,
            'links': views.links(req, 'volumes', volume.id, volume.project_id)}


_SHAPE = 'cinderlite.volume_view_shape'


def _shape(req, context):
    """Which microversion and admin fields a volume view has: the same for a whole request.

    Worked out once per request and kept in its environ (a detail page
    renders a hundred views): ``{name: shown}`` for ``group_id`` (3.13),
    ``provider_id`` (3.21, admins), ``later`` (3.48), ``cluster_name``
    (3.61, admins), ``volume_type_id`` (3.63), ``consumes_quota`` (3.65)
    and ``admin``.
    """
    shape = req.environ.get(_SHAPE)
    if shape is None:
        admin = context.is_admin
        shape = {'group_id': microversion.at_least(req, 3, 13),
                 'provider_id': microversion.at_least(req, 3, 21) and admin,
                 'later': microversion.at_least(req, 3, 48),
                 'cluster_name': microversion.at_least(req, 3, 61) and admin,
                 'volume_type_id': microversion.at_least(req, 3, 63),
                 'consumes_quota': microversion.at_least(req, 3, 65),
                 'admin': admin}
        req.environ[_SHAPE] = shape
    return shape


def base(req, context, volume, type_names, metadata, encrypted, in_cg, attachments=()):
    """The answer of create and update: no ``os-vol-*`` attributes.

    ``in_cg``: the volume's group is a consistency group (``consistencygroup_id``).
    ``attachments``: its attached attachments (Cinder lists no other).
    """
    shape = _shape(req, context)
    body = {
        'id': volume.id, 'status': volume.status, 'size': volume.size,
        'availability_zone': volume.availability_zone,
        'created_at': views.iso(volume.created_at),
        'updated_at': views.iso(volume.updated_at),
        'name': volume.name, 'description': volume.description,
        'volume_type': type_names.get(volume.volume_type_id),
        'snapshot_id': volume.snapshot_id, 'source_volid': volume.source_volid,
        'metadata': metadata, 'user_id': volume.user_id,
        'bootable': 'true' if volume.bootable else 'false',
        'encrypted': encrypted, 'replication_status': None,
        'consistencygroup_id': volume.group_id if in_cg else None,
        'multiattach': bool(volume.multiattach),
        'attachments': [attachment_views.of_volume(context, a) for a in attachments],
        'links': views.links(req, 'volumes', volume.id, volume.project_id),
    }
    if shape['group_id']:
        body['group_id'] = volume.group_id
    if shape['provider_id']:
        # Cinder's driver-given backend id: cinderlite's drivers give none.
        body['provider_id'] = None
    if shape['later']:
        _add_later_fields(shape, volume, body)
    if shape['admin']:
        body['migration_status'] = volume.migration_status
    return body


def _add_later_fields(shape, volume, body):
    """The fields of 3.48 to 3.69, from 3.48 on (Cinder's ``v3/views/volumes.py`` ``detail``).

    ``shared_targets``: Cinder's default (true) until a backend created the
    volume; then whether the backend shares iSCSI targets, which neither the
    file nor the RBD driver does. ``encryption_key_id`` (3.64) is left out,
    as Cinder leaves out an unset key: cinderlite keeps no keys.
    ``consumes_quota`` (3.65): every cinderlite volume is charged to quota
    (there are no temporary migration volumes).
    """
    body['shared_targets'] = volume.host is None
    body['service_uuid'] = service_uuid(volume.host)
    if shape['cluster_name']:
        body['cluster_name'] = None
    if shape['volume_type_id']:
        body['volume_type_id'] = volume.volume_type_id
    if shape['consumes_quota']:
        body['consumes_quota'] = True


def detail(req, context, volume, type_names, metadata, encrypted, in_cg, attachments=()):
    """The answer of show and of the detail list: the base view and the extensions'."""
    body = base(req, context, volume, type_names, metadata, encrypted, in_cg, attachments)
    body['os-vol-tenant-attr:tenant_id'] = volume.project_id
    if context.is_admin:
        body.update({'os-vol-host-attr:host': volume.host,
                     'os-vol-mig-status-attr:migstat': volume.migration_status,
                     'os-vol-mig-status-attr:name_id': None})
    return body
