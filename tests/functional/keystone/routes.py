"""Every route that takes an id, and what each caller must get from it.

Callers (see conftest ``actors``): ``owner`` is a member of the project that
owns the resource, ``reader`` a reader of that project, ``other`` a member of
another project, ``admin`` an administrator (calling from its own project).

Path placeholders name resources of the owner's project (see
``resources.ProjectResources``); ``{fresh_<kind>}`` is a resource made anew for
the route because the admin's call uses it up.

What the table says, as in Cinder: another project's resource is a 404
(queries are scoped to the caller's project), never a 403 that would confirm
it exists; a reader may read but every write is a 403; admin-only actions
(types, extra specs, quota changes) are a 403 for every non-admin; quota sets
are checked by policy against the project in the URL, so another project's
member gets a 403 there.
"""

import dataclasses

MESSAGES_VERSION = {'OpenStack-API-Version': 'volume 3.3'}


@dataclasses.dataclass(frozen=True)
class Route:
    method: str
    path: str
    rule: str           # the policy rule that refuses a 403
    admin: int
    reader: int
    other: int
    owner: int = None   # checked only where it cannot change anything
    body: dict = None
    headers: dict = None

    def __str__(self):
        return '%s %s' % (self.method, self.path)


def read(method, path, rule, **kwargs):
    return Route(method, path, rule, admin=200, reader=200, other=404, owner=200, **kwargs)


def write(method, path, rule, admin, **kwargs):
    return Route(method, path, rule, admin=admin, reader=403, other=404, **kwargs)


def admin_only(method, path, rule, admin, **kwargs):
    return Route(method, path, rule, admin=admin, reader=403, other=403, owner=403, **kwargs)


TYPES_MANAGE = 'volume_extension:types_manage'
SPECS_INDEX = 'volume_extension:types_extra_specs:index'
SPECS_MANAGE = 'volume_extension:types_extra_specs:manage'
QUOTAS_SHOW = 'volume_extension:quotas:show'
TYPE_ACCESS_LIST = 'volume_extension:volume_type_access:get_all_for_type'

ROUTES = [
    read('GET', '/volumes/{volume}', 'volume:get'),
    write('PUT', '/volumes/{volume}', 'volume:update', 200,
          body={'volume': {'name': 'renamed'}}),
    write('DELETE', '/volumes/{fresh_volume}', 'volume:delete', 202),
    read('GET', '/volumes/{volume}/metadata', 'volume:get_volume_metadata'),
    write('POST', '/volumes/{volume}/metadata', 'volume:create_volume_metadata', 200,
          body={'metadata': {'k2': 'v2'}}),
    write('PUT', '/volumes/{volume}/metadata', 'volume:update_volume_metadata', 200,
          body={'metadata': {'k': 'v'}}),
    read('GET', '/volumes/{volume}/metadata/k', 'volume:get_volume_metadata'),
    write('PUT', '/volumes/{volume}/metadata/k', 'volume:update_volume_metadata', 200,
          body={'meta': {'k': 'v3'}}),
    write('DELETE', '/volumes/{fresh_volume}/metadata/k', 'volume:delete_volume_metadata',
          200),
    read('GET', '/snapshots/{snapshot}', 'volume:get_snapshot'),
    write('PUT', '/snapshots/{snapshot}', 'volume:update_snapshot', 200,
          body={'snapshot': {'name': 'renamed'}}),
    write('DELETE', '/snapshots/{fresh_snapshot}', 'volume:delete_snapshot', 202),
    read('GET', '/snapshots/{snapshot}/metadata', 'volume:get_snapshot_metadata'),
    write('POST', '/snapshots/{snapshot}/metadata', 'volume:update_snapshot_metadata', 200,
          body={'metadata': {'k2': 'v2'}}),
    write('PUT', '/snapshots/{snapshot}/metadata', 'volume:update_snapshot_metadata', 200,
          body={'metadata': {'k': 'v'}}),
    read('GET', '/snapshots/{snapshot}/metadata/k', 'volume:get_snapshot_metadata'),
    write('PUT', '/snapshots/{snapshot}/metadata/k', 'volume:update_snapshot_metadata', 200,
          body={'meta': {'k': 'v2'}}),
    write('DELETE', '/snapshots/{fresh_snapshot}/metadata/k',
          'volume:delete_snapshot_metadata', 200),
    # Public types are everyone's; private ones the admin's and those given access.
    Route('GET', '/types/{type}', 'volume_extension:type_get', admin=200, reader=200,
          other=200, owner=200),
    Route('GET', '/types/{private_type}', 'volume_extension:type_get', admin=200,
          reader=404, other=404, owner=404),
    admin_only('PUT', '/types/{type}', TYPES_MANAGE, 200,
               body={'volume_type': {'description': 'changed'}}),
    admin_only('DELETE', '/types/{fresh_type}', TYPES_MANAGE, 202),
    admin_only('GET', '/types/{type}/extra_specs', SPECS_INDEX, 200),
    admin_only('POST', '/types/{type}/extra_specs', SPECS_MANAGE, 200,
               body={'extra_specs': {'acme:k2': 'v2'}}),
    admin_only('GET', '/types/{type}/extra_specs/acme:k', SPECS_INDEX, 200),
    admin_only('PUT', '/types/{type}/extra_specs/acme:k', SPECS_MANAGE, 200,
               body={'acme:k': 'v3'}),
    admin_only('DELETE', '/types/{fresh_type}/extra_specs/acme:k', SPECS_MANAGE, 202),
    admin_only('GET', '/types/{private_type}/os-volume-type-access', TYPE_ACCESS_LIST, 200),
    admin_only('POST', '/types/{fresh_private_type}/action',
               'volume_extension:volume_type_access:addProjectAccess', 202,
               body={'addProjectAccess': {'project': 'someone'}}),
    admin_only('POST', '/types/{fresh_private_type}/action',
               'volume_extension:volume_type_access:removeProjectAccess', 404,
               body={'removeProjectAccess': {'project': 'someone'}}),
    admin_only('GET', '/types/{type}/encryption',
               'volume_extension:volume_type_encryption:get', 200),
    admin_only('GET', '/qos-specs/{qos}', 'volume_extension:qos_specs_manage:get', 200),
    admin_only('PUT', '/qos-specs/{qos}', 'volume_extension:qos_specs_manage:update', 200,
               body={'qos_specs': {'k': 'v2'}}),
    admin_only('GET', '/qos-specs/{qos}/associations',
               'volume_extension:qos_specs_manage:get_all', 200),
    admin_only('DELETE', '/qos-specs/{fresh_qos}', 'volume_extension:qos_specs_manage:delete',
               202),
    read('GET', '/consistencygroups/{group}', 'consistencygroup:get'),
    write('PUT', '/consistencygroups/{group}', 'consistencygroup:update', 202,
          body={'consistencygroup': {'name': 'renamed'}}),
    write('PUT', '/consistencygroups/{group}/update', 'consistencygroup:update', 202,
          body={'consistencygroup': {'description': 'changed'}}),
    write('POST', '/consistencygroups/{fresh_group}/delete', 'consistencygroup:delete', 202,
          body={'consistencygroup': {'force': False}}),
    read('GET', '/cgsnapshots/{cgsnapshot}', 'consistencygroup:get_cgsnapshot'),
    write('DELETE', '/cgsnapshots/{fresh_cgsnapshot}', 'consistencygroup:delete_cgsnapshot',
          202),
    read('GET', '/messages/{message}', 'message:get', headers=MESSAGES_VERSION),
    write('DELETE', '/messages/{fresh_message}', 'message:delete', 204,
          headers=MESSAGES_VERSION),
    read('GET', '/os-volume-transfer/{transfer}', 'volume:get_transfer'),
    write('DELETE', '/os-volume-transfer/{fresh_transfer}', 'volume:delete_transfer', 202),
    Route('GET', '/os-quota-sets/{project}', QUOTAS_SHOW, admin=200, reader=200, other=403,
          owner=200),
    Route('GET', '/os-quota-sets/{project}/defaults', QUOTAS_SHOW, admin=200, reader=200,
          other=403, owner=200),
    admin_only('PUT', '/os-quota-sets/{project}', 'volume_extension:quotas:update', 200,
               body={'quota_set': {'volumes': 40}}),
    admin_only('DELETE', '/os-quota-sets/{project}', 'volume_extension:quotas:delete', 200),
]


def forbidden(rule):
    return {'forbidden': {'code': 403,
                          'message': "Policy doesn't allow %s to be performed." % rule}}
