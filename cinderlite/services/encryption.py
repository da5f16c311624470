"""Service layer for volume type encryption: set only while no volume has the type."""

from cinderlite import exception
from cinderlite.db import encryption as db_encryption
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes


class EncryptionService:

    @staticmethod
    def _check_unused(context, type_id, verb):
        """:raises BadRequest: (400) a volume has the type: its encryption is fixed."""
        if db_volumes.count_volumes_with_type(context.elevated(), type_id):
            raise exception.BadRequest(
                reason='Cannot %s encryption specs. Volume type in use.' % verb)

    def get(self, context, type_id):
        """The type's encryption row, or None. :raises VolumeTypeNotFound: (404)."""
        db_types.get_type(context, type_id)
        return db_encryption.get_encryption(context, type_id)

    def create(self, context, type_id, values):
        """Encrypt the volumes of a type; returns the new encryption id.

        :raises BadRequest: (400) the type is in use.
        :raises VolumeTypeNotFound: (404).
        :raises VolumeTypeEncryptionExists: (400).
        """
        self._check_unused(context, type_id, 'create')
        db_types.get_type(context, type_id)
        return db_encryption.create_encryption(context, type_id, values)

    def update(self, context, type_id, values):
        """:raises VolumeTypeNotFound: (404). :raises BadRequest: (400) in use.
        :raises VolumeTypeEncryptionNotFound: (404)."""
        db_types.get_type(context, type_id)
        self._check_unused(context, type_id, 'update')
        if values:
            db_encryption.update_encryption(context, type_id, values)
        elif db_encryption.get_encryption(context, type_id) is None:
            raise exception.VolumeTypeEncryptionNotFound(type_id=type_id)

    def delete(self, context, type_id):
        """:raises BadRequest: (400) in use. :raises VolumeTypeEncryptionNotFound: (404)."""
        self._check_unused(context, type_id, 'delete')
        db_encryption.delete_encryption(context, type_id)
