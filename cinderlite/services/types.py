"""Service layer for volume types and their extra specs."""

from cinderlite import exception
from cinderlite.db import default_types as db_default_types
from cinderlite.db import groups as db_groups
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes


def get_usable_type(context, name_or_id):
    """The type ``name_or_id`` if the caller may see and use it.

    A private type is for admins and the projects given access to it; for
    anyone else it is missing, with the very same 404 as a type that does not
    exist.

    :raises VolumeTypeNotFoundByName: (404).
    """
    vtype = db_types.get_type_by_name_or_id(context, name_or_id)
    require_access(context, vtype, name_or_id)
    return vtype


def require_access(context, vtype, asked):
    """:raises VolumeTypeNotFoundByName: (404) ``vtype`` is private and not the caller's."""
    if not (vtype.is_public or context.is_admin
            or db_types.has_access(context, vtype.id, context.project_id)):
        raise exception.VolumeTypeNotFoundByName(volume_type_name=asked)


class TypeService:

    def get(self, context, type_id):
        return get_usable_type(context, type_id)

    def get_all(self, context, is_public=True, filters=None):
        """The types the caller may list, as Cinder filters them.

        ``is_public`` True: public types and the private ones the caller's
        project has access to; False: private types only; None: every type.
        Only admins choose: everyone else always gets True. ``filters``: see
        db.types.list_types.
        """
        if not context.is_admin or is_public:
            return db_types.list_types(context, accessible_to=context.project_id,
                                       filters=filters)
        vtypes = db_types.list_types(context, include_private=True, filters=filters)
        return [t for t in vtypes if is_public is None or not t.is_public]

    @staticmethod
    def get_default(context):
        """The type a volume of the caller's project gets when it names none."""
        return db_types.get_default_type(context)

    def extra_specs(self, context, types):
        return db_types.get_extra_specs(context, [t.id for t in types])

    def create(self, context, name, description=None, is_public=True, extra_specs=None):
        return db_types.create_type(context, name, description, is_public, extra_specs)

    def update(self, context, type_id, values):
        """:raises InvalidVolumeType: (400) renaming the default type or a type in use."""
        vtype = db_types.get_type(context, type_id)
        if values.get('name', vtype.name) != vtype.name:
            # The default type is found by its name, and per-type quota usage is
            # kept under the type's name (volumes_<name>): renaming either would
            # lose track of them.
            if vtype.name == db_types.DEFAULT_TYPE_NAME:
                raise exception.InvalidVolumeType(
                    reason='The default type cannot be renamed.')
            if self._in_use(context, type_id):
                raise exception.InvalidVolumeType(
                    reason='Volume type %s is in use and cannot be renamed.' % vtype.name)
        return db_types.update_type(context, type_id, values)

    @staticmethod
    def _in_use(context, type_id):
        return (db_volumes.count_volumes_with_type(context, type_id)
                or db_groups.count_groups_with_type(context, type_id))

    def delete(self, context, type_id):
        """:raises InvalidVolumeType: (400) while a volume or group uses it."""
        vtype = db_types.get_type(context, type_id)
        if vtype.name == db_types.DEFAULT_TYPE_NAME:
            raise exception.InvalidVolumeType(reason='The default type cannot be deleted.')
        if db_default_types.is_a_default(context, type_id):
            raise exception.BadRequest(
                reason='The volume type %s is a default volume type and cannot be deleted.'
                       % type_id)
        if self._in_use(context, type_id):
            raise exception.InvalidVolumeType(message='Target volume type is still in use.')
        db_types.delete_type(context, type_id)

    def set_extra_specs(self, context, type_id, specs):
        db_types.get_type(context, type_id)
        db_types.set_extra_specs(context, type_id, specs)
        return db_types.get_extra_specs(context, [type_id])[type_id]

    def delete_extra_spec(self, context, type_id, key):
        db_types.get_type(context, type_id)
        db_types.delete_extra_spec(context, type_id, key)
