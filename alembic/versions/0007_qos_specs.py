"""QoS specs, their keys, and the specs a volume type is associated with

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql', 'mariadb')

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'qos_specs',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('consumer', sa.String(length=255), nullable=False),
        sa.Column('created_at', TIMESTAMP, nullable=False),
        sa.Column('updated_at', TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'))
    op.create_table(
        'qos_specs_items',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('qos_specs_id', sa.String(length=36), nullable=False),
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('value', sa.String(length=255), nullable=True),
        sa.Column('created_at', TIMESTAMP, nullable=False),
        sa.Column('updated_at', TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(['qos_specs_id'], ['qos_specs.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('qos_specs_id', 'key', name='uniq_qos_specs_items_key'))
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite cannot add a constraint to a table, but it takes a new column
        # that references another table; a batch copy of volume_types would
        # drop the table that every volume and extra spec references.
        op.execute('ALTER TABLE volume_types ADD COLUMN qos_specs_id VARCHAR(36) '
                   'CONSTRAINT fk_volume_types_qos_specs_id REFERENCES qos_specs (id)')
    else:
        op.add_column('volume_types',
                      sa.Column('qos_specs_id', sa.String(length=36), nullable=True))
        op.create_foreign_key('fk_volume_types_qos_specs_id', 'volume_types',
                              'qos_specs', ['qos_specs_id'], ['id'])
