"""Status sets that the service layer and the volume host must agree on."""

#: A volume in one of these may be the source of a copy or a member of a group.
VOLUME_USABLE = ('available', 'in-use')
