"""The extensions cinderlite serves, described as Cinder describes each.

Cinder once loaded these as optional extensions; clients still list them to
learn what a cloud offers. Only what cinderlite really serves is here: a
route that lands adds its extension.
"""

# (name, alias, updated, description), as Cinder's extension descriptors give them.
EXTENSIONS = [
    ('AdminActions', 'os-admin-actions', '2012-08-25T00:00:00+00:00',
     'Enable admin actions.'),
    ('AvailabilityZones', 'os-availability-zone', '2013-06-27T00:00:00+00:00',
     'Describe Availability Zones.'),
    ('Capabilities', 'capabilities', '2015-08-31T00:00:00+00:00', 'Capabilities support.'),
    ('Cgsnapshots', 'cgsnapshots', '2014-08-18T00:00:00+00:00', 'cgsnapshots support.'),
    ('Consistencygroups', 'consistencygroups', '2014-08-18T00:00:00+00:00',
     'consistency groups support.'),
    ('ExtendedServices', 'os-extended-services', '2014-01-10T00:00:00-00:00',
     'Extended services support.'),
    ('ExtendedSnapshotAttributes', 'os-extended-snapshot-attributes',
     '2012-06-19T00:00:00+00:00', 'Extended SnapshotAttributes support.'),
    ('Hosts', 'os-hosts', '2011-06-29T00:00:00+00:00', 'Admin-only host administration.'),
    ('QuotaClasses', 'os-quota-class-sets', '2012-03-12T00:00:00+00:00',
     'Quota classes management support.'),
    ('Quotas', 'os-quota-sets', '2011-08-08T00:00:00+00:00', 'Quota management support.'),
    ('Scheduler_stats', 'scheduler-stats', '2014-09-07T00:00:00+00:00',
     'Scheduler stats support.'),
    ('Services', 'os-services', '2012-10-28T00:00:00-00:00', 'Services support.'),
    ('TypesExtraSpecs', 'os-types-extra-specs', '2011-08-24T00:00:00+00:00',
     'Type extra specs support.'),
    ('TypesManage', 'os-types-manage', '2011-08-24T00:00:00+00:00', 'Types manage support.'),
    ('UsedLimits', 'os-used-limits', '2013-10-03T00:00:00+00:00',
     'Provide data on limited resources that are being used.'),
    ('VolumeActions', 'os-volume-actions', '2012-05-31T00:00:00+00:00',
     'Enable volume actions.'),
    ('VolumeHostAttribute', 'os-vol-host-attr', '2011-11-03T00:00:00+00:00',
     'Expose host as an attribute of a volume.'),
    ('VolumeMigStatusAttribute', 'os-vol-mig-status-attr', '2013-08-08T00:00:00+00:00',
     'Expose migration_status as an attribute of a volume.'),
    ('VolumeTenantAttribute', 'os-vol-tenant-attr', '2011-11-03T00:00:00+00:00',
     'Expose the internal project_id as an attribute of a volume.'),
]


def _extension(name, alias, updated, description):
    return {'name': name, 'alias': alias, 'updated': updated,
            'description': description, 'links': []}


def index():
    return {'extensions': [_extension(*e) for e in EXTENSIONS]}


def find(alias):
    """``{'extension': ...}`` of ``alias``, or None."""
    for entry in EXTENSIONS:
        if entry[1] == alias:
            return {'extension': _extension(*entry)}
    return None
