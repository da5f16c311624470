"""Policy defaults in code, one module per resource; list_rules() feeds oslo.policy."""

import itertools

from cinderlite.policies import attachments
from cinderlite.policies import backups
from cinderlite.policies import base
from cinderlite.policies import capabilities
from cinderlite.policies import cgsnapshots
from cinderlite.policies import consistencygroups
from cinderlite.policies import default_types
from cinderlite.policies import encryption
from cinderlite.policies import group_snapshots
from cinderlite.policies import group_types
from cinderlite.policies import groups
from cinderlite.policies import hosts
from cinderlite.policies import limits
from cinderlite.policies import messages
from cinderlite.policies import qos_specs
from cinderlite.policies import quota_class_sets
from cinderlite.policies import quota_sets
from cinderlite.policies import scheduler_stats
from cinderlite.policies import services
from cinderlite.policies import snapshot_actions
from cinderlite.policies import snapshot_metadata
from cinderlite.policies import snapshots
from cinderlite.policies import transfers
from cinderlite.policies import type_access
from cinderlite.policies import types
from cinderlite.policies import volume_actions
from cinderlite.policies import volumes


def list_rules():
    return list(itertools.chain(
        base.list_rules(),
        backups.list_rules(),
        volumes.list_rules(),
        volume_actions.list_rules(),
        snapshots.list_rules(),
        snapshot_actions.list_rules(),
        snapshot_metadata.list_rules(),
        types.list_rules(),
        default_types.list_rules(),
        type_access.list_rules(),
        encryption.list_rules(),
        qos_specs.list_rules(),
        transfers.list_rules(),
        quota_sets.list_rules(),
        messages.list_rules(),
        consistencygroups.list_rules(),
        cgsnapshots.list_rules(),
        services.list_rules(),
        hosts.list_rules(),
        scheduler_stats.list_rules(),
        capabilities.list_rules(),
        limits.list_rules(),
        quota_class_sets.list_rules(),
        group_types.list_rules(),
        groups.list_rules(),
        group_snapshots.list_rules(),
        attachments.list_rules(),
    ))
