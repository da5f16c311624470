"""Composite indexes for the list queries

Every list filters by project and sorts by (created_at, id), or filters by
name: with these indexes a page reads its own rows only, not every row of
the project (the single-column project_id indexes they replace are their
prefixes).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# table -> (the project_id index replaced, {new index: columns})
INDEXES = {
    'volumes': ('ix_volumes_project_id', {
        'ix_volumes_project_created': ['project_id', 'created_at', 'id'],
        'ix_volumes_project_name': ['project_id', 'name', 'created_at', 'id']}),
    'snapshots': ('ix_snapshots_project_id', {
        'ix_snapshots_project_created': ['project_id', 'created_at', 'id'],
        'ix_snapshots_project_name': ['project_id', 'name', 'created_at', 'id']}),
    'consistencygroups': ('ix_consistencygroups_project_id', {
        'ix_consistencygroups_project_created': ['project_id', 'created_at', 'id']}),
    'cgsnapshots': ('ix_cgsnapshots_project_id', {
        'ix_cgsnapshots_project_created': ['project_id', 'created_at', 'id']}),
    'messages': ('ix_messages_project_id', {
        'ix_messages_project_created': ['project_id', 'created_at', 'id']}),
}


def upgrade():
    for table, (old, new) in INDEXES.items():
        for name, columns in new.items():
            op.create_index(name, table, columns)
        op.drop_index(old, table_name=table)
