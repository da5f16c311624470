"""Which driver method runs a group operation: the group one, the CG one, or the generic path.

As Cinder's manager: the driver's generic-group method first; when it
raises NotImplementedError and the group's type asks for consistent
snapshots, the consistency group method (drivers written before generic
groups have only those); when neither is implemented, the manager's own
generic path.
"""

from cinderlite.volume import driver as driver_base


def run(group, group_call, cg_call, generic):
    """The result of the first of ``group_call``, ``cg_call``, ``generic()`` implemented.

    ``group`` is the driver view of the group (see driver_view.group_view);
    ``cg_call`` is tried only for a consistent one. Each is a no-argument
    callable; a NotImplementedError moves on to the next.
    """
    calls = [group_call]
    if driver_base.is_group_a_cg_snapshot_type(group):
        calls.append(cg_call)
    for call in calls:
        try:
            return call()
        except NotImplementedError:
            continue
    return generic()
