"""Volume views: the 3.0 field set of API.md section 10, admin fields for admins."""

from cinderlite.api import views


def summary(req, volume):
    return {'id': volume.id, 'name': volume.name,
            'links': views.links(req, 'volumes', volume.id, volume.project_id)}


def detail(req, context, volume, type_names, metadata):
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
        'encrypted': False, 'replication_status': None,
        'consistencygroup_id': volume.consistencygroup_id, 'multiattach': False,
        'attachments': [],
        'links': views.links(req, 'volumes', volume.id, volume.project_id),
        'os-vol-tenant-attr:tenant_id': volume.project_id,
    }
    if context.is_admin:
        body.update({'os-vol-host-attr:host': volume.host, 'migration_status': None,
                     'os-vol-mig-status-attr:migstat': None,
                     'os-vol-mig-status-attr:name_id': None})
    return body
