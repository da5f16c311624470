"""The scheduler's RPC endpoint: pick a host, record it, cast to that volume service."""

import threading

from oslo_log import log as logging
import oslo_messaging as messaging

from cinderlite import message
from cinderlite.db import engine as db_engine
from cinderlite.db import groups as db_groups
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes
from cinderlite.scheduler import capacity
from cinderlite.scheduler import filters
from cinderlite.scheduler import host_state
from cinderlite.volume import retypes
from cinderlite.volume import rpcapi as volume_rpcapi

LOG = logging.getLogger(__name__)


class SchedulerManager:

    # The newest message version this manager accepts (scheduler/rpcapi.py's history).
    target = messaging.Target(version='1.1')

    def __init__(self, conf, transport):
        self.conf = conf
        self.volume_rpcapi = volume_rpcapi.VolumeAPI(conf, transport)
        # Placement decisions are serialised, each writing its host before the
        # next reads the capacity, so that each sees the others' volumes.
        self._lock = threading.Lock()

    @staticmethod
    def _why_no_host(ctx, hosts, wanted, size_gb, type_ids, specs):
        names = [t.name for t in db_types.get_types_by_ids(ctx, type_ids).values()]
        return filters.why_no_host(hosts, wanted, size_gb, names, specs)

    def create_volume(self, context, volume_id):
        ctx = context.elevated()
        volume = db_volumes.get_volume(ctx, volume_id)
        if volume.status != 'creating' or volume.host:
            return
        specs = list(db_types.get_extra_specs(ctx, [volume.volume_type_id]).values())
        wanted = filters.backend_names_wanted(specs)
        thin = capacity.thin_requested(specs)
        with self._lock:
            hosts = host_state.live_hosts(ctx, self.conf.service_down_time)
            host = filters.best_host(hosts, wanted, volume.size, thin, specs)
            placed = host is not None and db_volumes.conditional_update(
                ctx, volume_id, {'host': host.pool_host}, ['creating'], host=None)
        if host is None:
            _log_full_hosts(hosts, wanted, volume_id, volume.size, thin)
            reason = self._why_no_host(ctx, hosts, wanted, volume.size,
                                       [volume.volume_type_id], specs)
            LOG.warning('No valid host for volume %(id)s: %(reason)s',
                        {'id': volume_id, 'reason': reason})
            with db_engine.transaction(ctx):    # the error and its reason, together
                if db_volumes.conditional_update(ctx, volume_id, {'status': 'error'},
                                                 ['creating']):
                    message.record(ctx, volume.project_id, volume_id, 'VOLUME_000001',
                                   reason)
            return
        if placed:
            self.volume_rpcapi.create_volume(ctx, host.pool_host, volume_id)

    def retype(self, context, volume_id, new_type_id, migration_policy=None):
        """Choose where a ``retyping`` volume takes ``new_type_id``, and cast there.

        Its own backend, when that backend is up and fits the new type
        (capacity aside: the volume is there already); else, with
        ``migration_policy`` ``on-demand``, the best other backend that fits
        and has room; otherwise nowhere (the volume returns to its status and
        its owner is told why), as Cinder does.
        """
        ctx = context.elevated()
        volume = db_volumes.get_volume(ctx, volume_id)
        if volume.status != 'retyping':
            return
        specs = list(db_types.get_extra_specs(ctx, [new_type_id]).values())
        wanted = filters.backend_names_wanted(specs)
        hosts = host_state.live_hosts(ctx, self.conf.service_down_time)
        here = [h for h in hosts if h.pool_host == volume.host]
        if here and filters.fits(here[0], wanted, specs):
            self.volume_rpcapi.retype(ctx, volume.host, volume_id, new_type_id,
                                      volume.host, migration_policy)
            return
        if not here:
            reason = "the volume's backend is not running; ask your cloud administrator."
        elif migration_policy == 'on-demand':
            others = [h for h in hosts if h.service_host != here[0].service_host]
            with self._lock:
                dest = filters.best_host(others, wanted, volume.size,
                                         capacity.thin_requested(specs), specs)
            if dest is not None:
                self.volume_rpcapi.retype(ctx, volume.host, volume_id, new_type_id,
                                          dest.pool_host, migration_policy)
                return
            reason = self._why_no_host(ctx, others, wanted, volume.size, [new_type_id],
                                       specs)
        else:
            reason = ("the volume's backend does not fit the new type, and "
                      'migration_policy never lets the volume move.')
        LOG.warning('Volume %(id)s cannot be retyped: %(reason)s',
                    {'id': volume_id, 'reason': reason})
        retypes.end_retype(ctx, volume, '%s %s' % (reason, retypes.KEPT))

    def create_consistencygroup(self, context, group_id):
        ctx = context.elevated()
        group = db_groups.get_group(ctx, group_id)
        if group.status != 'creating' or group.host:
            return
        type_ids = db_groups.get_volume_type_ids(ctx, [group_id])[group_id]
        specs = list(db_types.get_extra_specs(ctx, type_ids).values())
        wanted = filters.backend_names_wanted(specs)
        with self._lock:
            hosts = host_state.live_hosts(ctx, self.conf.service_down_time)
            host = filters.best_host(hosts, wanted, 0, specs_of_types=specs)
        if host is None:
            LOG.warning('No valid host for group %s', group_id)
            reason = self._why_no_host(ctx, hosts, wanted, 0, type_ids, specs)
            with db_engine.transaction(ctx):
                if db_groups.conditional_update(ctx, group_id, {'status': 'error'},
                                                ['creating']):
                    message.record(ctx, group.project_id, group_id, 'GROUP_000001', reason)
            return
        db_groups.update_group(ctx, group_id, {'host': host.pool_host})
        self.volume_rpcapi.create_consistencygroup(ctx, host.pool_host, group_id)


def _log_full_hosts(hosts, wanted, volume_id, size_gb, thin):
    """Tell the operator, backend by backend, why each one of the right name is full."""
    for host in hosts:
        if wanted and wanted != {host.backend_name}:
            continue
        why = host.capacity.refusal(size_gb, thin)
        if why:
            LOG.warning('Backend %(host)s cannot hold volume %(id)s: %(why)s',
                        {'host': host.pool_host, 'id': volume_id, 'why': why})
