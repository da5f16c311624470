"""Client of the volume manager: one method per remote call, cast to the volume's host.

Version history:

* 1.0 - Initial: volumes, snapshots, consistency groups, cgsnapshots and
  create_consistencygroup_from_src(group_id, cgsnapshot_id, source_cg_id).
* 1.1 - create_consistencygroup_from_src(group_id) alone: the manager takes
  the source from the group row (``source_cg_id`` or ``cgsnapshot_id``), the
  record the API wrote and the one a restarted service resumes from, so the
  message can no longer disagree with it. The ids are still sent to 1.0
  managers, which need them: set ``[upgrade_levels] volume = 1.0`` until
  every volume service runs 1.1.
* 1.2 - extend_volume(volume_id, new_size, old_size). A 1.1 manager cannot extend:
  while ``[upgrade_levels] volume`` is below 1.2 an extend is refused (503)
  before anything is written.
* 1.3 - delete_volume(volume_id, cascade): with ``cascade`` the manager first
  deletes the volume's snapshots that the API moved to ``deleting`` with it.
  While capped below 1.3 a cascading delete is refused (503) before anything
  is written; other deletes are still sent as 1.0.
* 1.4 - retype(volume_id, new_type_id, dest_host, migration_policy): the
  scheduler sends it to the volume's backend once it chose where the volume
  goes (``dest_host``; the volume's own backend retypes in place). While
  capped below 1.4 a retype is refused (503) before anything is written.
* 1.5 - Attaching, all synchronous calls: initialize_connection(volume_id,
  connector), terminate_connection(volume_id, connector, force),
  detach_volume(volume_id, attachment_id), attachment_update(volume_id,
  attachment_id, connector), attachment_delete(volume_id, attachment_id).
  While ``[upgrade_levels] volume`` is below 1.5 they are refused (503)
  before anything is written.
* 1.6 - revert_to_snapshot(volume_id, snapshot_id). While capped below 1.6 a
  revert is refused (503) before anything is written.
* 1.7 - extend_volume of an ``in-use`` volume (3.42): same arguments, sent as
  1.7, because only a 1.7 manager returns the volume to the status it had
  (``previous_status``) rather than ``available``. While capped below 1.7
  an extend of an attached volume is refused (503) before anything is
  written; other extends are still sent as 1.2.
* 1.8 - receive_migration(volume_id, new_type_id, source_connection) and
  finish_migration(volume_id, source, dest_host, delete): a retype with
  ``migration_policy=on-demand`` moves the volume to another backend. While
  capped below 1.8 such a retype is refused (503) before anything is written.

A manager of version 1.x accepts every 1.y message with y <= x and refuses
newer ones (oslo.messaging's UnsupportedVersion): upgrade the volume services
before lifting the cap.
"""

from cinderlite import hosts
from cinderlite import rpc


class VolumeAPI:
    RPC_API_VERSION = '1.8'

    def __init__(self, conf, transport):
        self.retries = conf.rpc_cast_retries
        self.client = rpc.get_client(transport, conf.volume_topic, self.RPC_API_VERSION,
                                     version_cap=conf.upgrade_levels.volume)

    def _cast(self, context, host, method, version='1.0', **kwargs):
        rpc.cast(self.client, context, method, self.retries,
                 server=hosts.backend_host(host), version=version, **kwargs)

    def create_volume(self, context, host, volume_id):
        self._cast(context, host, 'create_volume', volume_id=volume_id)

    def delete_volume(self, context, host, volume_id, cascade=False):
        if cascade:
            self._cast(context, host, 'delete_volume', version='1.3', volume_id=volume_id,
                       cascade=True)
        else:
            self._cast(context, host, 'delete_volume', volume_id=volume_id)

    def can_cascade(self):
        """Whether the volume services may be sent a cascading delete (RPC 1.3)."""
        return self.client.can_send_version('1.3')

    def create_snapshot(self, context, host, snapshot_id):
        self._cast(context, host, 'create_snapshot', snapshot_id=snapshot_id)

    def delete_snapshot(self, context, host, snapshot_id):
        self._cast(context, host, 'delete_snapshot', snapshot_id=snapshot_id)

    def create_consistencygroup(self, context, host, group_id):
        self._cast(context, host, 'create_consistencygroup', group_id=group_id)

    def delete_consistencygroup(self, context, host, group_id):
        self._cast(context, host, 'delete_consistencygroup', group_id=group_id)

    def update_consistencygroup(self, context, host, group_id, add_volume_ids,
                                remove_volume_ids):
        self._cast(context, host, 'update_consistencygroup', group_id=group_id,
                   add_volume_ids=add_volume_ids, remove_volume_ids=remove_volume_ids)

    def create_cgsnapshot(self, context, host, cgsnapshot_id):
        self._cast(context, host, 'create_cgsnapshot', cgsnapshot_id=cgsnapshot_id)

    def delete_cgsnapshot(self, context, host, cgsnapshot_id):
        self._cast(context, host, 'delete_cgsnapshot', cgsnapshot_id=cgsnapshot_id)

    def create_consistencygroup_from_src(self, context, host, group_id,
                                         cgsnapshot_id=None, source_cg_id=None):
        """Clone into ``group_id`` on ``host``.

        ``cgsnapshot_id`` and ``source_cg_id`` are what the group row records;
        they travel only while ``[upgrade_levels] volume`` holds messages at 1.0.
        """
        if self.client.can_send_version('1.1'):
            self._cast(context, host, 'create_consistencygroup_from_src', version='1.1',
                       group_id=group_id)
        else:
            self._cast(context, host, 'create_consistencygroup_from_src',
                       group_id=group_id, cgsnapshot_id=cgsnapshot_id,
                       source_cg_id=source_cg_id)

    def can_extend(self):
        """Whether the volume services may be sent extend_volume (RPC 1.2)."""
        return self.client.can_send_version('1.2')

    def can_extend_attached(self):
        """Whether the volume services may be sent the extend of an in-use volume (1.7)."""
        return self.client.can_send_version('1.7')

    def extend_volume(self, context, host, volume_id, new_size, old_size, attached=False):
        self._cast(context, host, 'extend_volume', version='1.7' if attached else '1.2',
                   volume_id=volume_id, new_size=new_size, old_size=old_size)

    def can_retype(self):
        """Whether the volume services may be sent retype (RPC 1.4)."""
        return self.client.can_send_version('1.4')

    def retype(self, context, host, volume_id, new_type_id, dest_host,
               migration_policy=None):
        self._cast(context, host, 'retype', version='1.4', volume_id=volume_id,
                   new_type_id=new_type_id, dest_host=dest_host,
                   migration_policy=migration_policy)

    # -- attaching (1.5): calls, whose answers or errors the API needs ----------

    def can_attach(self):
        """Whether the volume services may be sent the attach calls (RPC 1.5)."""
        return self.client.can_send_version('1.5')

    def _call(self, context, host, method, **kwargs):
        return rpc.call(self.client, context, method, server=hosts.backend_host(host),
                        version='1.5', **kwargs)

    def initialize_connection(self, context, host, volume_id, connector):
        """Export the volume to ``connector`` and return Cinder's ``connection_info``."""
        return self._call(context, host, 'initialize_connection', volume_id=volume_id,
                          connector=connector)

    def terminate_connection(self, context, host, volume_id, connector, force=False):
        self._call(context, host, 'terminate_connection', volume_id=volume_id,
                   connector=connector, force=force)

    def detach_volume(self, context, host, volume_id, attachment_id):
        self._call(context, host, 'detach_volume', volume_id=volume_id,
                   attachment_id=attachment_id)

    def attachment_update(self, context, host, volume_id, attachment_id, connector):
        """Connect a reserved attachment; returns its flat ``connection_info``."""
        return self._call(context, host, 'attachment_update', volume_id=volume_id,
                          attachment_id=attachment_id, connector=connector)

    def attachment_delete(self, context, host, volume_id, attachment_id):
        self._call(context, host, 'attachment_delete', volume_id=volume_id,
                   attachment_id=attachment_id)

    def can_revert(self):
        """Whether the volume services may be sent revert_to_snapshot (RPC 1.6)."""
        return self.client.can_send_version('1.6')

    def revert_to_snapshot(self, context, host, volume_id, snapshot_id):
        self._cast(context, host, 'revert_to_snapshot', version='1.6', volume_id=volume_id,
                   snapshot_id=snapshot_id)

    def can_migrate(self):
        """Whether the volume services may be sent the migration casts (RPC 1.8)."""
        return self.client.can_send_version('1.8')

    def receive_migration(self, context, host, volume_id, new_type_id, source_connection):
        self._cast(context, host, 'receive_migration', version='1.8', volume_id=volume_id,
                   new_type_id=new_type_id, source_connection=source_connection)

    def finish_migration(self, context, host, source, dest_host, delete):
        self._cast(context, host, 'finish_migration', version='1.8', volume_id=source['id'],
                   source=source, dest_host=dest_host, delete=delete)
