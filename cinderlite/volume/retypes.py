"""Manager operations of a retype: a volume takes another volume type.

The API moved the volume to ``retyping`` (remembering its status in
``previous_status``), and the scheduler chose where it goes: its own backend
when that fits the new type. There the driver's ``retype`` adjusts the
backend if it needs to, then one transaction records the new type, moves
the per-type quota (``volumes_<type>``, ``gigabytes_<type>`` and, for its
snapshots, which take the new type too, ``snapshots_<type>``) and returns the
volume to its status. Whatever fails, the volume keeps its type and its
status, and its owner gets a message saying why.
"""

import collections

from oslo_log import log as logging

from cinderlite import exception
from cinderlite import message
from cinderlite import quota
from cinderlite.db import encryption as db_encryption
from cinderlite.db import engine as db_engine
from cinderlite.db import qos_specs as db_qos_specs
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.volume import model_updates
from cinderlite.volume.driver_view import Resource

LOG = logging.getLogger(__name__)

#: What a user reads when a retype fails: the volume is as it was.
KEPT = 'The volume keeps its type and its data.'


def end_retype(ctx, volume, reason):
    """Give a retype up: back to the status it had, and tell its owner ``reason``.

    One transaction; nothing is told if the volume was no longer ``retyping``.
    """
    with db_engine.transaction(ctx):
        if give_up(ctx, volume):
            message.record(ctx, volume.project_id, volume.id, 'VOLUME_000005', reason)
            return True
    return False


def give_up(ctx, volume):
    """``retyping`` -> the status it had; whether this call moved it."""
    values = {'status': volume.previous_status or 'available', 'previous_status': None,
              'migration_status': 'error' if volume.migration_status else None}
    return db_volumes.conditional_update(ctx, volume.id, values, ['retyping'])


def types_diff(ctx, old_type_id, new_type_id):
    """Cinder's ``volume_types_diff``: ``{"extra_specs"|"qos_specs"|"encryption": {key:
    (old, new)}}`` of what differs between the two types."""
    types = db_types.get_types_by_ids(ctx, {old_type_id, new_type_id})
    specs = db_types.get_extra_specs(ctx, [old_type_id, new_type_id])
    qos_ids = [types[t].qos_specs_id for t in (old_type_id, new_type_id)]
    qos = db_qos_specs.get_specs(ctx, [i for i in qos_ids if i])
    _, encrypted = db_encryption.describe_types(ctx, {old_type_id, new_type_id})

    def differ(old, new):
        return {k: (old.get(k), new.get(k)) for k in set(old) | set(new)
                if old.get(k) != new.get(k)}
    return {'extra_specs': differ(specs[old_type_id], specs[new_type_id]),
            'qos_specs': differ(qos.get(qos_ids[0], {}), qos.get(qos_ids[1], {})),
            'encryption': differ({'encrypted': old_type_id in encrypted},
                                 {'encrypted': new_type_id in encrypted})}


def type_view(ctx, type_id):
    """The driver's view of a volume type: its columns and ``extra_specs``."""
    vtype = db_types.get_type(ctx, type_id)
    return Resource(id=vtype.id, name=vtype.name, description=vtype.description,
                    is_public=vtype.is_public, qos_specs_id=vtype.qos_specs_id,
                    extra_specs=db_types.get_extra_specs(ctx, [type_id])[type_id])


class RetypeOperations:
    """Given the service's configuration (quota defaults) and the backend's driver."""

    def __init__(self, conf, driver):
        self.conf = conf
        self.driver = driver

    def retype_in_place(self, ctx, volume_id, new_type_id):
        """Retype a ``retyping`` volume on its own backend (the scheduler found it fits)."""
        volume = db_volumes.get_volume(ctx, volume_id)
        if volume.status != 'retyping':
            LOG.info('Volume %(id)s is %(status)s, not retyping: nothing to do',
                     {'id': volume_id, 'status': volume.status})
            return
        try:
            self._check_quota(ctx, volume, new_type_id)
        except exception.OverQuota as e:
            end_retype(ctx, volume, '%s. %s' % (e.msg.rstrip('.'), KEPT))
            return
        diff = types_diff(ctx, volume.volume_type_id, new_type_id)
        update = None
        if any(diff.values()):
            try:
                retyped, update = self._driver_retype(ctx, volume, new_type_id, diff)
            except Exception as e:
                message.record_failure(
                    ctx, e, 'Retyping volume %s' % volume_id, volume, 'VOLUME_000005',
                    KEPT + ' ' + message.ASK_ADMIN,
                    lambda: give_up(ctx, volume))
                return
            if not retyped:
                end_retype(ctx, volume, "the volume's backend cannot give it this type "
                           'in place, and no other backend may take it (migration_policy '
                           'on-demand lets one). ' + KEPT)
                return
        self.switch(ctx, volume, new_type_id, volume.host, update)

    def _driver_retype(self, ctx, volume, new_type_id, diff):
        """``(retyped, model update)`` from the driver; NotImplementedError is success."""
        try:
            answer = self.driver.retype(ctx, Resource.of(volume), type_view(ctx, new_type_id),
                                        diff, Resource(host=volume.host))
        except NotImplementedError:
            return True, None
        if isinstance(answer, (tuple, list)):
            return bool(answer[0]), answer[1]
        return bool(answer), None

    def _check_quota(self, ctx, volume, new_type_id):
        """The new type's quota, checked before the backend is touched (an early refusal)."""
        for project_id, (charge, _) in self._moves(ctx, volume, new_type_id,
                                                   self._snapshots(ctx, volume)).items():
            quota.check(self.conf, ctx, project_id, charge)

    @staticmethod
    def _snapshots(ctx, volume):
        return db_snapshots.list_snapshots(ctx, {'volume_id': volume.id}, all_projects=True)

    @staticmethod
    def _moves(ctx, volume, new_type_id, snapshots):
        """``{project: (charge, refund)}``: the per-type usage moving to the new type."""
        names = db_types.get_type_names(
            ctx, {new_type_id, volume.volume_type_id} | {s.volume_type_id for s in snapshots
                                                         if s.volume_type_id})
        moves = {}
        for project_id in {volume.project_id} | {s.project_id for s in snapshots}:
            mine = [volume.size] if project_id == volume.project_id else []
            charge = quota.type_usage(
                names[new_type_id], mine,
                [s.size for s in snapshots if s.project_id == project_id])
            refund = collections.Counter(quota.type_usage(
                names[volume.volume_type_id], mine))
            for snap in snapshots:
                if snap.project_id == project_id:
                    refund.update(quota.type_usage(names.get(snap.volume_type_id), (),
                                                   [snap.size]))
            moves[project_id] = (charge, dict(refund))
        return moves

    @db_engine.retry_on_deadlock
    def switch(self, ctx, volume, new_type_id, host, model_update=None):
        """Record the new type (and ``host``) and move the quota: one transaction.

        The volume returns to its previous status; its snapshots take the new
        type. Returns whether it switched. Over quota (a racing request took
        what the early check saw free), nothing changes but the status, and
        the owner is told.
        """
        try:
            with db_engine.transaction(ctx):
                rows = db_volumes.lock_volumes(ctx, [volume.id])
                if not rows or rows[0].status != 'retyping':
                    return False
                volume = rows[0]
                snapshots = db_snapshots.lock_snapshots_of_volume(ctx, volume.id)
                for project_id, (charge, refund) in sorted(
                        self._moves(ctx, volume, new_type_id, snapshots).items()):
                    quota.release(ctx, project_id, refund)
                    quota.reserve(self.conf, ctx, project_id, charge)
                values = dict(model_updates.driver_columns(model_update),
                              volume_type_id=new_type_id, host=host,
                              multiattach=db_types.is_multiattach(ctx, new_type_id),
                              status=volume.previous_status or 'available',
                              previous_status=None,
                              migration_status='success' if volume.migration_status else None)
                db_volumes.update_volume(ctx, volume.id, values)
                db_snapshots.update_snapshots(
                    ctx, {s.id: {'volume_type_id': new_type_id} for s in snapshots})
        except exception.OverQuota as e:
            end_retype(ctx, volume, '%s. %s' % (e.msg.rstrip('.'), KEPT))
            return False
        LOG.info('Retyped volume %(id)s to type %(type)s', {'id': volume.id,
                                                          'type': new_type_id})
        return True
