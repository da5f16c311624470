"""The volume host: the manager of each backend, the operations it composes, and the drivers."""
