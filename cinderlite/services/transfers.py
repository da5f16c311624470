"""Service layer for volume transfers: offer a volume, and accept it with the auth key.

As Cinder does, only a salted HMAC of the auth key is stored; the key itself
is shown once, in the answer to the create. Accepting moves the volume (and,
unless the transfer says ``no_snapshots``, its snapshots) to the accepting
project together with its quota usage, per type too, in one transaction.
"""

import hashlib
import hmac
import secrets

from oslo_log import log as logging

from cinderlite import exception
from cinderlite import quota
from cinderlite.db import common as db_common
from cinderlite.db import encryption as db_encryption
from cinderlite.db import engine as db_engine
from cinderlite.db import snapshots as db_snapshots
from cinderlite.db import transfers as db_transfers
from cinderlite.db import types as db_types
from cinderlite.db import volumes as db_volumes

LOG = logging.getLogger(__name__)

# Cinder's defaults (volume_transfer_salt_length, volume_transfer_key_length).
SALT_LENGTH = 8
KEY_LENGTH = 16


def crypt_hash(salt, auth_key):
    """Cinder's hash of an auth key: HMAC-SHA1 keyed by the salt, in hex."""
    return hmac.new(salt.encode('utf-8'), str(auth_key).encode('utf-8'),
                    hashlib.sha1).hexdigest()


def _random_hex(length):
    return secrets.token_hex(length)[:length]


def _add(*deltas):
    total = {}
    for delta in deltas:
        for resource, amount in delta.items():
            total[resource] = total.get(resource, 0) + amount
    return {r: a for r, a in total.items() if a}


class TransferService:

    def __init__(self, conf):
        self.conf = conf

    def get(self, context, transfer_id):
        """:raises TransferNotFound: (404) unknown or another project's."""
        return db_transfers.get_transfer(context, transfer_id)

    def get_all(self, context, filters, all_projects, **page):
        """Transfers oldest first unless the request sorts them (Cinder's order)."""
        if not page.get('sort_keys'):
            page = dict(page, sort_keys=['created_at'], sort_dirs=['asc'])
        return db_transfers.list_transfers(context, filters, all_projects, page)

    def create(self, context, volume_id, name, no_snapshots=False, allow_encrypted=False):
        """Offer a volume; returns ``(transfer row, auth key)``.

        An encrypted volume (of a type with encryption) goes only with
        ``allow_encrypted`` (3.70) and with its snapshots, as in Cinder.
        cinderlite keeps no keys, so there is no key to hand over.

        :raises VolumeNotFound: (404). :raises InvalidVolume: (400) not available,
            or encrypted and not allowed.
        :raises InvalidSnapshot: (400) a snapshot that would go along is not available.
        """
        volume = db_volumes.get_volume(context, volume_id)
        if volume.status != 'available':
            raise exception.InvalidVolume(reason='status must be available')
        if volume.volume_type_id in db_encryption.describe_types(
                context, {volume.volume_type_id})[1]:
            if not allow_encrypted:
                raise exception.InvalidVolume(
                    reason='transferring encrypted volume is not supported')
            if no_snapshots:
                raise exception.InvalidVolume(
                    reason='transferring an encrypted volume without its snapshots is '
                           'not supported')
        salt, auth_key = _random_hex(SALT_LENGTH), _random_hex(KEY_LENGTH)
        row = {'id': db_common.new_id(), 'volume_id': volume_id,
               'project_id': volume.project_id, 'user_id': context.user_id,
               'name': name, 'salt': salt, 'crypt_hash': crypt_hash(salt, auth_key),
               'no_snapshots': no_snapshots}
        with db_engine.transaction(context):
            if not no_snapshots:
                for snapshot in db_snapshots.lock_snapshots_of_volume(context, volume_id):
                    if snapshot.status != 'available':
                        raise exception.InvalidSnapshot(
                            reason='snapshot: %s status must be available' % snapshot.id)
            db_transfers.create_transfer(context, row)
        LOG.info('Volume %(volume)s offered for transfer %(transfer)s',
                 {'volume': volume_id, 'transfer': row['id']})
        return db_transfers.get_transfer(context, row['id']), auth_key

    def delete(self, context, transfer_id):
        """Cancel a transfer; the volume is available again. :raises TransferNotFound: (404)."""
        transfer = db_transfers.get_transfer(context, transfer_id)
        db_transfers.delete_transfer(context, transfer)

    def accept(self, context, transfer_id, auth_key):
        """Take the volume of ``transfer_id`` into the caller's project.

        :raises TransferNotFound: (404). :raises InvalidAuthKey: (400) wrong key.
        :raises InvalidVolume: (400) the volume is in a consistency group.
        :raises InvalidSnapshot: (400) a snapshot going along is not available.
        :raises OverQuota: (413) the accepting project lacks room; nothing moves.
        """
        transfer = db_transfers.get_transfer(context.elevated(), transfer_id)
        if not hmac.compare_digest(crypt_hash(transfer.salt, auth_key),
                                   transfer.crypt_hash):
            LOG.warning('Attempt to accept transfer %s with an invalid auth key',
                        transfer_id)
            raise exception.InvalidAuthKey(
                reason='Attempt to transfer %s with invalid auth key.' % transfer_id)
        self._move(context, transfer_id)
        LOG.info('Volume %(volume)s transferred to project %(project)s',
                 {'volume': transfer.volume_id, 'project': context.project_id})
        return transfer

    @db_engine.retry_on_deadlock
    def _move(self, context, transfer_id):
        admin = context.elevated()
        with db_engine.transaction(admin):
            transfer = db_transfers.lock_transfer(admin, transfer_id)
            volume, = db_volumes.lock_volumes(admin, [transfer.volume_id])
            if volume.group_id:
                raise exception.InvalidVolume(
                    reason='Volume %s must not be part of a consistency group.' % volume.id)
            quota.check_volume_size(self.conf, admin, context.project_id, volume.size)
            snapshots = ([] if transfer.no_snapshots
                         else db_snapshots.lock_snapshots_of_volume(admin, volume.id))
            for snapshot in snapshots:
                if snapshot.status != 'available':
                    raise exception.InvalidSnapshot(
                        reason='Transfer %s: Snapshot %s is not in the expected available '
                               'state.' % (transfer_id, snapshot.id))
            names = db_types.get_type_names(
                admin, {volume.volume_type_id} | {s.volume_type_id for s in snapshots})
            deltas = _add(
                quota.volume_deltas([{'size': volume.size,
                                      'volume_type_id': volume.volume_type_id}], names),
                quota.snapshot_deltas([{'size': s.size, 'volume_type_id': s.volume_type_id}
                                       for s in snapshots], names))
            # Both projects' usage rows are taken in project order, so two
            # accepts in opposite directions never wait for each other.
            donor = volume.project_id
            for project_id in sorted({donor, context.project_id}):
                if project_id == context.project_id:
                    quota.reserve(self.conf, admin, project_id, deltas)
                if project_id == donor:
                    quota.release(admin, project_id, deltas)
            db_transfers.accept_transfer(admin, transfer, context.project_id,
                                         context.user_id, [s.id for s in snapshots])
