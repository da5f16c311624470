"""Client of the scheduler.

Version history:

* 1.0 - Initial: create_volume(volume_id), create_consistencygroup(group_id).
"""

from cinderlite import rpc


class SchedulerAPI:
    RPC_API_VERSION = '1.0'

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
