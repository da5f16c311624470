"""One project's resources, made through the API by its member (types by the admin).

Works in both auth modes: every call goes through an ``Actor`` (conftest),
whose token is a real Keystone token or a noauth ``user:project``.
"""

import re
import uuid

from tests import fixtures
from tests.functional.keystone import routes

PLACEHOLDER = re.compile(r'{(fresh_)?(\w+)}')

# What the admin reads to tell whether a call changed a resource of each kind.
WATCHED = {
    'volume': ['/volumes/%s', '/volumes/%s/metadata'],
    'snapshot': ['/snapshots/%s', '/snapshots/%s/metadata'],
    'type': ['/types/%s', '/types/%s/extra_specs'],
    'private_type': ['/types/%s'],
    'group': ['/consistencygroups/%s'],
    'cgsnapshot': ['/cgsnapshots/%s'],
    'message': ['/messages/%s'],
    'transfer': ['/os-volume-transfer/%s'],
    'qos': ['/qos-specs/%s'],
    'project': ['/os-quota-sets/%s?usage=True'],
}


def unique(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:8])


def ok(resp, status):
    assert resp.status == status, resp
    return resp.json


class ProjectResources:
    """The owner's volume, snapshot, group, cgsnapshot and message, and two types."""

    def __init__(self, cloud, actors):
        self.cloud = cloud
        self.owner = actors['owner']
        self.admin = actors['admin']
        self.type = self.make_type()
        self.nowhere_type = self.make_type(specs={'volume_backend_name': 'nowhere'})
        self.shared = {
            'type': self.type,
            'private_type': self.make_type(public=False),
            'volume': self.make_volume(),
            'group': self.make_group(),
            'project': self.owner.project_id,
        }
        self.group_members = [self.make_volume(group=self.shared['group'])]
        self.shared['snapshot'] = self.make_snapshot()
        self.shared['cgsnapshot'] = self.make_cgsnapshot()
        self.shared['message'] = self.make_message()
        self.shared['transfer'] = self.make_transfer()
        self.shared['qos'] = self.make_qos()

    def ids_for(self, route):
        """Placeholder values for ``route``: shared resources, or fresh ones it may use up."""
        values = {}
        for fresh, kind in PLACEHOLDER.findall(route.path):
            key = fresh + kind
            values[key] = getattr(self, 'make_' + kind)() if fresh else self.shared[kind]
        return values

    def seen_by_admin(self, route, ids):
        """The admin's view of every resource ``route`` names (to prove nothing changed)."""
        views = {}
        for key, resource_id in ids.items():
            for path in WATCHED[key.replace('fresh_', '')]:
                resp = self.admin.call(self.cloud, 'GET', path % resource_id,
                                       headers=routes.MESSAGES_VERSION)
                views[path % resource_id] = (resp.status, resp.json)
        return views

    def wait_until_settled(self, ids):
        """Wait until the fresh resources of ``ids`` are gone or no longer changing.

        An admin's delete is asynchronous: finishing in the middle of a later
        test, it would change what that test compares (quota usage, lists).
        """
        for key, resource_id in ids.items():
            if not key.startswith('fresh_'):
                continue
            path = WATCHED[key.replace('fresh_', '')][0] % resource_id

            def settled():
                resp = self.admin.call(self.cloud, 'GET', path,
                                       headers=routes.MESSAGES_VERSION)
                if resp.status == 404:
                    return True
                resource, = resp.json.values()
                return not resource.get('status', '').endswith('ing')
            fixtures.wait_for(settled, what='%s to settle' % path)

    # -- makers -----------------------------------------------------------------------

    def make_type(self, public=True, specs=None):
        # A scoped key: an unscoped one names a capability no backend reports,
        # and the scheduler (as Cinder's CapabilitiesFilter) would place nothing.
        body = {'volume_type': {'name': unique('type'),
                                'extra_specs': specs or {'acme:k': 'v'},
                                'os-volume-type-access:is_public': public}}
        return ok(self.admin.call(self.cloud, 'POST', '/types', body=body),
                  200)['volume_type']['id']

    def make_private_type(self):
        return self.make_type(public=False)

    def make_qos(self):
        body = {'qos_specs': {'name': unique('qos'), 'k': 'v'}}
        return ok(self.admin.call(self.cloud, 'POST', '/qos-specs', body=body),
                  200)['qos_specs']['id']

    def make_transfer(self):
        body = {'transfer': {'volume_id': self.make_volume()}}
        return ok(self.owner.call(self.cloud, 'POST', '/os-volume-transfer', body=body),
                  202)['transfer']['id']

    def make_volume(self, group=None, vtype=None, wait='available'):
        body = {'volume': {'size': 1, 'name': unique('vol'), 'volume_type': vtype or self.type,
                           'consistencygroup_id': group, 'metadata': {'k': 'v'}}}
        volume_id = ok(self.owner.call(self.cloud, 'POST', '/volumes', body=body),
                       202)['volume']['id']
        self.wait('volumes', volume_id, wait)
        return volume_id

    def make_snapshot(self):
        body = {'snapshot': {'volume_id': self.shared['volume'], 'name': unique('snap'),
                             'metadata': {'k': 'v'}}}
        snapshot_id = ok(self.owner.call(self.cloud, 'POST', '/snapshots', body=body),
                         202)['snapshot']['id']
        self.wait('snapshots', snapshot_id)
        return snapshot_id

    def make_group(self):
        body = {'consistencygroup': {'name': unique('cg'), 'volume_types': self.type}}
        group_id = ok(self.owner.call(self.cloud, 'POST', '/consistencygroups', body=body),
                      202)['consistencygroup']['id']
        self.wait('consistencygroups', group_id)
        return group_id

    def make_cgsnapshot(self):
        body = {'cgsnapshot': {'consistencygroup_id': self.shared['group'],
                               'name': unique('cgsnap')}}
        cgsnapshot_id = ok(self.owner.call(self.cloud, 'POST', '/cgsnapshots', body=body),
                           202)['cgsnapshot']['id']
        self.wait('cgsnapshots', cgsnapshot_id)
        return cgsnapshot_id

    def make_message(self):
        """A user message: the one a volume of a type no backend serves leaves."""
        volume_id = self.make_volume(vtype=self.nowhere_type, wait='error')

        def message_id():
            messages = ok(self.owner.call(self.cloud, 'GET', '/messages',
                                          headers=routes.MESSAGES_VERSION), 200)['messages']
            return next((m['id'] for m in messages if m['resource_uuid'] == volume_id), None)
        # The scheduler sets the volume's status first, then records the message.
        return fixtures.wait_for(message_id, what='the message of volume %s' % volume_id)

    def wait(self, collection, resource_id, status='available'):
        fixtures.wait_status(self.cloud, collection, resource_id, status,
                             token=self.owner.token, project=self.owner.project_id)
