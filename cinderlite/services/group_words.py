"""How each group API names things in its errors: one set for CGs, one for groups.

The consistency group API and the groups API share every operation (the
rows are the same: a consistency group is a group of the reserved type);
only their exceptions and nouns differ, as Cinder's do.
"""

import collections

from cinderlite import exception

Words = collections.namedtuple('Words', [
    'invalid_group', 'invalid_snapshot', 'group_not_found', 'snapshot_not_found',
    'source_group', 'source_snapshot', 'group', 'snapshot', 'snapshots', 'force_flag'])



def title(noun):
    """``noun`` with a capital first letter, to open a message."""
    return noun[0].upper() + noun[1:]


CG = Words(exception.InvalidConsistencyGroup, exception.InvalidCgSnapshot,
           exception.ConsistencyGroupNotFound, exception.CgSnapshotNotFound,
           'CG', 'CgSnapshot', 'consistency group', 'cgsnapshot', 'cgsnapshots', 'force')
GROUP = Words(exception.InvalidGroup, exception.InvalidGroupSnapshot,
              exception.GroupNotFound, exception.GroupSnapshotNotFound,
              'Group', 'GroupSnapshot', 'group', 'group snapshot', 'group snapshots',
              'delete-volumes')
