"""Generic volume groups: one model for groups and consistency groups

Group types and their specs, groups, the group/volume-type mapping and group
snapshots replace consistencygroups, consistencygroup_volume_types and
cgsnapshots, as in Cinder 29: a consistency group becomes a group of the
reserved type ``default_cgsnapshot_type`` (spec
``consistent_group_snapshot_enabled = <is> True``), a cgsnapshot a group
snapshot of that type. Every row moves with its id, timestamps and origin
(``source_cg_id`` becomes ``source_group_id``, ``cgsnapshot_id``
``group_snapshot_id``); volumes' ``consistencygroup_id`` becomes ``group_id``
and snapshots' ``cgsnapshot_id`` ``group_snapshot_id``. Quota usage (the
``groups`` key since 0009) keeps counting the same rows, now in ``groups``.

Revision ID: 0011
Revises: 0010
"""

import datetime
import uuid

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql', 'mariadb')

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

CG_TYPE_NAME = 'default_cgsnapshot_type'


def _timestamps():
    return [sa.Column('created_at', TIMESTAMP, nullable=False),
            sa.Column('updated_at', TIMESTAMP, nullable=True)]


def _create_tables():
    op.create_table(
        'group_types',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('description', sa.String(length=255), nullable=True),
        sa.Column('is_public', sa.Boolean(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'))
    op.create_table(
        'group_type_specs',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('group_type_id', sa.String(length=36), nullable=False),
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('value', sa.String(length=255), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(['group_type_id'], ['group_types.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('group_type_id', 'key', name='uniq_group_type_spec_key'))
    op.create_table(
        'groups',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('user_id', sa.String(length=255), nullable=True),
        sa.Column('host', sa.String(length=255), nullable=True),
        sa.Column('availability_zone', sa.String(length=255), nullable=True),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('description', sa.String(length=255), nullable=True),
        sa.Column('status', sa.String(length=255), nullable=False),
        sa.Column('group_type_id', sa.String(length=36), nullable=False),
        sa.Column('source_group_id', sa.String(length=36), nullable=True),
        sa.Column('group_snapshot_id', sa.String(length=36), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(['group_type_id'], ['group_types.id']),
        sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('groups') as batch_op:
        batch_op.create_index('ix_groups_host', ['host'], unique=False)
        batch_op.create_index('ix_groups_project_created',
                              ['project_id', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_groups_status', ['status'], unique=False)
    op.create_table(
        'group_volume_type_mapping',
        sa.Column('group_id', sa.String(length=36), nullable=False),
        sa.Column('volume_type_id', sa.String(length=36), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(['group_id'], ['groups.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['volume_type_id'], ['volume_types.id']),
        sa.PrimaryKeyConstraint('group_id', 'volume_type_id'))
    op.create_table(
        'group_snapshots',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('user_id', sa.String(length=255), nullable=True),
        sa.Column('group_id', sa.String(length=36), nullable=False),
        sa.Column('group_type_id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('description', sa.String(length=255), nullable=True),
        sa.Column('status', sa.String(length=255), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(['group_id'], ['groups.id']),
        sa.ForeignKeyConstraint(['group_type_id'], ['group_types.id']),
        sa.PrimaryKeyConstraint('id'))
    with op.batch_alter_table('group_snapshots') as batch_op:
        batch_op.create_index('ix_group_snapshots_group_id', ['group_id'], unique=False)
        batch_op.create_index('ix_group_snapshots_project_created',
                              ['project_id', 'created_at', 'id'], unique=False)


def _seed_cg_type():
    """Cinder's reserved type for consistency groups; returns its id."""
    type_id = str(uuid.uuid4())
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    op.bulk_insert(
        sa.table('group_types', sa.column('id', sa.String), sa.column('name', sa.String),
                 sa.column('description', sa.String), sa.column('is_public', sa.Boolean),
                 sa.column('created_at', sa.DateTime)),
        [{'id': type_id, 'name': CG_TYPE_NAME,
          'description': 'Default group type for migrating cgsnapshot',
          'is_public': True, 'created_at': now}])
    op.bulk_insert(
        sa.table('group_type_specs', sa.column('group_type_id', sa.String),
                 sa.column('key', sa.String), sa.column('value', sa.String),
                 sa.column('created_at', sa.DateTime)),
        [{'group_type_id': type_id, 'key': 'consistent_group_snapshot_enabled',
          'value': '<is> True', 'created_at': now}])
    return type_id


def _move_rows(cg_type_id):
    op.execute(sa.text(
        'INSERT INTO groups (id, project_id, user_id, host, availability_zone, name, '
        'description, status, group_type_id, source_group_id, group_snapshot_id, '
        'created_at, updated_at) '
        'SELECT id, project_id, user_id, host, availability_zone, name, description, '
        'status, :type_id, source_cg_id, cgsnapshot_id, created_at, updated_at '
        'FROM consistencygroups').bindparams(type_id=cg_type_id))
    op.execute(
        'INSERT INTO group_volume_type_mapping (group_id, volume_type_id, created_at, '
        'updated_at) SELECT consistencygroup_id, volume_type_id, created_at, updated_at '
        'FROM consistencygroup_volume_types')
    op.execute(sa.text(
        'INSERT INTO group_snapshots (id, project_id, user_id, group_id, group_type_id, '
        'name, description, status, created_at, updated_at) '
        'SELECT id, project_id, user_id, consistencygroup_id, :type_id, name, '
        'description, status, created_at, updated_at FROM cgsnapshots'
    ).bindparams(type_id=cg_type_id))


def _drop_foreign_keys(table, column):
    """Drop the (unnamed in 0001) foreign keys on ``table.column``; SQLite rebuilds instead."""
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        return
    for fk in sa.inspect(bind).get_foreign_keys(table):
        if fk['constrained_columns'] == [column]:
            op.drop_constraint(fk['name'], table, type_='foreignkey')


def _replace_column(table, old, new, referred, old_index, new_index):
    """Add ``new`` (a foreign key to ``referred``), copy ``old`` into it, drop ``old``."""
    with op.batch_alter_table(table) as batch_op:
        batch_op.add_column(sa.Column(new, sa.String(length=36), nullable=True))
    op.execute('UPDATE %s SET %s = %s' % (table, new, old))
    _drop_foreign_keys(table, old)
    with op.batch_alter_table(table) as batch_op:
        batch_op.drop_index(old_index)
        batch_op.drop_column(old)
        batch_op.create_index(new_index, [new], unique=False)
        batch_op.create_foreign_key('fk_%s_%s' % (table, new), referred, [new], ['id'])


def upgrade():
    _create_tables()
    cg_type_id = _seed_cg_type()
    _move_rows(cg_type_id)
    _replace_column('snapshots', 'cgsnapshot_id', 'group_snapshot_id', 'group_snapshots',
                    'ix_snapshots_cgsnapshot_id', 'ix_snapshots_group_snapshot_id')
    _replace_column('volumes', 'consistencygroup_id', 'group_id', 'groups',
                    'ix_volumes_consistencygroup_id', 'ix_volumes_group_id')
    op.drop_table('cgsnapshots')
    op.drop_table('consistencygroup_volume_types')
    op.drop_table('consistencygroups')
