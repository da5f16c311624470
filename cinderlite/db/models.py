"""SQLAlchemy 2 declarative models of DESIGN.md section 4.

Rows are deleted for real when their resource is deleted: a status of
``deleted`` is never stored, so every count of rows is a count of live things
and quota usage can be recounted from the tables.
"""

import datetime

from sqlalchemy import Boolean
from sqlalchemy import DateTime
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column


def utcnow():
    """Naive UTC now, the form Cinder stores and shows."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


#: Microseconds everywhere: MariaDB's plain DATETIME keeps whole seconds only,
#: which would blur heartbeats and the created_at order of lists.
Timestamp = DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql', 'mariadb')


class Base(DeclarativeBase):
    created_at: Mapped[datetime.datetime] = mapped_column(Timestamp, default=utcnow)
    updated_at: Mapped[datetime.datetime | None] = mapped_column(
        Timestamp, onupdate=utcnow)

    def to_dict(self):
        return {c.key: getattr(self, c.key) for c in self.__table__.columns}


UUID = String(36)


class QosSpecs(Base):
    """A named set of QoS keys that volume types may be associated with."""

    __tablename__ = 'qos_specs'
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    consumer: Mapped[str] = mapped_column(String(255))


class QosSpecsItem(Base):
    """One key of a QoS specs."""

    __tablename__ = 'qos_specs_items'
    __table_args__ = (UniqueConstraint('qos_specs_id', 'key',
                                       name='uniq_qos_specs_items_key'),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    qos_specs_id: Mapped[str] = mapped_column(
        UUID, ForeignKey('qos_specs.id', ondelete='CASCADE'))
    key: Mapped[str] = mapped_column(String(255))
    value: Mapped[str | None] = mapped_column(String(255))


class VolumeType(Base):
    __tablename__ = 'volume_types'
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str | None] = mapped_column(String(255))
    is_public: Mapped[bool] = mapped_column(Boolean, default=True)
    qos_specs_id: Mapped[str | None] = mapped_column(
        UUID, ForeignKey('qos_specs.id', name='fk_volume_types_qos_specs_id'))


class VolumeTypeExtraSpec(Base):
    __tablename__ = 'volume_type_extra_specs'
    __table_args__ = (UniqueConstraint('volume_type_id', 'key',
                                       name='uniq_type_extra_spec_key'),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    volume_type_id: Mapped[str] = mapped_column(
        UUID, ForeignKey('volume_types.id', ondelete='CASCADE'))
    key: Mapped[str] = mapped_column(String(255))
    value: Mapped[str | None] = mapped_column(String(255))


class VolumeTypeProject(Base):
    """A project given access to a private volume type."""

    __tablename__ = 'volume_type_projects'
    __table_args__ = (UniqueConstraint('volume_type_id', 'project_id',
                                       name='uniq_volume_type_projects'),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    volume_type_id: Mapped[str] = mapped_column(
        UUID, ForeignKey('volume_types.id', ondelete='CASCADE'))
    project_id: Mapped[str] = mapped_column(String(255))


class DefaultVolumeType(Base):
    """A project's own default volume type (3.62), used when a create names none."""

    __tablename__ = 'default_volume_types'
    project_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    volume_type_id: Mapped[str] = mapped_column(UUID, ForeignKey('volume_types.id'))


class Encryption(Base):
    """How the volumes of a type are encrypted (Cinder's ``encryption`` table)."""

    __tablename__ = 'encryption'
    encryption_id: Mapped[str] = mapped_column(UUID, primary_key=True)
    volume_type_id: Mapped[str] = mapped_column(
        UUID, ForeignKey('volume_types.id', ondelete='CASCADE'), unique=True)
    provider: Mapped[str] = mapped_column(String(255))
    control_location: Mapped[str] = mapped_column(String(255))
    cipher: Mapped[str | None] = mapped_column(String(255))
    key_size: Mapped[int | None] = mapped_column(Integer)


class GroupType(Base):
    """A kind of group; ``default_cgsnapshot_type`` (seeded) is the consistency groups' one."""
    __tablename__ = 'group_types'
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str | None] = mapped_column(String(255))
    is_public: Mapped[bool] = mapped_column(Boolean, default=True)


class GroupTypeSpec(Base):
    __tablename__ = 'group_type_specs'
    __table_args__ = (UniqueConstraint('group_type_id', 'key',
                                       name='uniq_group_type_spec_key'),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    group_type_id: Mapped[str] = mapped_column(
        UUID, ForeignKey('group_types.id', ondelete='CASCADE'))
    key: Mapped[str] = mapped_column(String(255))
    value: Mapped[str | None] = mapped_column(String(255))


class Group(Base):
    """A generic volume group; a consistency group is one of the reserved CG type."""
    __tablename__ = 'groups'
    __table_args__ = (Index('ix_groups_project_created', 'project_id', 'created_at', 'id'),
                      Index('ix_groups_host', 'host'),
                      Index('ix_groups_status', 'status'))
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    project_id: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[str | None] = mapped_column(String(255))
    host: Mapped[str | None] = mapped_column(String(255))
    availability_zone: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(255))
    group_type_id: Mapped[str] = mapped_column(UUID, ForeignKey('group_types.id'))
    source_group_id: Mapped[str | None] = mapped_column(UUID)
    group_snapshot_id: Mapped[str | None] = mapped_column(UUID)


class GroupVolumeTypeMapping(Base):
    __tablename__ = 'group_volume_type_mapping'
    group_id: Mapped[str] = mapped_column(
        UUID, ForeignKey('groups.id', ondelete='CASCADE'), primary_key=True)
    volume_type_id: Mapped[str] = mapped_column(
        UUID, ForeignKey('volume_types.id'), primary_key=True)


class Volume(Base):
    __tablename__ = 'volumes'
    # Lists filter by project and sort by (created_at, id), or filter by name:
    # these indexes serve a page without reading the project's other rows.
    __table_args__ = (Index('ix_volumes_project_created', 'project_id', 'created_at', 'id'),
                      Index('ix_volumes_project_name', 'project_id', 'name', 'created_at',
                            'id'),
                      Index('ix_volumes_host', 'host'),
                      Index('ix_volumes_status', 'status'),
                      Index('ix_volumes_group_id', 'group_id'))
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    project_id: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[str | None] = mapped_column(String(255))
    host: Mapped[str | None] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    availability_zone: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(String(255))
    volume_type_id: Mapped[str] = mapped_column(UUID, ForeignKey('volume_types.id'))
    snapshot_id: Mapped[str | None] = mapped_column(UUID)
    source_volid: Mapped[str | None] = mapped_column(UUID)
    group_id: Mapped[str | None] = mapped_column(UUID, ForeignKey('groups.id'))
    bootable: Mapped[bool] = mapped_column(Boolean, default=False)
    provider_location: Mapped[str | None] = mapped_column(String(255))
    # The status a retype (or an extend of an in-use volume) returns to.
    previous_status: Mapped[str | None] = mapped_column(String(255))
    # Set by a retype that moves the volume to another backend (Cinder's migstat).
    migration_status: Mapped[str | None] = mapped_column(String(255))
    #: Cinder's: detached, attaching, attached, detaching, error_attaching, error_detaching.
    attach_status: Mapped[str] = mapped_column(String(255), default='detached')
    #: From the type's ``multiattach="<is> True"`` at create: attachable several times.
    multiattach: Mapped[bool] = mapped_column(Boolean, default=False)


class VolumeAttachment(Base):
    """One attachment of a volume to an instance or a host (Cinder's volume_attachment).

    Deleted for real once detached, as every other row: Cinder's soft-deleted
    rows are never shown either. ``attach_status`` is Cinder's:
    ``reserved``, ``attaching``, ``attached``, ``detaching``,
    ``error_attaching``, ``error_detaching``.
    """

    __tablename__ = 'volume_attachment'
    __table_args__ = (Index('ix_volume_attachment_volume_id', 'volume_id'),)
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    volume_id: Mapped[str] = mapped_column(UUID, ForeignKey('volumes.id', ondelete='CASCADE'))
    #: The project of the volume, so that lists are scoped without a join.
    project_id: Mapped[str] = mapped_column(String(255))
    instance_uuid: Mapped[str | None] = mapped_column(UUID)
    attached_host: Mapped[str | None] = mapped_column(String(255))
    mountpoint: Mapped[str | None] = mapped_column(String(255))
    attach_time: Mapped[datetime.datetime | None] = mapped_column(Timestamp)
    detach_time: Mapped[datetime.datetime | None] = mapped_column(Timestamp)
    attach_mode: Mapped[str | None] = mapped_column(String(36))
    attach_status: Mapped[str] = mapped_column(String(255))
    #: JSON: os-brick's connector properties, and the connection info answered.
    connector: Mapped[str | None] = mapped_column(Text)
    connection_info: Mapped[str | None] = mapped_column(Text)


class VolumeMetadata(Base):
    __tablename__ = 'volume_metadata'
    __table_args__ = (UniqueConstraint('volume_id', 'key', name='uniq_volume_metadata_key'),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    volume_id: Mapped[str] = mapped_column(
        UUID, ForeignKey('volumes.id', ondelete='CASCADE'))
    key: Mapped[str] = mapped_column(String(255))
    value: Mapped[str | None] = mapped_column(String(255))


class GroupSnapshot(Base):
    """A snapshot of every member of a group; a cgsnapshot is one of a consistency group."""
    __tablename__ = 'group_snapshots'
    __table_args__ = (Index('ix_group_snapshots_project_created', 'project_id',
                            'created_at', 'id'),
                      Index('ix_group_snapshots_group_id', 'group_id'))
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    project_id: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[str | None] = mapped_column(String(255))
    group_id: Mapped[str] = mapped_column(UUID, ForeignKey('groups.id'))
    group_type_id: Mapped[str] = mapped_column(UUID, ForeignKey('group_types.id'))
    name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(255))


class Snapshot(Base):
    __tablename__ = 'snapshots'
    __table_args__ = (Index('ix_snapshots_project_created', 'project_id', 'created_at',
                            'id'),
                      Index('ix_snapshots_project_name', 'project_id', 'name', 'created_at',
                            'id'),
                      Index('ix_snapshots_volume_id', 'volume_id'),
                      Index('ix_snapshots_group_snapshot_id', 'group_snapshot_id'))
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    project_id: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[str | None] = mapped_column(String(255))
    volume_id: Mapped[str] = mapped_column(UUID, ForeignKey('volumes.id'))
    group_snapshot_id: Mapped[str | None] = mapped_column(
        UUID, ForeignKey('group_snapshots.id'))
    volume_type_id: Mapped[str | None] = mapped_column(UUID)
    status: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(String(255))
    progress: Mapped[str | None] = mapped_column(String(255))
    provider_location: Mapped[str | None] = mapped_column(String(255))


class Transfer(Base):
    """A volume offered to whichever project presents the auth key.

    Only a salted hash of the key is kept (Cinder's scheme); the row is
    deleted when the transfer is accepted or cancelled.
    """

    __tablename__ = 'transfers'
    __table_args__ = (Index('ix_transfers_project_created', 'project_id', 'created_at', 'id'),)
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    volume_id: Mapped[str] = mapped_column(UUID, ForeignKey('volumes.id'), unique=True)
    project_id: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(String(255))
    salt: Mapped[str] = mapped_column(String(255))
    crypt_hash: Mapped[str] = mapped_column(String(255))
    no_snapshots: Mapped[bool] = mapped_column(Boolean, default=False)


class SnapshotMetadata(Base):
    __tablename__ = 'snapshot_metadata'
    __table_args__ = (UniqueConstraint('snapshot_id', 'key',
                                       name='uniq_snapshot_metadata_key'),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    snapshot_id: Mapped[str] = mapped_column(
        UUID, ForeignKey('snapshots.id', ondelete='CASCADE'))
    key: Mapped[str] = mapped_column(String(255))
    value: Mapped[str | None] = mapped_column(String(255))


class Quota(Base):
    __tablename__ = 'quotas'
    __table_args__ = (UniqueConstraint('project_id', 'resource', name='uniq_quotas_resource'),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(String(255))
    resource: Mapped[str] = mapped_column(String(300))
    hard_limit: Mapped[int] = mapped_column(Integer)


class QuotaClass(Base):
    """A named set of limits; the ``default`` class replaces the configured defaults."""

    __tablename__ = 'quota_classes'
    __table_args__ = (UniqueConstraint('class_name', 'resource',
                                       name='uniq_quota_classes_resource'),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    class_name: Mapped[str] = mapped_column(String(255))
    resource: Mapped[str] = mapped_column(String(300))
    hard_limit: Mapped[int] = mapped_column(Integer)


class QuotaUsage(Base):
    __tablename__ = 'quota_usages'
    __table_args__ = (UniqueConstraint('project_id', 'resource',
                                       name='uniq_quota_usages_resource'),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(String(255))
    resource: Mapped[str] = mapped_column(String(300))
    in_use: Mapped[int] = mapped_column(Integer, default=0)


class Service(Base):
    __tablename__ = 'services'
    __table_args__ = (UniqueConstraint('host', 'binary', name='uniq_services_host_binary'),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    host: Mapped[str] = mapped_column(String(255))
    binary: Mapped[str] = mapped_column(String(255))
    topic: Mapped[str] = mapped_column(String(255))
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled_reason: Mapped[str | None] = mapped_column(String(255))
    capabilities: Mapped[str | None] = mapped_column(Text)
    heartbeat_at: Mapped[datetime.datetime | None] = mapped_column(Timestamp)


class Message(Base):
    __tablename__ = 'messages'
    __table_args__ = (Index('ix_messages_project_created', 'project_id', 'created_at',
                            'id'),)
    id: Mapped[str] = mapped_column(UUID, primary_key=True)
    project_id: Mapped[str] = mapped_column(String(255))
    request_id: Mapped[str | None] = mapped_column(String(255))
    resource_type: Mapped[str] = mapped_column(String(255))
    resource_uuid: Mapped[str | None] = mapped_column(UUID)
    event_id: Mapped[str] = mapped_column(String(255))
    message_level: Mapped[str] = mapped_column(String(255))
    user_message: Mapped[str] = mapped_column(Text)
