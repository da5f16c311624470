"""Service layer of per-project default volume types (3.62).

A project's default type is the type of a volume created without one (and
what ``GET /types/default`` shows to that project); projects without one
get ``__DEFAULT__``. A type that is some project's default cannot be
deleted.
"""

from oslo_db import exception as db_exc

from cinderlite import exception
from cinderlite.db import default_types as db_default_types
from cinderlite.db import types as db_types


class DefaultTypeService:

    def set(self, context, project_id, volume_type):
        """Make ``volume_type`` (name or id) the project's default; the row.

        :raises BadRequest: (400) no such type, as Cinder answers.
        """
        try:
            vtype = db_types.get_type_by_name_or_id(context, volume_type)
            return db_default_types.set_default(context, project_id, vtype.id)
        except exception.VolumeTypeNotFound as e:
            raise exception.BadRequest(reason=str(e))
        except db_exc.DBReferenceError:
            # The type was deleted while we set it.
            raise exception.BadRequest(reason=str(exception.VolumeTypeNotFoundByName(
                volume_type_name=volume_type)))

    def get(self, context, project_id):
        """:raises VolumeTypeProjectDefaultNotFound: (404)."""
        row = db_default_types.get(context, project_id)
        if row is None:
            raise exception.VolumeTypeProjectDefaultNotFound(project_id=project_id)
        return row

    def list(self, context):
        return db_default_types.list_all(context)

    def unset(self, context, project_id):
        db_default_types.unset(context, project_id)
