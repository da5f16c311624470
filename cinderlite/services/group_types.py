"""Service layer for group types and their group specs (microversion 3.11)."""

from oslo_utils import uuidutils

from cinderlite import exception
from cinderlite.db import group_types as db_group_types


def get_usable_type(context, name_or_id):
    """The group type ``name_or_id`` if the caller may use it (private: admins only).

    :raises GroupTypeNotFound: (404), the same for a private type and a missing one.
    """
    group_type = db_group_types.get_type_by_name_or_id(context, name_or_id)
    if not group_type.is_public and not context.is_admin:
        if uuidutils.is_uuid_like(name_or_id):
            raise exception.GroupTypeNotFound(group_type_id=name_or_id)
        raise exception.GroupTypeNotFoundByName(group_type_name=name_or_id)
    return group_type


class GroupTypeService:

    def __init__(self, conf):
        self.conf = conf

    def get(self, context, type_id):
        """A type by id, or ``default`` for the configured ``default_group_type``.

        :raises GroupTypeNotFound: (404).
        """
        if type_id == 'default':
            if not self.conf.default_group_type:
                raise exception.DefaultGroupTypeNotFound()
            try:
                return db_group_types.get_type_by_name_or_id(context,
                                                             self.conf.default_group_type)
            except exception.GroupTypeNotFound:
                raise exception.DefaultGroupTypeNotFound() from None
        group_type = db_group_types.get_type(context, type_id)
        if not group_type.is_public and not context.is_admin:
            raise exception.GroupTypeNotFound(group_type_id=type_id)
        return group_type

    def get_all(self, context, is_public=True, **page):
        """Public types; an admin may ask for private ones (False) or all (None)."""
        if not context.is_admin:
            is_public = True
        return db_group_types.list_types(context, is_public, **page)

    def specs(self, context, types):
        return db_group_types.get_specs(context, [t.id for t in types])

    def create(self, context, name, description=None, is_public=True, specs=None):
        """:raises GroupTypeExists: (409)."""
        return db_group_types.create_type(context, name.strip(), description, is_public,
                                          specs)

    def update(self, context, type_id, values):
        """:raises GroupTypeNotFound: (404). :raises GroupTypeExists: (409)."""
        group_type = db_group_types.get_type(context, type_id)
        self._refuse_reserved(group_type, 'changed')
        return db_group_types.update_type(context, type_id, values)

    def delete(self, context, type_id):
        """:raises GroupTypeInUse: (400) while a group has it. :raises GroupTypeNotFound:."""
        group_type = db_group_types.get_type(context, type_id)
        self._refuse_reserved(group_type, 'deleted')
        if db_group_types.count_groups_of_type(context, type_id):
            raise exception.GroupTypeInUse(group_type_id=type_id)
        db_group_types.delete_type(context, type_id)

    @staticmethod
    def _refuse_reserved(group_type, what):
        # Consistency groups are created with this type, found by its name.
        if group_type.name == db_group_types.CG_TYPE_NAME:
            raise exception.InvalidGroupType(
                reason='Group type %s is reserved for consistency groups and cannot be '
                       '%s.' % (group_type.name, what))

    def get_specs(self, context, type_id):
        db_group_types.get_type(context, type_id)
        return db_group_types.get_specs(context, [type_id])[type_id]

    def set_specs(self, context, type_id, specs):
        db_group_types.get_type(context, type_id)
        db_group_types.set_specs(context, type_id, specs)
        return db_group_types.get_specs(context, [type_id])[type_id]

    def delete_spec(self, context, type_id, key):
        db_group_types.get_type(context, type_id)
        db_group_types.delete_spec(context, type_id, key)
