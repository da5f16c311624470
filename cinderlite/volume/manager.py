"""The volume manager: the RPC endpoint of one backend (``host@backend``).

It owns every status transition after the API's first write, through the
operations it composes (one object per concern, each given what it uses):
they load rows by id, call the driver, and record the outcome (and quota
refunds on delete) in one transaction. A cast for a resource that is no
longer in the status it expects is ignored, so a redelivered message is
harmless.
"""

from concurrent import futures

import oslo_messaging as messaging

from cinderlite import context as cl_context
from cinderlite import exception
from cinderlite import hosts
from cinderlite.conf import volume as volume_conf
from cinderlite.volume import attach
from cinderlite.volume import cgsnapshots
from cinderlite.volume import clones
from cinderlite.volume import groups
from cinderlite.volume import migrations
from cinderlite.volume import recovery
from cinderlite.volume import retypes
from cinderlite.volume import rpcapi as volume_rpcapi
from cinderlite.volume import snapshots
from cinderlite.volume import volumes
from cinderlite.volume.drivers import loader


class VolumeManager:
    """Endpoint of ``cinderlite-volume`` for one backend: each method is one RPC call."""

    # The newest message version this manager accepts (volume/rpcapi.py's history).
    target = messaging.Target(version='1.8')

    def __init__(self, conf, backend, transport=None):
        self.conf = conf
        self.backend = backend
        self.service_host = '%s@%s' % (conf.host, backend)
        self.driver = loader.load_driver(
            conf, volume_conf.register_backend_opts(conf, backend), backend)
        self.host = hosts.pool_host(self.service_host, self.driver.backend_name)
        self.clone_executor = futures.ThreadPoolExecutor(
            conf.clone_workers, thread_name_prefix='clone-%s' % backend)
        self._volumes = volumes.VolumeOperations(self.driver)
        self._snapshots = snapshots.SnapshotOperations(self.driver)
        self._groups = groups.GroupOperations(self.driver, self._volumes)
        self._cgsnapshots = cgsnapshots.CgSnapshotOperations(self.driver,
                                                             self.clone_executor)
        self._clones = clones.CloneOperations(self.driver, self.clone_executor)
        self._retypes = retypes.RetypeOperations(conf, self.driver)
        # Migrations cast to the other backend's manager (none without a transport).
        self._migrations = migrations.MigrationOperations(
            self.driver, self.service_host, self._retypes,
            volume_rpcapi.VolumeAPI(conf, transport) if transport else None)
        self._attach = attach.AttachOperations(self.driver)

    # -- life cycle (called by the service, not over RPC) ----------------------

    def init_host(self):
        """Set the driver up, recreate exports in use, then finish what a run left in flight."""
        ctx = cl_context.get_admin_context()
        self.driver.do_setup(ctx)
        self.driver.check_for_setup_error()
        self._attach.ensure_exports(ctx, self.service_host + '#')
        recovery.resume_work_in_flight(self, ctx)

    def report_capabilities(self):
        """What the heartbeat stores for the scheduler: the driver's stats and our pool.

        The backend section's capacity options apply whatever the driver, unless
        its report gives its own values.
        """
        stats = dict(self.driver.get_volume_stats(refresh=True))
        stats['pool_host'] = self.host
        options = self.driver.backend_conf
        stats.setdefault('max_over_subscription_ratio', options.max_over_subscription_ratio)
        stats.setdefault('reserved_percentage', options.reserved_percentage)
        return stats

    def cleanup(self):
        self.clone_executor.shutdown(wait=True)

    # -- RPC: volumes and snapshots ---------------------------------------------

    def create_volume(self, context, volume_id):
        self._volumes.create(context.elevated(), volume_id)

    def delete_volume(self, context, volume_id, cascade=False):
        """Delete a ``deleting`` volume; ``cascade`` (1.3) its ``deleting`` snapshots first."""
        ctx = context.elevated()
        if cascade and not self._snapshots.delete_those_of_volume(ctx, volume_id):
            return
        self._volumes.delete(ctx, volume_id)

    def extend_volume(self, context, volume_id, new_size, old_size=None):
        self._volumes.extend(context.elevated(), volume_id, new_size, old_size)

    def revert_to_snapshot(self, context, volume_id, snapshot_id):
        """Revert a ``reverting`` volume to its ``restoring`` snapshot (RPC 1.5)."""
        self._volumes.revert(context.elevated(), volume_id, snapshot_id)

    def retype(self, context, volume_id, new_type_id, dest_host, migration_policy=None):
        """Give a ``retyping`` volume the type ``new_type_id`` (RPC 1.4).

        ``dest_host`` is where the scheduler found the new type fits: this
        backend, where the volume is retyped in place, or another, to which it
        moves (volume/migrations.py).
        """
        ctx = context.elevated()
        if hosts.backend_host(dest_host) == self.service_host:
            self._retypes.retype_in_place(ctx, volume_id, new_type_id)
        else:
            self._migrations.start(ctx, volume_id, new_type_id, dest_host)

    def receive_migration(self, context, volume_id, new_type_id, source_connection):
        """Make the copy of a volume moving here, then switch it (RPC 1.8)."""
        self._migrations.receive(context.elevated(), volume_id, new_type_id,
                                 source_connection, self.host)

    def finish_migration(self, context, volume_id, source, dest_host, delete):
        """Disconnect the old copy of a moved volume; ``delete`` it once moved (RPC 1.8)."""
        self._migrations.finish(context.elevated(), source, dest_host, delete)

    def create_snapshot(self, context, snapshot_id):
        self._snapshots.create(context.elevated(), snapshot_id)

    def delete_snapshot(self, context, snapshot_id):
        self._snapshots.delete(context.elevated(), snapshot_id)

    # -- RPC: consistency groups and cgsnapshots ----------------------------------

    def create_consistencygroup(self, context, group_id):
        self._groups.create(context.elevated(), group_id)

    def delete_consistencygroup(self, context, group_id):
        self._groups.delete(context.elevated(), group_id)

    def update_consistencygroup(self, context, group_id, add_volume_ids,
                                remove_volume_ids):
        self._groups.update(context.elevated(), group_id, add_volume_ids,
                            remove_volume_ids)

    def create_cgsnapshot(self, context, cgsnapshot_id):
        self._cgsnapshots.create(context.elevated(), cgsnapshot_id)

    def delete_cgsnapshot(self, context, cgsnapshot_id):
        self._cgsnapshots.delete(context.elevated(), cgsnapshot_id)

    def create_consistencygroup_from_src(self, context, group_id, cgsnapshot_id=None,
                                         source_cg_id=None):
        """Clone the group row's source into ``group_id`` (RPC 1.1).

        ``cgsnapshot_id`` and ``source_cg_id`` arrive only from 1.0 senders and
        name the same source as the row, which is what is cloned.
        """
        self._clones.create_group_from_source(context.elevated(), group_id)

    # -- RPC 1.5: attaching (calls: the caller waits for the answer or the error) ----

    @messaging.expected_exceptions(exception.CinderliteException)
    def initialize_connection(self, context, volume_id, connector):
        return self._attach.initialize_connection(context.elevated(), volume_id, connector)

    @messaging.expected_exceptions(exception.CinderliteException)
    def terminate_connection(self, context, volume_id, connector, force=False):
        self._attach.terminate_connection(context.elevated(), volume_id, connector, force)

    @messaging.expected_exceptions(exception.CinderliteException)
    def detach_volume(self, context, volume_id, attachment_id):
        self._attach.detach_volume(context.elevated(), volume_id, attachment_id)

    @messaging.expected_exceptions(exception.CinderliteException)
    def attachment_update(self, context, volume_id, attachment_id, connector):
        return self._attach.attachment_update(context.elevated(), volume_id, attachment_id,
                                              connector)

    @messaging.expected_exceptions(exception.CinderliteException)
    def attachment_delete(self, context, volume_id, attachment_id):
        self._attach.attachment_delete(context.elevated(), volume_id, attachment_id)
