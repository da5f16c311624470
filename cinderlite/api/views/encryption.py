"""Volume type encryption views: every column of Cinder's ``encryption`` row."""

from cinderlite.api import views


def show(encryption):
    """The body of GET types/{id}/encryption: the row, or ``{}`` for no encryption.

    Cinder soft-deletes and shows its ``deleted``/``deleted_at`` columns; a
    row shown here is never deleted.
    """
    if encryption is None:
        return {}
    return {'volume_type_id': encryption.volume_type_id,
            'encryption_id': encryption.encryption_id,
            'provider': encryption.provider,
            'control_location': encryption.control_location,
            'cipher': encryption.cipher, 'key_size': encryption.key_size,
            'created_at': views.iso(encryption.created_at),
            'updated_at': views.iso(encryption.updated_at),
            'deleted': False, 'deleted_at': None}
