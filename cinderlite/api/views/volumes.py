"""Volume views: the 3.0 field set of API.md section 10, as Cinder answers each call.

Cinder builds a volume in two layers, and its answers differ by call:
create (202) and update (PUT) answer the base view; show and the detail
list add the attributes of its extensions: the owner's project for
everyone, host and migration state for admins. Strict clients (tempest)
refuse a field where Cinder has none.
"""

from cinderlite.api import microversion
from cinderlite.api import views


def summary(req, volume):
    return {'id': volume.id, 'name': volume.name,
            'links': views.links(req, 'volumes', volume.id, volume.project_id)}


def base(req, context, volume, type_names, metadata, encrypted, in_cg):
    """The answer of create and update: no ``os-vol-*`` attributes.

    ``in_cg``: the volume's group is a consistency group (``consistencygroup_id``).
    """
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
        'consistencygroup_id': volume.group_id if in_cg else None, 'multiattach': False,
        'attachments': [],
        'links': views.links(req, 'volumes', volume.id, volume.project_id),
    }
    if microversion.at_least(req, 3, 13):
        body['group_id'] = volume.group_id
    if microversion.at_least(req, 3, 21) and context.is_admin:
        # Cinder's driver-given backend id: cinderlite's drivers give none.
        body['provider_id'] = None
    if context.is_admin:
        body['migration_status'] = None
    return body


def detail(req, context, volume, type_names, metadata, encrypted, in_cg):
    """The answer of show and of the detail list: the base view and the extensions'."""
    body = base(req, context, volume, type_names, metadata, encrypted, in_cg)
    body['os-vol-tenant-attr:tenant_id'] = volume.project_id
    if context.is_admin:
        body.update({'os-vol-host-attr:host': volume.host,
                     'os-vol-mig-status-attr:migstat': None,
                     'os-vol-mig-status-attr:name_id': None})
    return body
