"""The reason a service was disabled

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('services', sa.Column('disabled_reason', sa.String(length=255),
                                        nullable=True))
