"""What the volume manager hands a driver and what it accepts back, for the conformance suite.

Views are built as the manager builds them (``Resource.of(row)``: every
column of the row, unset ones None), so a driver meets here the same keys
it meets in service. A driver's answers are checked against what the
manager can store; on the healthy backend the suite runs against, a member
reported ``error`` is a failure even though the contract allows it.
"""

import json
import uuid

from cinderlite.db import models
from cinderlite.volume.driver_view import Resource
from cinderlite.volume.driver_view import with_legacy_names

PROJECT_ID = 'conformance-project'
USER_ID = 'conformance-user'
VOLUME_TYPE_ID = '6f4c9a52-6a43-4f0e-9d0c-3c1c0f1e2a11'
#: The width of the ``provider_location`` column a model update is stored in.
LOCATION_LENGTH = models.Volume.__table__.c.provider_location.type.length


def new_id():
    return str(uuid.uuid4())


def _view(model, **values):
    row = dict.fromkeys(column.key for column in model.__table__.columns)
    row.update(values)
    return Resource(with_legacy_names(model.__tablename__, row))


def volume(host, size, **values):
    """A volume row as the manager loads it to create it: ``creating``, no location yet."""
    return _view(models.Volume, id=new_id(), project_id=PROJECT_ID, user_id=USER_ID,
                 host=host, size=size, availability_zone='nova', status='creating',
                 volume_type_id=VOLUME_TYPE_ID, bootable=False, **values)


def snapshot(parent, **values):
    """A snapshot row of ``parent``, with ``volume`` set to the parent's view."""
    return _view(models.Snapshot, id=new_id(), project_id=PROJECT_ID, user_id=USER_ID,
                 volume_id=parent.id, volume_type_id=parent.volume_type_id,
                 size=parent.size, status='creating', progress='0%', volume=parent,
                 **values)


#: The specs of a group type that asks for consistent group snapshots.
CONSISTENT_SPECS = {'consistent_group_snapshot_enabled': '<is> True'}
GROUP_TYPE_ID = '0b7c9d2e-3f41-4a8b-9c6d-5e2f1a0b3c44'


def group(host, consistent=True, **values):
    """A group row as the manager hands it: with its type's ``group_specs``.

    ``consistent``: whether the type asks for consistent group snapshots.
    """
    return Resource(dict(_view(models.Group, id=new_id(), project_id=PROJECT_ID,
                               user_id=USER_ID, host=host, availability_zone='nova',
                               status='creating', group_type_id=GROUP_TYPE_ID, **values),
                         group_specs=CONSISTENT_SPECS if consistent else {}))


def cgsnapshot(source_group):
    """A group snapshot row of ``source_group``, with ``group`` set to the group's view."""
    return Resource(dict(_view(models.GroupSnapshot, id=new_id(), project_id=PROJECT_ID,
                               user_id=USER_ID, group_id=source_group.id,
                               group_type_id=source_group.group_type_id,
                               status='creating'), group=source_group))


def stored(view, update):
    """``view`` as the manager reloads it after recording ``update``: available, located."""
    values = dict(view, status='available')
    if update.get('provider_location'):
        values['provider_location'] = update['provider_location']
    return Resource(values)


def check_model_update(update, method):
    """A model update is None or a dict whose ``provider_location`` fits its column.

    :returns: the update, ``{}`` for None.
    """
    assert update is None or isinstance(update, dict), (
        '%s must return a dict or None, not %r' % (method, update))
    location = (update or {}).get('provider_location')
    assert location is None or (isinstance(location, str)
                                and len(location) <= LOCATION_LENGTH), (
        '%s returned provider_location %r: it must be a string of at most %d '
        'characters' % (method, location, LOCATION_LENGTH))
    assert (update or {}).get('status') not in ('error', 'error_deleting'), (
        '%s reported status %s on a healthy backend' % (method, update['status']))
    return update or {}


def volume_type(**extra_specs):
    """The view of a volume type the manager hands to ``retype``."""
    return Resource(id=new_id(), name='conformance-%s' % new_id()[:8], description=None,
                    is_public=True, qos_specs_id=None, extra_specs=extra_specs)


def check_retype(answer):
    """``retype`` answers True, False or ``(bool, model_update)``.

    :returns: ``(retyped, model update)``.
    """
    if isinstance(answer, (tuple, list)):
        assert len(answer) == 2 and isinstance(answer[0], bool), (
            'retype must return a bool or (bool, model_update), not %r' % (answer,))
        return answer[0], check_model_update(answer[1], 'retype')
    assert isinstance(answer, bool), (
        'retype must return a bool or (bool, model_update), not %r' % (answer,))
    return answer, {}


def check_pair(result, method):
    """``(model_update, members_model_update)``: the two halves a group method returns."""
    assert isinstance(result, (tuple, list)) and len(result) == 2, (
        '%s must return (model_update, members_model_update), not %r' % (method, result))
    return check_model_update(result[0], method), result[1]


def check_member_updates(updates, members, method, status):
    """Per-member updates: dicts with the id of one of ``members``, each at most once.

    ``status`` is the one status a member of a healthy backend may report
    (``available`` after a create, ``deleted`` after a delete).

    :returns: ``{member id: update}``; empty for None ("every member is fine").
    """
    if updates is None:
        return {}
    assert isinstance(updates, (list, tuple)), (
        '%s must return a list of member updates or None, not %r' % (method, updates))
    ids = {member.id for member in members}
    by_id = {}
    for update in updates:
        assert isinstance(update, dict) and update.get('id') in ids, (
            '%s returned %r: each member update is a dict whose id is one of %s'
            % (method, update, sorted(ids)))
        assert update['id'] not in by_id, (
            '%s returned two updates for %s' % (method, update['id']))
        assert update.get('status') in (None, status), (
            '%s reported %s for %s on a healthy backend (expected %s)'
            % (method, update.get('status'), update['id'], status))
        check_model_update({'provider_location': update.get('provider_location')}, method)
        by_id[update['id']] = update
    return by_id


def connector(host='conformance-host'):
    """os-brick's connector properties as a compute host sends them (Cinder's example)."""
    return {'initiator': 'iqn.1993-08.org.debian:01:cad181614cec', 'ip': '192.0.2.20',
            'platform': 'x86_64', 'host': host, 'os_type': 'linux2', 'multipath': False,
            'do_local_attach': False}


def check_connection_info(info, method='initialize_connection'):
    """Cinder's ``conn_info``: ``driver_volume_type`` and a ``data`` dict, all JSON.

    :returns: the info.
    """
    assert isinstance(info, dict), '%s must return a dict, not %r' % (method, info)
    kind = info.get('driver_volume_type')
    assert isinstance(kind, str) and kind, (
        '%s must name the os-brick connector in driver_volume_type, not %r'
        % (method, kind))
    assert isinstance(info.get('data'), dict), (
        '%s must return the connector\'s properties as a dict in data, not %r'
        % (method, info.get('data')))
    try:
        json.dumps(info)
    except (TypeError, ValueError) as e:
        raise AssertionError('%s returned %r, which JSON cannot carry to the client: %s'
                             % (method, info, e)) from None
    if kind == 'local':
        assert isinstance(info['data'].get('device_path'), str), (
            'os-brick\'s LocalConnector needs data.device_path, not %r' % (info['data'],))
    return info
