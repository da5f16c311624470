"""The views of type access, encryption, QoS specs and transfers, against tempest's schemas.

The schemas are a copy of the facts of tempest 47's
``tempest/lib/api_schema/response/volume/`` (``volume_types``,
``encryption_types``, ``qos``, ``transfers`` and ``v3_55``/``v3_57``): strict
(``additionalProperties: False``), so a field too many fails as surely as
one missing.
"""

import datetime
import types
import uuid

import jsonschema
import pytest
import webob

from cinderlite import context as cl_context
from cinderlite.api import microversion
from cinderlite.api import wsgi
from cinderlite.api.views import encryption as encryption_view
from cinderlite.api.views import qos_specs as qos_view
from cinderlite.api.views import transfers as transfer_view
from cinderlite.api.views import type_access as access_view


def strict(properties, required=()):
    return {'type': 'object', 'properties': properties, 'required': list(required),
            'additionalProperties': False}


UUID = {'type': 'string', 'format': 'uuid'}
NAME = {'type': ['string', 'null']}
DATE = {'type': 'string'}
DATE_OR_NULL = {'type': ['string', 'null']}
LINKS = {'type': 'array', 'items': strict({'href': {'type': 'string'},
                                           'rel': {'type': 'string'}}, ['href', 'rel'])}
STRINGS = {'type': 'object', 'patternProperties': {'^.+$': {'type': 'string'}}}

TYPE_ACCESS = strict({'volume_type_access': {'type': 'array', 'items': strict(
    {'volume_type_id': UUID, 'project_id': UUID}, ['volume_type_id', 'project_id'])}},
    ['volume_type_access'])

SHOW_ENCRYPTION = {
    'type': ['object', 'null'],
    'properties': {'volume_type_id': UUID, 'encryption_id': UUID,
                   'key_size': {'type': ['integer', 'null']}, 'provider': {'type': 'string'},
                   'control_location': {'enum': ['front-end', 'back-end']},
                   'cipher': {'type': ['string', 'null']}, 'deleted': {'type': 'boolean'},
                   'created_at': DATE, 'updated_at': DATE_OR_NULL,
                   'deleted_at': DATE_OR_NULL},
    'additionalProperties': False}

QOS_ITEM = {'specs': {'type': ['object', 'null']}, 'consumer': {'type': 'string'},
            'id': UUID, 'name': {'type': 'string'}}
SHOW_QOS = strict({'qos_specs': strict(QOS_ITEM, ['name', 'id', 'specs']), 'links': LINKS},
                  ['qos_specs', 'links'])
LIST_QOS = strict({'qos_specs': {'type': 'array', 'items': strict(
    dict(QOS_ITEM, specs=STRINGS), ['specs', 'id', 'name'])}}, ['qos_specs'])
QOS_ASSOCIATIONS = strict({'qos_associations': {'type': 'array', 'items': strict(
    {'association_type': {'type': 'string'}, 'id': UUID, 'name': {'type': 'string'}},
    ['association_type', 'id', 'name'])}}, ['qos_associations'])

TRANSFER = {'links': LINKS, 'created_at': DATE, 'volume_id': UUID, 'id': UUID, 'name': NAME}
TRANSFER_355 = dict(TRANSFER, no_snapshots={'type': 'boolean'})
TRANSFER_357 = dict(TRANSFER_355, destination_project_id={'type': ['string', 'null']},
                    source_project_id=UUID, accepted={'type': 'boolean'})
REQUIRED = ['links', 'created_at', 'volume_id', 'id', 'name']
SUMMARY = strict({'volume_id': UUID, 'id': UUID, 'links': LINKS, 'name': NAME},
                 ['volume_id', 'id', 'links', 'name'])


def valid(body, schema):
    jsonschema.Draft4Validator(schema).validate(body)
    return True


def request(version):
    req = webob.Request.blank('/v3/%s/x' % PROJECT, base_url='http://127.0.0.1:8776')
    req.script_name = '/v3'
    req.environ[microversion.ENVIRON_KEY] = version
    req.environ[wsgi.CONTEXT_KEY] = cl_context.RequestContext(
        user_id='u', project_id=PROJECT, roles=['member'])
    return req


PROJECT = str(uuid.uuid4())
NOW = datetime.datetime(2026, 11, 30, 1, 2, 3, 456789)


def row(**values):
    return types.SimpleNamespace(**values)


def test_type_access_list():
    body = access_view.access_list(str(uuid.uuid4()), [PROJECT, str(uuid.uuid4())])
    assert valid(body, TYPE_ACCESS)


@pytest.mark.parametrize('updated_at', [None, NOW])
def test_encryption_show(updated_at):
    encryption = row(volume_type_id=str(uuid.uuid4()), encryption_id=str(uuid.uuid4()),
                     provider='LuksEncryptor', control_location='front-end',
                     cipher=None, key_size=256, created_at=NOW, updated_at=updated_at)
    assert valid(encryption_view.show(encryption), SHOW_ENCRYPTION)
    assert valid(encryption_view.show(None), SHOW_ENCRYPTION)


def test_qos_specs_views():
    qos = row(id=str(uuid.uuid4()), name='q', consumer='back-end')
    context = request((3, 0)).environ[wsgi.CONTEXT_KEY]
    assert valid(qos_view.detail(request((3, 0)), context, qos, {'k': 'v'}), SHOW_QOS)
    assert valid({'qos_specs': [qos_view.summary(qos, {})]}, LIST_QOS)
    vtype = row(id=str(uuid.uuid4()), name='t')
    assert valid(qos_view.associations([vtype]), QOS_ASSOCIATIONS)


@pytest.mark.parametrize('version, properties', [
    ((3, 0), TRANSFER), ((3, 54), TRANSFER), ((3, 55), TRANSFER_355),
    ((3, 56), TRANSFER_355), ((3, 57), TRANSFER_357), ((3, 71), TRANSFER_357)])
def test_transfer_views_per_microversion(version, properties):
    req = request(version)
    transfer = row(id=str(uuid.uuid4()), volume_id=str(uuid.uuid4()), name=None,
                   project_id=PROJECT, created_at=NOW, no_snapshots=False)
    detail = transfer_view.detail(req, transfer)
    assert valid(detail, strict(properties, REQUIRED))
    assert set(detail) == set(properties)
    created = transfer_view.create(req, transfer, 'k' * 16)
    assert valid(created, strict(dict(properties, auth_key={'type': 'string'}),
                                 REQUIRED + ['auth_key']))
    assert valid(transfer_view.summary(req, transfer), SUMMARY)
