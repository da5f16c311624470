"""Reading what a driver returns: the columns it may set, and failures it reports."""

from cinderlite import exception

#: The columns of a volume or snapshot row a driver's model update may set.
DRIVER_COLUMNS = ('provider_location',)
#: Statuses by which a driver's model update reports a failure without raising.
FAILED_STATUSES = ('error', 'error_deleting')


def driver_columns(model_update):
    """The part of ``model_update`` the manager stores; the rest is the manager's to decide."""
    return {k: v for k, v in (model_update or {}).items() if k in DRIVER_COLUMNS}


def check_model_update(model_update, what):
    """Turn a failure the driver reported in ``model_update`` into an exception.

    The driver contract lets a driver answer ``{'status': 'error'}`` instead of
    raising; recording success then would hide a broken backend (Cinder's
    managers raise here too).

    :raises VolumeDriverException: the update's status is a failure.
    """
    status = (model_update or {}).get('status')
    if status in FAILED_STATUSES:
        raise exception.VolumeDriverException(
            message='the backend reported %s as %s' % (what, status))


def check_deleted(updates, what):
    """:raises VolumeDriverException: an item of ``updates`` was not reported deleted."""
    failed = [u['id'] for u in updates or [] if u.get('status') not in (None, 'deleted')]
    if failed:
        raise exception.VolumeDriverException(
            message='%s %s could not be deleted' % (what, ', '.join(failed)))
