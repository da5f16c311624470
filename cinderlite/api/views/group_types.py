"""Group type views; specs only for callers allowed to see them."""


def detail(group_type, specs=None):
    body = {'id': group_type.id, 'name': group_type.name,
            'description': group_type.description, 'is_public': group_type.is_public}
    if specs is not None:
        body['group_specs'] = specs
    return body
