"""Backups: answered as Cinder answers when no cinder-backup service runs.

cinderlite has no backup service and keeps no backups. Lists are empty, a
backup id is unknown (404), and what would need a backup service (create,
import) is Cinder's 503 ``Service cinder-backup could not be found.`` after
Cinder's checks of the body (by microversion: 3.43 ``metadata``, 3.51
``availability_zone``) and of the volume. Nothing is written.
"""

from cinderlite import exception
from cinderlite.api import handlers
from cinderlite.api import microversion
from cinderlite.api import wsgi
from cinderlite.api.schemas import backups as schema
from cinderlite.policies import backups as policies

_BACKUP_SERVICE = 'cinder-backup'
#: Cinder's states a volume may be backed up from.
_BACKUP_STATUSES = ('available', 'in-use')


def _list(req):
    wsgi.context_of(req).can(policies.GET_ALL)
    body = {'backups': []}
    if microversion.at_least(req, 3, 45) and wsgi.bool_param(
            req.GET.get('with_count', False)):
        body['count'] = 0
    return wsgi.json_response(body)


def index(req):
    """GET /backups: 200, empty."""
    return _list(req)


def detail(req):
    """GET /backups/detail: 200, empty."""
    return _list(req)


def _unknown(backup_id):
    raise exception.BackupNotFound(backup_id=backup_id)


def show(req, backup_id):
    """GET /backups/{id}: 404."""
    _unknown(backup_id)


@handlers.api_version(3, 9)
def update(req, backup_id):
    """PUT /backups/{id} (3.9; 3.43 ``metadata``): 400 a bad body, else 404."""
    wsgi.json_body(req, schema.UPDATE_V343 if microversion.at_least(req, 3, 43)
                   else schema.UPDATE)
    _unknown(backup_id)


def delete(req, backup_id):
    """DELETE /backups/{id}: 404."""
    _unknown(backup_id)


def restore(req, backup_id):
    """POST /backups/{id}/restore: 400 a bad body, else 404."""
    wsgi.json_body(req, schema.RESTORE)
    _unknown(backup_id)


def export_record(req, backup_id):
    """GET /backups/{id}/export_record (admin): 403, else 404."""
    wsgi.context_of(req).can(policies.EXPORT)
    _unknown(backup_id)


def action(req, backup_id):
    """POST /backups/{id}/action (``os-reset_status``, ``os-force_delete``): 404."""
    _unknown(backup_id)


def import_record(req):
    """POST /backups/import_record (admin): 400 a bad body; 403; 503 no backup service."""
    body = wsgi.json_body(req, schema.IMPORT_RECORD)['backup-record']
    wsgi.context_of(req).can(policies.IMPORT)
    raise exception.BackupServiceNotFound(service_id=body['backup_service'])


def create(req):
    """POST /backups: 400 a bad body or volume status; 404 the volume; 503.

    Cinder checks the body for the request's microversion, the policy, the
    volume (and snapshot), then finds no backup service.
    """
    if microversion.at_least(req, 3, 51):
        body_schema = schema.CREATE_V351
    elif microversion.at_least(req, 3, 43):
        body_schema = schema.CREATE_V343
    else:
        body_schema = schema.CREATE
    body = wsgi.json_body(req, body_schema)['backup']
    context = wsgi.context_of(req)
    context.can(policies.CREATE)
    services = wsgi.services_of(req)
    volume = services.volumes.get(context, body['volume_id'])
    if body.get('snapshot_id'):
        services.snapshots.get(context, body['snapshot_id'])
    if volume.status not in _BACKUP_STATUSES:
        raise exception.InvalidVolume(
            reason='Volume to be backed up must be available or in-use, but the current '
                   'status is "%s".' % volume.status)
    raise exception.BackupServiceNotFound(service_id=_BACKUP_SERVICE)
