"""Read-only views of database rows handed to drivers (never ORM objects)."""


class Resource(dict):
    """A dict that also answers attribute access: ``volume.id`` or ``volume['id']``.

    Drivers get these, so a driver cannot change a row behind the manager's
    back: what it wants recorded it returns as a model update.
    """

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

    @classmethod
    def of(cls, row, **extra):
        return cls(row.to_dict(), **extra)
