"""The API-side service layer, one module per resource, and the one place it is wired.

Handlers call these objects; they check state, charge quota and write rows
in one transaction, then cast to the scheduler or a volume host. They never
see webob, a driver or the manager.
"""

from cinderlite.db import engine as db_engine
from cinderlite.scheduler import rpcapi as scheduler_rpcapi
from cinderlite.services import attachments
from cinderlite.services import availability_zones
from cinderlite.services import capabilities
from cinderlite.services import cgsnapshots
from cinderlite.services import consistencygroups
from cinderlite.services import default_types
from cinderlite.services import encryption
from cinderlite.services import group_clones
from cinderlite.services import group_snapshots
from cinderlite.services import group_types
from cinderlite.services import groups
from cinderlite.services import hosts
from cinderlite.services import limits
from cinderlite.services import log_levels
from cinderlite.services import messages
from cinderlite.services import qos_specs
from cinderlite.services import quota_class_sets
from cinderlite.services import quotas
from cinderlite.services import resource_filters
from cinderlite.services import scheduler_stats
from cinderlite.services import services
from cinderlite.services import snapshot_actions
from cinderlite.services import snapshots
from cinderlite.services import transfers
from cinderlite.services import type_access
from cinderlite.services import types
from cinderlite.services import volume_actions
from cinderlite.services import volumes
from cinderlite.volume import rpcapi as volume_rpcapi


class Services:
    """Everything a handler may call, built once per API process."""

    def __init__(self, conf, transport):
        self.conf = conf
        scheduler = scheduler_rpcapi.SchedulerAPI(conf, transport)
        volume = volume_rpcapi.VolumeAPI(conf, transport)
        self.volumes = volumes.VolumeService(conf, scheduler, volume)
        self.volume_actions = volume_actions.VolumeActionService(conf, volume, self.volumes)
        self.attachments = attachments.AttachmentService(conf, volume)
        self.snapshots = snapshots.SnapshotService(conf, volume)
        self.snapshot_actions = snapshot_actions.SnapshotActionService()
        self.types = types.TypeService()
        self.type_access = type_access.TypeAccessService()
        self.default_types = default_types.DefaultTypeService()
        self.encryption = encryption.EncryptionService()
        self.qos_specs = qos_specs.QosSpecsService()
        self.transfers = transfers.TransferService(conf)
        self.quotas = quotas.QuotaService(conf)
        self.messages = messages.MessageService()
        self.groups = consistencygroups.ConsistencyGroupService(conf, scheduler, volume)
        self.cgsnapshots = cgsnapshots.CgSnapshotService(conf, volume)
        self.clones = group_clones.GroupCloneService(conf, volume)
        self.group_types = group_types.GroupTypeService(conf)
        self.generic_groups = groups.GroupService(conf, scheduler, volume, self.clones)
        self.group_snapshots = group_snapshots.GroupSnapshotService(conf, volume)
        self.services = services.ServiceStateService(conf)
        self.hosts = hosts.HostService(conf)
        self.availability_zones = availability_zones.AvailabilityZoneService(conf)
        self.pools = scheduler_stats.SchedulerStatsService(conf)
        self.capabilities = capabilities.CapabilityService()
        self.limits = limits.LimitService(conf)
        self.log_levels = log_levels.LogLevelService(conf, transport)
        self.quota_classes = quota_class_sets.QuotaClassService(conf)
        self.resource_filters = resource_filters.ResourceFilterService(conf)

    @staticmethod
    def reading(context):
        """One read transaction for a whole request: every read on ``context`` joins it.

        A show or a list then costs one transaction (one BEGIN, one
        connection checkout) however many queries build its view.
        """
        return db_engine.reader(context)
