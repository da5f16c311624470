"""Volume type access views."""


def access_list(type_id, projects):
    return {'volume_type_access': [{'volume_type_id': type_id, 'project_id': project}
                                   for project in projects]}
