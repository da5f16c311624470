"""Quota set views."""


def quota_set(project_id, limits):
    return {'quota_set': dict(limits, id=project_id)}
