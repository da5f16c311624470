"""Volume type views; non-admins see only the extra specs meant for users."""

USER_VISIBLE_SPECS = ('multiattach', 'RESKEY:availability_zones', 'replication_enabled')


def detail(context, vtype, extra_specs, with_access=True):
    """A type as Cinder shows it.

    ``with_access``: Cinder's type-access extension adds
    ``os-volume-type-access:is_public`` to show, list and create, but not to
    the answer of an update (PUT), whose body has no such key.
    """
    if not context.is_admin:
        extra_specs = {k: v for k, v in extra_specs.items() if k in USER_VISIBLE_SPECS}
    body = {'id': vtype.id, 'name': vtype.name, 'description': vtype.description,
            'is_public': vtype.is_public, 'extra_specs': extra_specs}
    if with_access:
        body['os-volume-type-access:is_public'] = vtype.is_public
    return body
