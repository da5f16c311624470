"""librbd steps of the RBD driver: groups, group snapshots, clone chains, clean-up.

Functions of an open I/O context (``ioctx``) or cluster connection; they let
librbd's exceptions through (the driver turns them into backend errors).
"""

import json
import time

from oslo_log import log as logging

try:  # the bindings come with Ceph (Debian: python3-rados, python3-rbd), not from PyPI
    import rbd
except ImportError:
    rbd = None

LOG = logging.getLogger(__name__)

BUSY_TRIES = 6


def when_not_busy(call, *args):
    """``call(*args)``, tried again after a pause while librbd answers ImageBusy.

    A snapshot needs the exclusive lock of its image (of every member, for a
    group snapshot). When another client of the same images (another
    operation on the group, a writer handing its lock over) holds it at that
    moment, librbd refuses instead of waiting.
    """
    for attempt in range(BUSY_TRIES):
        try:
            return call(*args)
        except rbd.ImageBusy:
            if attempt == BUSY_TRIES - 1:
                raise
            LOG.info('%s: an image is busy, trying again', getattr(call, '__name__', call))
            time.sleep(0.05 * 2 ** attempt)


def create_group_snap(group, snap_name):
    """Take group snapshot ``snap_name``; what a busy attempt left goes before the next."""
    def attempt():
        try:
            group.create_snap(snap_name)
        except rbd.ImageBusy:
            remove_group_snap(group, snap_name)
            raise
    when_not_busy(attempt)


def group_snapshot_id(image, snap_name):
    """The id of ``image``'s share of the group snapshot ``snap_name``.

    :raises rbd.ImageNotFound: the image has no such group snapshot.
    """
    for snap in image.list_snaps():
        if (snap.get('namespace') == rbd.RBD_SNAP_NAMESPACE_TYPE_GROUP
                and snap['group']['snap_name'] == snap_name):
            return snap['id']
    raise rbd.ImageNotFound('image %s has no share of group snapshot %s'
                            % (image.get_name(), snap_name))


def can_clone_by_snapshot_id(ioctx):
    """Whether librbd clones from a snapshot given by id (rbd_clone4, Ceph 19 "Squid").

    The probe names a parent that does not exist: Pacific's binding refuses a
    snapshot id before it calls librbd (InvalidArgument, "p_snapname must be a
    string"), Squid's looks the parent up and does not find it.
    """
    try:
        rbd.RBD().clone(ioctx, '.cinderlite-probe-parent', 0, ioctx, '.cinderlite-probe')
    except rbd.InvalidArgument:
        return False
    except rbd.ImageNotFound:
        return True
    return True


def undo(ioctx, names, group_name):
    """Remove images and a group this call created; log what cannot be removed."""
    if group_name:
        try:
            remove_group(ioctx, group_name)
        except rbd.Error:
            LOG.exception('Could not remove group %s after a failure', group_name)
    if len(names) > 1:  # one listing of the pool beats an open per absent image
        present = set(rbd.RBD().list(ioctx))
        names = [name for name in names if name in present]
    for name in names:
        try:
            with rbd.Image(ioctx, name) as image:
                leave_group(ioctx, image)
            rbd.RBD().remove(ioctx, name)
        except rbd.ImageNotFound:
            pass
        except rbd.Error:
            LOG.exception('Could not remove image %s after a failure', name)


def ensure_group(ioctx, name):
    """Create RBD group ``name`` unless it exists; return whether it was created."""
    try:
        rbd.RBD().group_create(ioctx, name)
    except (rbd.ObjectExists, rbd.ImageExists):
        return False
    return True


def remove_group_snap(group, snap_name):
    """Remove a group snapshot; an absent one is fine."""
    try:
        when_not_busy(group.remove_snap, snap_name)
    except (rbd.ObjectNotFound, rbd.ImageNotFound):
        LOG.debug('Group snapshot %s was already gone', snap_name)


def remove_group(ioctx, name):
    """Remove a group (its snapshots go, its images stay); an absent one is fine."""
    try:
        rbd.RBD().group_remove(ioctx, name)
    except (rbd.ObjectNotFound, rbd.ImageNotFound):
        LOG.debug('Group %s was already gone', name)


def change_members(ioctx, group_name, add, remove):
    """Add images ``add`` to group ``group_name`` (created if missing), take ``remove`` out.

    All or nothing: when one step fails, the steps already done are undone
    before the error goes on, so the group keeps the members it had.
    """
    ensure_group(ioctx, group_name)
    group = rbd.Group(ioctx, group_name)
    members = {m['name'] for m in group.list_images()}
    done = []
    try:
        for name in remove:
            if name in members:
                group.remove_image(ioctx, name)
                done.append((group.add_image, name))
        for name in add:
            if name not in members:
                with rbd.Image(ioctx, name) as image:
                    leave_group(ioctx, image)
                group.add_image(ioctx, name)
                done.append((group.remove_image, name))
    except BaseException:
        for undo_step, name in reversed(done):
            try:
                undo_step(ioctx, name)
            except rbd.Error:
                LOG.exception('Could not restore the membership of %s in group %s',
                              name, group_name)
        raise


def join_existing_group(ioctx, group_name, name):
    """Add the new image ``name`` to group ``group_name`` if that group exists."""
    try:
        rbd.Group(ioctx, group_name).add_image(ioctx, name)
    except (rbd.ObjectNotFound, rbd.ImageNotFound):
        LOG.debug('No RBD group %s: image %s stays out of groups', group_name, name)


def monitor_addresses(cluster):
    """``(hosts, ports)`` of the monitors in the mon map, as Cinder's driver gives them.

    Each monitor's legacy (msgr v1) address ``host:port/nonce``, as
    ``ceph mon dump`` prints it; IPv6 hosts lose their brackets.
    """
    ret, out, err = cluster.mon_command(json.dumps({'prefix': 'mon dump', 'format': 'json'}),
                                        b'')
    if ret != 0:
        raise rbd.Error('mon dump failed: %s' % err)
    hosts, ports = [], []
    for mon in json.loads(out)['mons']:
        host, port = mon['addr'][:mon['addr'].rindex('/')].rsplit(':', 1)
        hosts.append(host.strip('[]'))
        ports.append(port)
    return hosts, ports


def sizes_of(ioctx, wanted):
    """Bytes of the images whose name ``wanted(name)`` accepts, opened one at a time."""
    total = 0
    for name in rbd.RBD().list(ioctx):
        if not wanted(name):
            continue
        try:
            with rbd.Image(ioctx, name, read_only=True) as image:
                total += image.size()
        except rbd.ImageNotFound:
            continue  # deleted while we counted
    return total


def has_user_snapshot(ioctx, name, snap_name):
    """Whether image ``name`` has the user-namespace snapshot ``snap_name``."""
    with rbd.Image(ioctx, name, read_only=True) as image:
        return any(s['name'] == snap_name for s in image.list_snaps()
                   if s.get('namespace', rbd.RBD_SNAP_NAMESPACE_TYPE_USER)
                   == rbd.RBD_SNAP_NAMESPACE_TYPE_USER)


def leave_group(ioctx, image):
    """Take ``image`` out of the group it is in, if any (RBD.remove refuses members)."""
    info = image.group()
    if info.get('name'):
        rbd.Group(ioctx, info['name']).remove_image(ioctx, image.get_name())


def parent_of(image):
    """``(pool name, image id)`` of a clone's parent (maybe in the trash), or None."""
    try:
        return image.get_parent_image_spec()['pool_name'], image.parent_id()
    except rbd.ImageNotFound:
        return None


def clone_depth(cluster, ioctx, name):
    """How many copy-on-write parents stand behind image ``name``."""
    depth = 0
    with rbd.Image(ioctx, name, read_only=True) as image:
        parent = parent_of(image)
    while parent is not None:
        depth += 1
        with cluster.open_ioctx(parent[0]) as parent_ioctx:
            with rbd.Image(parent_ioctx, image_id=parent[1], read_only=True) as image:
                parent = parent_of(image)
    return depth


def purge_trashed_parents(cluster, parent):
    """Remove trashed ancestors whose last clone is gone, nearest first."""
    while parent is not None:
        pool, image_id = parent
        with cluster.open_ioctx(pool) as ioctx:
            try:
                name = rbd.RBD().trash_get(ioctx, image_id)['name']
                with rbd.Image(ioctx, image_id=image_id, read_only=True) as image:
                    parent = parent_of(image)
                rbd.RBD().trash_remove(ioctx, image_id)
            except (rbd.ImageHasSnapshots, rbd.ImageBusy, rbd.ImageNotFound):
                return  # not in the trash, or other clones still read from it
        LOG.info('Removed trashed image %s: its last clone is gone', name)
