"""Client of the volume manager: one method per remote call, cast to the volume's host.

Version history:

* 1.0 - Initial: volumes, snapshots, consistency groups, cgsnapshots and
  create_consistencygroup_from_src(group_id, cgsnapshot_id, source_cg_id).
"""

from cinderlite import rpc
from cinderlite.volume import hosts


class VolumeAPI:
    RPC_API_VERSION = '1.0'

    def __init__(self, conf, transport):
        self.retries = conf.rpc_cast_retries
        self.client = rpc.get_client(transport, rpc.VOLUME_TOPIC, self.RPC_API_VERSION,
                                     version_cap=conf.upgrade_levels.volume)

    def _cast(self, context, host, method, **kwargs):
        rpc.cast(self.client, context, method, self.retries,
                 server=hosts.backend_host(host), version='1.0', **kwargs)

    def create_volume(self, context, host, volume_id):
        self._cast(context, host, 'create_volume', volume_id=volume_id)

    def delete_volume(self, context, host, volume_id):
        self._cast(context, host, 'delete_volume', volume_id=volume_id)

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
        self._cast(context, host, 'create_consistencygroup_from_src', group_id=group_id,
                   cgsnapshot_id=cgsnapshot_id, source_cg_id=source_cg_id)
