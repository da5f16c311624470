"""The limits view: Cinder's absolute limit names; no rate limits are enforced."""

_LIMIT_NAMES = {'volumes': 'maxTotalVolumes', 'snapshots': 'maxTotalSnapshots',
                'gigabytes': 'maxTotalVolumeGigabytes', 'backups': 'maxTotalBackups',
                'backup_gigabytes': 'maxTotalBackupGigabytes'}
_USED_NAMES = {'volumes': 'totalVolumesUsed', 'snapshots': 'totalSnapshotsUsed',
               'gigabytes': 'totalGigabytesUsed', 'backups': 'totalBackupsUsed',
               'backup_gigabytes': 'totalBackupGigabytesUsed'}


def index(limits, in_use=None):
    """``in_use`` (``{resource: n}``) adds the ``total*Used`` fields; None leaves them out."""
    absolute = {name: limits[resource] for resource, name in _LIMIT_NAMES.items()
                if resource in limits}
    if in_use is not None:
        absolute.update({name: in_use.get(resource, 0)
                         for resource, name in _USED_NAMES.items() if resource in limits})
    return {'limits': {'rate': [], 'absolute': absolute}}
