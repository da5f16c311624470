"""Cgsnapshot views."""

from cinderlite.api import views


def summary(cgsnapshot):
    return {'id': cgsnapshot.id, 'name': cgsnapshot.name}


def detail(cgsnapshot):
    return {'id': cgsnapshot.id, 'consistencygroup_id': cgsnapshot.group_id,
            'status': cgsnapshot.status, 'created_at': views.iso(cgsnapshot.created_at),
            'name': cgsnapshot.name, 'description': cgsnapshot.description}
