"""Requests the admin-route tests share: as the cloud admin, and a volume to wait for."""

from tests import fixtures
from tests.unit import cinder_schemas as schemas

ADMIN = 'admin:admin'


def admin(cloud, method, path, **kwargs):
    return cloud.request(method, '/v3/admin' + path, token=ADMIN, **kwargs)


def services(cloud, query=''):
    resp = admin(cloud, 'GET', '/os-services' + query)
    assert resp.status == 200, resp
    schemas.check(schemas.SERVICES, resp.json)
    return resp.json['services']


def create_volume(cloud, project, wait):
    resp = cloud.request('POST', '/v3/%s/volumes' % project, token='u1:' + project,
                         body={'volume': {'size': 1}})
    assert resp.status == 202, resp
    return fixtures.wait_status(cloud, 'volumes', resp.json['volume']['id'], wait,
                                token='u1:' + project, project=project)
