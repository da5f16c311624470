"""Volumes remember the status to go back to, and their migration status

``previous_status`` is the status a volume returns to when a retype or an
extend of an in-use volume ends (Cinder's column of that name);
``migration_status`` is what Cinder shows admins as
``os-vol-mig-status-attr:migstat``, set by a retype that moves the volume to
another backend.

Revision ID: 0012
Revises: 0011
"""

from alembic import op
import sqlalchemy as sa

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('volumes', sa.Column('previous_status', sa.String(length=255),
                                       nullable=True))
    op.add_column('volumes', sa.Column('migration_status', sa.String(length=255),
                                       nullable=True))
