"""Client of the scheduler.

Version history:

* 1.0 - Initial: create_volume(volume_id), create_consistencygroup(group_id).
* 1.1 - retype(volume_id, new_type_id, migration_policy): choose where a
  ``retyping`` volume goes (its own backend when that fits the new type).
"""

from cinderlite import rpc


class SchedulerAPI:
    RPC_API_VERSION = '1.1'

    def __init__(self, conf, transport):
        self.retries = conf.rpc_cast_retries
        self.client = rpc.get_client(transport, conf.scheduler_topic, self.RPC_API_VERSION,
                                     version_cap=conf.upgrade_levels.scheduler)

    def create_volume(self, context, volume_id):
        rpc.cast(self.client, context, 'create_volume', self.retries, version='1.0',
                 volume_id=volume_id)

    def create_consistencygroup(self, context, group_id):
        rpc.cast(self.client, context, 'create_consistencygroup', self.retries,
                 version='1.0', group_id=group_id)

    def can_retype(self):
        """Whether the scheduler may be sent retype (RPC 1.1)."""
        return self.client.can_send_version('1.1')

    def retype(self, context, volume_id, new_type_id, migration_policy=None):
        rpc.cast(self.client, context, 'retype', self.retries, version='1.1',
                 volume_id=volume_id, new_type_id=new_type_id,
                 migration_policy=migration_policy)
