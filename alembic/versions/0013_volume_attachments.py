"""Volume attachments: Cinder's volume_attachment table, attach_status, multiattach

Every existing volume is detached and not multiattach (nothing could attach
one before).

Revision ID: 0013
Revises: 0012
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql', 'mariadb')

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'volume_attachment',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('volume_id', sa.String(length=36), nullable=False),
        sa.Column('project_id', sa.String(length=255), nullable=False),
        sa.Column('instance_uuid', sa.String(length=36), nullable=True),
        sa.Column('attached_host', sa.String(length=255), nullable=True),
        sa.Column('mountpoint', sa.String(length=255), nullable=True),
        sa.Column('attach_time', TIMESTAMP, nullable=True),
        sa.Column('detach_time', TIMESTAMP, nullable=True),
        sa.Column('attach_mode', sa.String(length=36), nullable=True),
        sa.Column('attach_status', sa.String(length=255), nullable=False),
        sa.Column('connector', sa.Text(), nullable=True),
        sa.Column('connection_info', sa.Text(), nullable=True),
        sa.Column('created_at', TIMESTAMP, nullable=False),
        sa.Column('updated_at', TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['volume_id'], ['volumes.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_volume_attachment_volume_id', 'volume_attachment', ['volume_id'],
                    unique=False)
    with op.batch_alter_table('volumes') as batch_op:
        batch_op.add_column(sa.Column('attach_status', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('multiattach', sa.Boolean(), nullable=True))
    volumes = sa.table('volumes', sa.column('attach_status', sa.String),
                       sa.column('multiattach', sa.Boolean))
    op.execute(volumes.update().values(attach_status='detached', multiattach=False))
    with op.batch_alter_table('volumes') as batch_op:
        batch_op.alter_column('attach_status', existing_type=sa.String(length=255),
                              nullable=False)
        batch_op.alter_column('multiattach', existing_type=sa.Boolean(), nullable=False)
