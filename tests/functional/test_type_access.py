"""Volume type access: private types, the projects given access, and what they may do.

One cloud serves the module; each test works in projects of its own and
names its types uniquely (types are global).
"""

import uuid

from cinderclient import exceptions as cinder_exc
import pytest

from tests import fixtures


def call(cloud, method, project, path, user='u1', **kwargs):
    return cloud.request(method, '/v3/%s%s' % (project, path),
                         token='%s:%s' % (user, project), **kwargs)


def admin(cloud, method, path, **kwargs):
    return call(cloud, method, 'admin', path, user='admin', **kwargs)


def private_type(cloud):
    resp = admin(cloud, 'POST', '/types', body={'volume_type': {
        'name': 'private-%s' % uuid.uuid4().hex[:8], 'os-volume-type-access:is_public': False}})
    assert resp.status == 200, resp
    return resp.json['volume_type']


def grant(cloud, type_id, project, action='addProjectAccess'):
    return admin(cloud, 'POST', '/types/%s/action' % type_id,
                 body={action: {'project': project}})


def type_names(cloud, project, query='', user='u1'):
    resp = call(cloud, 'GET', project, '/types' + query, user=user)
    assert resp.status == 200, resp
    return {t['name'] for t in resp.json['volume_types']}


def test_a_project_given_access_sees_and_uses_the_private_type(shared_cloud, project):
    vtype = private_type(shared_cloud)
    outsider = 'x' + project
    refused = call(shared_cloud, 'POST', project, '/volumes',
                   body={'volume': {'size': 1, 'volume_type': vtype['id']}})
    assert refused.status == 404, refused
    resp = grant(shared_cloud, vtype['id'], project)
    assert (resp.status, resp.body) == (202, b'')
    assert vtype['name'] in type_names(shared_cloud, project)
    assert vtype['name'] not in type_names(shared_cloud, outsider)
    shown = call(shared_cloud, 'GET', project, '/types/' + vtype['id'])
    assert (shown.status, shown.json['volume_type']['is_public']) == (200, False)
    assert call(shared_cloud, 'GET', outsider, '/types/' + vtype['id']).status == 404
    created = call(shared_cloud, 'POST', project, '/volumes',
                   body={'volume': {'size': 1, 'volume_type': vtype['name']}})
    assert created.status == 202, created
    volume = fixtures.wait_status(shared_cloud, 'volumes', created.json['volume']['id'],
                                  'available', token='u1:' + project, project=project)
    assert volume['volume_type'] == vtype['name']
    usage = call(shared_cloud, 'GET', project,
                 '/os-quota-sets/%s?usage=True' % project).json['quota_set']
    assert usage['volumes_' + vtype['name']]['in_use'] == 1
    group = call(shared_cloud, 'POST', outsider, '/consistencygroups', body={
        'consistencygroup': {'volume_types': vtype['name']}})
    assert group.status == 404, group
    fixtures.assert_usage_matches_rows(shared_cloud, project)


def test_access_is_listed_and_taken_away(shared_cloud, project):
    vtype = private_type(shared_cloud)
    others = ['%s-%d' % (project, i) for i in range(2)]
    for other in others:
        assert grant(shared_cloud, vtype['id'], other).status == 202
    listed = admin(shared_cloud, 'GET', '/types/%s/os-volume-type-access' % vtype['id'])
    assert (listed.status, listed.json) == (200, {'volume_type_access': [
        {'volume_type_id': vtype['id'], 'project_id': other} for other in others]})
    resp = grant(shared_cloud, vtype['id'], others[0], 'removeProjectAccess')
    assert (resp.status, resp.body) == (202, b'')
    listed = admin(shared_cloud, 'GET', '/types/%s/os-volume-type-access' % vtype['id'])
    assert [a['project_id'] for a in listed.json['volume_type_access']] == others[1:]
    assert vtype['name'] not in type_names(shared_cloud, others[0])
    refused = call(shared_cloud, 'POST', others[0], '/volumes',
                   body={'volume': {'size': 1, 'volume_type': vtype['id']}})
    assert refused.status == 404


def test_admin_lists_types_with_cinders_is_public_filter(shared_cloud, project):
    vtype = private_type(shared_cloud)
    assert vtype['name'] not in type_names(shared_cloud, 'admin', user='admin')
    assert vtype['name'] in type_names(shared_cloud, 'admin', '?is_public=false',
                                       user='admin')
    assert '__DEFAULT__' not in type_names(shared_cloud, 'admin', '?is_public=false',
                                           user='admin')
    everything = type_names(shared_cloud, 'admin', '?is_public=None', user='admin')
    assert {vtype['name'], '__DEFAULT__'} <= everything
    # Members always get public types and their own private ones.
    assert vtype['name'] not in type_names(shared_cloud, project, '?is_public=false')
    bad = call(shared_cloud, 'GET', 'admin', '/types?is_public=maybe', user='admin')
    assert (bad.status, bad.json) == (400, {'badRequest': {
        'code': 400, 'message': 'Invalid is_public filter [maybe]'}})
    assert grant(shared_cloud, vtype['id'], 'admin').status == 202
    assert vtype['name'] in type_names(shared_cloud, 'admin', user='admin')


@pytest.mark.parametrize('action', ['addProjectAccess', 'removeProjectAccess'])
def test_access_errors_are_cinders(shared_cloud, project, action):
    vtype = private_type(shared_cloud)
    public = admin(shared_cloud, 'POST', '/types', body={'volume_type': {
        'name': 'public-%s' % uuid.uuid4().hex[:8]}}).json['volume_type']
    missing = str(uuid.uuid4())
    resp = grant(shared_cloud, missing, project, action)
    assert (resp.status, resp.json) == (404, {'itemNotFound': {
        'code': 404, 'message': 'Volume type %s could not be found.' % missing}})
    resp = grant(shared_cloud, public['id'], project, action)
    assert (resp.status, resp.json) == (400, {'badRequest': {
        'code': 400, 'message': 'Invalid volume type: Type access modification is not '
                                'applicable to public volume type.'}})
    for body in ({action: {}}, {action: {'project': ''}}, {action: {'project': 'p',
                                                                    'x': 1}}):
        resp = admin(shared_cloud, 'POST', '/types/%s/action' % vtype['id'], body=body)
        assert resp.status == 400, (body, resp)
    for body in ({}, {action: {'project': 'p'}, 'other': {}}):
        resp = admin(shared_cloud, 'POST', '/types/%s/action' % vtype['id'], body=body)
        assert resp.json == {'badRequest': {'code': 400,
                                            'message': 'Malformed request body'}}
    resp = admin(shared_cloud, 'POST', '/types/%s/action' % vtype['id'],
                 body={'os-nothing': {}})
    assert resp.json == {'badRequest': {'code': 400,
                                        'message': 'There is no such action: os-nothing'}}
    resp = call(shared_cloud, 'POST', project, '/types/%s/action' % vtype['id'],
                body={action: {'project': project}})
    assert (resp.status, resp.json) == (403, {'forbidden': {
        'code': 403, 'message': "Policy doesn't allow volume_extension:volume_type_access:"
                                "%s to be performed." % action}})


def test_duplicate_and_missing_access_are_409_and_404(shared_cloud, project):
    vtype = private_type(shared_cloud)
    assert grant(shared_cloud, vtype['id'], project).status == 202
    again = grant(shared_cloud, vtype['id'], project)
    assert (again.status, again.json) == (409, {'conflictingRequest': {
        'code': 409, 'message': 'Volume type access for %s / %s combination already '
                                'exists.' % (vtype['id'], project)}})
    gone = grant(shared_cloud, vtype['id'], 'x' + project, 'removeProjectAccess')
    assert (gone.status, gone.json) == (404, {'itemNotFound': {
        'code': 404, 'message': 'Volume type access not found for %s / x%s '
                                'combination.' % (vtype['id'], project)}})


def test_the_access_list_is_admin_only_and_private_only(shared_cloud, project):
    vtype = private_type(shared_cloud)
    resp = call(shared_cloud, 'GET', project, '/types/%s/os-volume-type-access' % vtype['id'])
    assert resp.status == 403
    default = admin(shared_cloud, 'GET', '/types/default').json['volume_type']
    resp = admin(shared_cloud, 'GET', '/types/%s/os-volume-type-access' % default['id'])
    assert (resp.status, resp.json) == (404, {'itemNotFound': {
        'code': 404, 'message': 'Access list not available for public volume types.'}})
    missing = str(uuid.uuid4())
    assert admin(shared_cloud, 'GET',
                 '/types/%s/os-volume-type-access' % missing).status == 404
    assert admin(shared_cloud, 'GET', '/types/%s/os-volume-type-access' % vtype['id']
                 ).json == {'volume_type_access': []}


def test_deleting_a_type_drops_its_access_list(shared_cloud, project):
    vtype = private_type(shared_cloud)
    assert grant(shared_cloud, vtype['id'], project).status == 202
    assert admin(shared_cloud, 'DELETE', '/types/' + vtype['id']).status == 202
    assert vtype['name'] not in type_names(shared_cloud, project)


def test_cinderclient_manages_access(shared_cloud, project):
    cs = shared_cloud.cinder('admin', 'admin')
    vtype = cs.volume_types.create('cc-%s' % project, is_public=False)
    cs.volume_type_access.add_project_access(vtype.id, project)
    assert [(a.volume_type_id, a.project_id) for a in
            cs.volume_type_access.list(vtype.id)] == [(vtype.id, project)]
    cs.volume_type_access.remove_project_access(vtype.id, project)
    assert cs.volume_type_access.list(vtype.id) == []
    with pytest.raises(cinder_exc.NotFound):
        shared_cloud.cinder('u1', project).volume_types.get(vtype.id)
