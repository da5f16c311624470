"""Policies of backups (Cinder's backup:* names). cinderlite keeps no backups."""

from cinderlite.policies import base

GET_ALL = 'backup:get_all'
GET = 'backup:get'
CREATE = 'backup:create'
UPDATE = 'backup:update'
DELETE = 'backup:delete'
RESTORE = 'backup:restore'
IMPORT = 'backup:backup-import'
EXPORT = 'backup:export-import'

_BACKUP = '/backups/{backup_id}'

RULES = [
    base.rule(GET_ALL, base.ADMIN_OR_PROJECT_READER, 'List backups.',
              [('GET', '/backups'), ('GET', '/backups/detail')]),
    base.rule(GET, base.ADMIN_OR_PROJECT_READER, 'Show a backup.', [('GET', _BACKUP)]),
    base.rule(CREATE, base.ADMIN_OR_PROJECT_MEMBER, 'Create a backup.',
              [('POST', '/backups')]),
    base.rule(UPDATE, base.ADMIN_OR_PROJECT_MEMBER, 'Update a backup (3.9).',
              [('PUT', _BACKUP)]),
    base.rule(DELETE, base.ADMIN_OR_PROJECT_MEMBER, 'Delete a backup.',
              [('DELETE', _BACKUP)]),
    base.rule(RESTORE, base.ADMIN_OR_PROJECT_MEMBER, 'Restore a backup.',
              [('POST', _BACKUP + '/restore')]),
    base.rule(IMPORT, base.RULE_ADMIN_API, 'Import a backup record.',
              [('POST', '/backups/import_record')]),
    base.rule(EXPORT, base.RULE_ADMIN_API, 'Export a backup record.',
              [('GET', _BACKUP + '/export_record')]),
]


def list_rules():
    return RULES
