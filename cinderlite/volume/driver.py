"""VolumeDriver: the one documented base class a storage vendor subclasses.

Every method below states its contract. Objects passed in are read-only
:class:`~cinderlite.volume.driver_view.Resource` views (attribute or key access)
of the database rows; a driver never writes the database. What it wants
recorded (``provider_location``, a status) it returns as a *model update*: a
dict of column values, applied by the manager in one transaction.

Errors: raise :class:`cinderlite.exception.VolumeBackendAPIException` (or any
``VolumeDriverException``) when the backend fails; the manager then marks the
resource ``error`` and tells the user why. A group method that answers a model
update whose ``status`` is ``error`` or ``error_deleting`` has failed just the
same. Raise ``NotImplementedError`` from an optional method to get the
manager's generic behaviour (see each method).

Volume rows carry: ``id``, ``size`` (GiB), ``host`` (``host@backend#pool``),
``volume_type_id``, ``group_id``, ``provider_location``, ``source_volid``,
``snapshot_id``. Snapshot rows carry ``id``, ``volume_id``, ``size``,
``group_snapshot_id``, ``provider_location`` and ``volume`` (the parent
volume's Resource). As Cinder's objects do, they also answer the consistency
group names: ``consistencygroup_id`` on volumes and group snapshots,
``cgsnapshot_id`` on snapshots. A consistency group is a group (with
``group_type_id``), a cgsnapshot a group snapshot.
"""

import abc

#: The group spec that asks for consistent group snapshots (Cinder's name).
CONSISTENT_SPEC = 'consistent_group_snapshot_enabled'


def is_group_a_cg_snapshot_type(group):
    """Whether ``group``'s type asks for consistent snapshots (``"<is> True"``).

    ``group.group_specs`` holds its group type's specs. A consistency group
    (the reserved type ``default_cgsnapshot_type``) always does. As Cinder's
    ``volume_utils.is_group_a_cg_snapshot_type``.
    """
    value = (group.get('group_specs') or {}).get(CONSISTENT_SPEC) or ''
    return value.strip().lower() in ('<is> true', 'true')


class VolumeDriver(abc.ABC):
    """Base class of every backend driver.

    :param conf: the service's ConfigOpts.
    :param backend_conf: this backend's option group (``volume_backend_name`` ...).
    :param backend: the name of this backend's config section.
    """

    VERSION = '1.0.0'

    def __init__(self, conf, backend_conf, backend):
        self.conf = conf
        self.backend_conf = backend_conf
        self.backend = backend

    @property
    def backend_name(self):
        return self.backend_conf.volume_backend_name or self.backend

    # -- life cycle ---------------------------------------------------------

    def do_setup(self, context):
        """Prepare the backend once at service start (connect, create folders)."""

    def check_for_setup_error(self):
        """Raise VolumeDriverException if the backend cannot serve; called after do_setup."""

    @abc.abstractmethod
    def get_volume_stats(self, refresh=False):
        """Return the capabilities the scheduler places volumes by.

        Keys: ``volume_backend_name``, ``total_capacity_gb``,
        ``free_capacity_gb`` (numbers, GiB), ``driver_version``,
        ``vendor_name``, ``storage_protocol``. Called at every report.

        Capacity follows Cinder's thin-provisioning model; each key below is
        optional and has Cinder's default:

        - ``allocated_capacity_gb``: the sizes of this backend's volumes that
          the report counts. The scheduler adds the volumes placed on the
          backend since, so count exactly the volumes that exist. Without
          it, the scheduler counts at least the database's volumes.
        - ``provisioned_capacity_gb``: the sizes of everything provisioned,
          volumes, snapshots and anything else (default
          ``allocated_capacity_gb``).
        - ``thin_provisioning_support`` (default False) and
          ``thick_provisioning_support``.
        - ``max_over_subscription_ratio`` (thin only) and
          ``reserved_percentage``: the manager adds the backend section's
          options of these names; report them only to override those.

        ``total_capacity_gb`` or ``free_capacity_gb`` may be ``'infinite'`` or
        ``'unknown'``: such a backend takes any size and is chosen last.
        """

    # -- single volumes -------------------------------------------------------

    @abc.abstractmethod
    def create_volume(self, volume):
        """Create an empty volume of ``volume.size`` GiB; return a model update or None."""

    @abc.abstractmethod
    def delete_volume(self, volume):
        """Delete the volume's data. A volume already absent is not an error."""

    @abc.abstractmethod
    def create_cloned_volume(self, volume, src_vref):
        """Make ``volume`` a copy of the live volume ``src_vref``.

        ``volume.size`` may exceed ``src_vref.size``: the rest reads as zeros.
        Return a model update or None.
        """

    @abc.abstractmethod
    def create_snapshot(self, snapshot):
        """Take a point-in-time copy of ``snapshot.volume``; return a model update or None."""

    @abc.abstractmethod
    def delete_snapshot(self, snapshot):
        """Delete a snapshot's data. A snapshot already absent is not an error."""

    @abc.abstractmethod
    def create_volume_from_snapshot(self, volume, snapshot):
        """Make ``volume`` a copy of ``snapshot``; return a model update or None."""

    def extend_volume(self, volume, new_size):
        """Grow ``volume`` to ``new_size`` GiB, keeping its data.

        Called for an ``available`` volume, and for an ``in-use`` one (from
        microversion 3.42) when the pool reports ``online_extend_support``
        (Cinder's capability; default True): a driver that cannot grow a
        volume a host has open reports it False, and the API refuses those.

        NotImplementedError: this backend cannot extend; the volume becomes
        ``error_extending`` at its former size and the growth is refunded.
        """
        raise NotImplementedError()

    def revert_to_snapshot(self, context, volume, snapshot):
        """Make ``volume``'s data what it was when ``snapshot`` was taken.

        ``snapshot`` is the volume's latest snapshot (of ``snapshot.size`` =
        ``volume.size``: the API refuses any other, as Cinder does) and must
        stay usable afterwards: volumes are still created from it. The volume
        is ``reverting`` and not attached meanwhile.

        NotImplementedError: this backend cannot revert; the volume and the
        snapshot return to ``available`` unchanged and the user is told.
        Any other error leaves the volume ``error`` (its data may be partly
        reverted), the snapshot ``available``.
        """
        raise NotImplementedError()

    def retype(self, context, volume, new_type, diff, host):
        """Give ``volume`` the volume type ``new_type`` without moving it.

        Called on the volume's own backend when the scheduler found it fits
        the new type. ``new_type`` is a view with ``id``, ``name``,
        ``extra_specs`` and ``qos_specs_id``; ``diff`` is Cinder's
        ``{"extra_specs": {key: (old, new)}, "qos_specs": {...},
        "encryption": {...}}`` of what differs (it is not called when nothing
        does); ``host`` is ``{"host": <the volume's host@backend#pool>}``.

        Return True (done), ``(True, model_update)``, or False: the backend
        cannot change this volume in place, and the retype fails (the volume
        keeps its type and returns to its status) unless the user asked for
        ``migration_policy=on-demand`` and another backend fits.
        NotImplementedError: types mean nothing to this backend's data, and
        the manager records the new type alone.
        """
        raise NotImplementedError()

    # -- exports and connections (attaching a volume) ---------------------------
    #
    # Attaching runs, in the volume manager: validate_connector, create_export
    # (its model update is stored on the volume), initialize_connection, whose
    # answer reaches the client; detaching: terminate_connection, then
    # remove_export. ensure_export runs for every volume in use when the
    # service starts. ``connector`` is os-brick's ``get_connector_properties``
    # dict, as Cinder receives it from Nova or a client: ``host``, ``ip``,
    # ``initiator`` (iSCSI), ``wwpns`` (FC), ``platform``, ``os_type``,
    # ``multipath``, ``do_local_attach``..., any of them possibly absent.

    def validate_connector(self, connector):
        """Refuse a connector this backend cannot serve, before anything is exported.

        Raise :class:`cinderlite.exception.InvalidConnectorException` naming
        the missing key (an iSCSI driver needs ``initiator``); the client gets
        a 400. The default accepts any connector.
        """

    def create_export(self, context, volume, connector):
        """Export ``volume`` so that ``connector``'s host can reach it.

        Return a model update (``provider_location``, ``provider_auth``) or
        None; the manager stores it before initialize_connection. A backend
        whose volumes need no export (the file driver, RBD) does nothing.
        """

    def ensure_export(self, context, volume):
        """Recreate ``volume``'s export after a restart; return a model update or None.

        The manager calls it at service start for every volume in use.
        """

    def remove_export(self, context, volume):
        """Remove ``volume``'s export after its last connection is terminated.

        An export already absent is not an error: a detach the manager redoes
        after a crash, or a force detach, finds it gone.
        """

    def initialize_connection(self, volume, connector):
        """Allow ``connector`` to reach ``volume``; return its connection info.

        The answer is Cinder's ``conn_info``: ``{"driver_volume_type": T,
        "data": {...}}``, where ``T`` names the os-brick connector that
        attaches it and ``data`` is what that connector consumes, e.g.::

            {"driver_volume_type": "iscsi",
             "data": {"target_iqn": "iqn.2010-10.org.openstack:volume-1",
                      "target_portal": "192.0.2.10:3260", "target_lun": 1,
                      "target_discovered": False, "volume_id": "<id>",
                      "discard": False}}
            {"driver_volume_type": "rbd",
             "data": {"name": "<pool>/volume-<id>", "hosts": [...],
                      "ports": [...], "auth_enabled": True,
                      "auth_username": "cinder", "secret_type": "ceph",
                      "secret_uuid": "<libvirt secret>", "volume_id": "<id>"}}
            {"driver_volume_type": "local",
             "data": {"device_path": "/path/to/block/device/or/file"}}

        It must be JSON-serializable: it is stored on the attachment and sent
        to the client. The manager adds ``access_mode``, ``qos_specs``,
        ``encrypted`` and ``cacheable`` to ``data`` (a driver may set
        ``discard`` and ``cacheable: False``). Calling it again for the same
        connector must answer the same. Raise
        :class:`cinderlite.exception.InvalidConnectorException` for a
        connector it cannot serve (400) and VolumeBackendAPIException when
        the backend fails (500 "Unable to fetch connection information from
        backend.").

        NotImplementedError: this backend's volumes cannot be attached; the
        attach fails and the volume stays as it was.
        """
        raise NotImplementedError()

    def terminate_connection(self, volume, connector, **kwargs):
        """Stop ``connector``'s access to ``volume``.

        ``connector`` is None for a force detach (every connection goes);
        ``kwargs`` may carry ``force=True``. A connection already gone is not
        an error. The default does nothing, right for a backend whose
        initialize_connection grants nothing.
        """

    # -- generic volume groups ------------------------------------------------
    #
    # The manager calls these first for every group, consistency groups
    # included. When one raises NotImplementedError and the group's type asks
    # for consistent snapshots (is_group_a_cg_snapshot_type), it calls the
    # consistency group method below instead, which drivers written before
    # generic groups implement; when that is not implemented either, the
    # manager's generic path runs (each described below). A driver that keeps
    # no consistent state for a group that is not consistent raises
    # NotImplementedError for it, as Cinder's drivers do.
    #
    # ``group`` views carry ``group_type_id`` and ``group_specs`` (its type's
    # specs); group snapshot views carry ``group_id``, ``group_type_id`` and
    # ``group`` (the group's view).

    def create_group(self, context, group):
        """Create backend state for an empty group; return a model update or None.

        Generic path: the group needs no backend state and becomes ``available``.
        """
        raise NotImplementedError()

    def delete_group(self, context, group, volumes):
        """Delete a group and its member ``volumes``: as delete_consistencygroup.

        Generic path: the members are deleted one by one with delete_volume.
        """
        raise NotImplementedError()

    def update_group(self, context, group, add_volumes=None, remove_volumes=None):
        """Change a group's members: as update_consistencygroup.

        Generic path: the membership is recorded in the database only.
        """
        raise NotImplementedError()

    def create_group_snapshot(self, context, group_snapshot, snapshots):
        """Snapshot every member: as create_cgsnapshot.

        Generic path: each member is snapshotted with create_snapshot, several
        at once in the manager's bounded pool; not consistent across members.
        """
        raise NotImplementedError()

    def delete_group_snapshot(self, context, group_snapshot, snapshots):
        """Delete a group snapshot's members: as delete_cgsnapshot.

        Generic path: each is deleted with delete_snapshot.
        """
        raise NotImplementedError()

    def create_group_from_src(self, context, group, volumes, group_snapshot=None,
                              snapshots=None, source_group=None, source_vols=None):
        """Create the clones of a new group from a group snapshot or a live group.

        As create_consistencygroup_from_src, with Cinder's argument names:
        ``snapshots[i]`` or ``source_vols[i]`` is the source of ``volumes[i]``.
        Generic path: each volume is cloned with create_cloned_volume or
        create_volume_from_snapshot, several at once in the bounded pool.
        """
        raise NotImplementedError()

    # -- consistency groups ---------------------------------------------------

    def create_consistencygroup(self, context, group):
        """Create backend state for an empty group; return a model update or None.

        NotImplementedError: the manager treats the group as needing no
        backend state and makes it ``available``.
        """
        raise NotImplementedError()

    def delete_consistencygroup(self, context, group, volumes):
        """Delete a group and its member ``volumes`` (a list, maybe empty).

        Return ``(model_update, volumes_model_update)``: the group's update
        and a list of dicts each with ``id`` and ``status`` for the volumes
        (``deleted`` or ``error_deleting``); ``(None, None)`` means all gone.
        NotImplementedError: the manager deletes the volumes one by one.
        """
        raise NotImplementedError()

    def update_consistencygroup(self, context, group, add_volumes=None,
                                remove_volumes=None):
        """Add volumes to and remove volumes from a group on the backend.

        Return ``(model_update, add_volumes_update, remove_volumes_update)``;
        ``(None, None, None)`` for success. NotImplementedError: the manager
        records the membership change only in the database.
        """
        raise NotImplementedError()

    def create_cgsnapshot(self, context, cgsnapshot, snapshots):
        """Snapshot every member volume at one instant (crash consistent).

        ``snapshots[i].volume`` is the volume of ``snapshots[i]``. Return
        ``(model_update, snapshots_model_update)``: a dict for the cgsnapshot
        and a list of dicts each with ``id`` and ``status`` (or None).
        NotImplementedError: the manager snapshots the members one after the
        other with :meth:`create_snapshot`, which is *not* consistent across
        members; a driver that can do better should.
        """
        raise NotImplementedError()

    def delete_cgsnapshot(self, context, cgsnapshot, snapshots):
        """Delete a cgsnapshot's member snapshots.

        Return ``(model_update, snapshots_model_update)`` as create_cgsnapshot.
        NotImplementedError: the manager deletes them one by one.
        """
        raise NotImplementedError()

    def create_consistencygroup_from_src(self, context, group, volumes,
                                         cgsnapshot=None, snapshots=None,
                                         src_group=None, src_volumes=None):
        """Create the clone volumes of a new group from a cgsnapshot or a live group.

        Exactly one of (``cgsnapshot``, ``snapshots``) and (``src_group``,
        ``src_volumes``) is given. The lists are paired: ``snapshots[i]`` or
        ``src_volumes[i]`` is the source of ``volumes[i]``, which has the
        source's size and type. A clone of a live group must be crash
        consistent across its members, as a cgsnapshot is. Never modify a
        source.

        Return ``(model_update, volumes_model_update)``: a dict for the
        group, and a list of dicts each with ``id`` and any of ``status``
        (``available`` or ``error``) and ``provider_location``; a volume
        reported ``error`` makes the group ``error``. ``(None, None)`` means
        every clone is ready.

        NotImplementedError: the manager clones volume by volume with
        :meth:`create_cloned_volume` or :meth:`create_volume_from_snapshot`.
        """
        raise NotImplementedError()
