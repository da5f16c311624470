"""A consistency group counts against the groups quota

Revision ID: 0009
Revises: 0008

Cinder 29 names the quota a consistency group consumes ``groups``; ours was
``consistencygroups``. Limits and usage move to the new name, nothing lost.
No project can hold both: ``groups`` was not a quota key before.
"""

from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

OLD = 'consistencygroups'
NEW = 'groups'


def upgrade():
    for name in ('quotas', 'quota_usages'):
        table = sa.table(name, sa.column('resource', sa.String))
        op.execute(table.update().where(table.c.resource == OLD).values(resource=NEW))
