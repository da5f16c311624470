"""How each group API names things in its errors: one set for CGs, one for groups.

The consistency group API and the groups API share every operation (the
rows are the same: a consistency group is a group of the reserved type);
only their exceptions and nouns differ, as Cinder's do.
"""

import collections

from cinderlite import exception

Words = collections.namedtuple('Words', [
    'invalid_group', 'invalid_snapshot', 'group_not_found', 'snapshot_not_found',
    'source_group', 'source_snapshot', 'group', 'snapshots', 'force_flag'])

CG = Words(exception.InvalidConsistencyGroup, exception.InvalidCgSnapshot,
           exception.ConsistencyGroupNotFound, exception.CgSnapshotNotFound,
           'CG', 'CgSnapshot', 'consistency group', 'cgsnapshots', 'force')
GROUP = Words(exception.InvalidGroup, exception.InvalidGroupSnapshot,
              exception.GroupNotFound, exception.GroupSnapshotNotFound,
              'Group', 'GroupSnapshot', 'group', 'group snapshots', 'delete-volumes')
