"""The one place the API's service-layer objects are wired to config and RPC."""

from cinderlite.group import api as group_api
from cinderlite.group import cgsnapshot_api
from cinderlite.group import clone_api
from cinderlite.scheduler import rpcapi as scheduler_rpcapi
from cinderlite.volume import api as volume_api
from cinderlite.volume import message_api
from cinderlite.volume import quota_api
from cinderlite.volume import rpcapi as volume_rpcapi
from cinderlite.volume import snapshot_api
from cinderlite.volume import type_api


class Services:
    """Everything a handler may call, built once per API process."""

    def __init__(self, conf, transport):
        self.conf = conf
        scheduler = scheduler_rpcapi.SchedulerAPI(conf, transport)
        volume = volume_rpcapi.VolumeAPI(conf, transport)
        self.volumes = volume_api.VolumeAPI(conf, scheduler, volume)
        self.snapshots = snapshot_api.SnapshotAPI(conf, volume)
        self.types = type_api.TypeAPI()
        self.quotas = quota_api.QuotaAPI(conf)
        self.messages = message_api.MessageAPI()
        self.groups = group_api.GroupAPI(conf, scheduler, volume)
        self.cgsnapshots = cgsnapshot_api.CgSnapshotAPI(conf, volume)
        self.clones = clone_api.CloneAPI(conf, volume)
