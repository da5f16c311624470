"""Volume type views; non-admins see only the extra specs meant for users."""

USER_VISIBLE_SPECS = ('multiattach', 'RESKEY:availability_zones', 'replication_enabled')


def detail(context, vtype, extra_specs):
    if not context.is_admin:
        extra_specs = {k: v for k, v in extra_specs.items() if k in USER_VISIBLE_SPECS}
    return {'id': vtype.id, 'name': vtype.name, 'description': vtype.description,
            'is_public': vtype.is_public,
            'os-volume-type-access:is_public': vtype.is_public,
            'extra_specs': extra_specs}
