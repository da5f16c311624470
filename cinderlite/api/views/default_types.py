"""Default type views (3.62): ``{project_id, volume_type_id}``."""


def default_type(row):
    return {'project_id': row.project_id, 'volume_type_id': row.volume_type_id}
