"""Service layer for volume type access: which projects may use a private type."""

from cinderlite import exception
from cinderlite.db import types as db_types


class TypeAccessService:

    @staticmethod
    def _private_type(context, type_id, not_found_reason=None):
        vtype = db_types.get_type(context, type_id)
        if vtype.is_public:
            if not_found_reason:
                raise exception.VolumeTypeAccessNotFound(message=not_found_reason)
            raise exception.InvalidVolumeType(
                reason='Type access modification is not applicable to public volume '
                       'type.')
        return vtype

    def list_projects(self, context, type_id):
        """The projects given access to a private type.

        :raises VolumeTypeNotFound: (404). :raises VolumeTypeAccessNotFound: (404)
            the type is public: it has no access list.
        """
        self._private_type(context, type_id,
                           'Access list not available for public volume types.')
        return db_types.list_access(context, type_id)

    def add_project(self, context, type_id, project_id):
        """:raises InvalidVolumeType: (400) a public type.
        :raises VolumeTypeAccessExists: (409) the project has access already."""
        self._private_type(context, type_id)
        db_types.add_access(context, type_id, project_id)

    def remove_project(self, context, type_id, project_id):
        """:raises InvalidVolumeType: (400) a public type.
        :raises VolumeTypeAccessNotFound: (404) the project had no access."""
        self._private_type(context, type_id)
        db_types.remove_access(context, type_id, project_id)
