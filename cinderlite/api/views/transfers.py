"""Volume transfer views, per microversion (3.55 ``no_snapshots``, 3.57 history).

As in Cinder, links always name ``os-volume-transfer``, whichever route served,
and the caller's project.
"""

from cinderlite.api import microversion
from cinderlite.api import views
from cinderlite.api import wsgi

COLLECTION = 'os-volume-transfer'


def summary(req, transfer):
    return {'id': transfer.id, 'volume_id': transfer.volume_id, 'name': transfer.name,
            'links': views.links(req, COLLECTION, transfer.id,
                                 wsgi.context_of(req).project_id)}


def detail(req, transfer):
    body = summary(req, transfer)
    body['created_at'] = views.iso(transfer.created_at)
    if microversion.at_least(req, 3, 55):
        body['no_snapshots'] = transfer.no_snapshots
    if microversion.at_least(req, 3, 57):
        # A transfer shown is pending: an accepted one is gone (Cinder hides
        # its soft-deleted rows too), so it has no destination yet.
        body.update({'source_project_id': transfer.project_id,
                     'destination_project_id': None, 'accepted': False})
    return body


def create(req, transfer, auth_key):
    """The answer to a create: the one time the auth key is shown."""
    return dict(detail(req, transfer), auth_key=auth_key)
