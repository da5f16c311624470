"""Service layer for QoS specs and their association with volume types."""

from cinderlite import exception
from cinderlite.db import engine as db_engine
from cinderlite.db import qos_specs as db_qos_specs
from cinderlite.db import types as db_types

CONSUMERS = ('back-end', 'front-end', 'both')
DEFAULT_CONSUMER = 'back-end'


def _split_consumer(specs):
    """``(consumer or None, the other keys)``; :raises InvalidQoSSpecs: (400) bad consumer."""
    specs = dict(specs)
    consumer = specs.pop('consumer', None)
    if consumer is not None and consumer not in CONSUMERS:
        raise exception.InvalidQoSSpecs(
            reason='Valid consumer of QoS specs are: %s' % ', '.join(CONSUMERS))
    return consumer, specs


class QosSpecsService:

    def get(self, context, specs_id):
        """:raises QoSSpecsNotFound: (404)."""
        return db_qos_specs.get_qos_specs(context, specs_id)

    def get_all(self, context, filters, page):
        return db_qos_specs.list_qos_specs(context, filters, page)

    def specs(self, context, qos_specs):
        """``{qos specs id: {key: value}}`` for views, in one query."""
        return db_qos_specs.get_specs(context, [q.id for q in qos_specs])

    def create(self, context, name, specs):
        """QoS specs ``name`` with ``specs`` (``consumer`` among them picks the consumer).

        :raises InvalidQoSSpecs: (400) a bad consumer. :raises QoSSpecsExists: (409).
        """
        consumer, specs = _split_consumer(specs)
        specs_id = db_qos_specs.create_qos_specs(context, name,
                                                 consumer or DEFAULT_CONSUMER, specs)
        return db_qos_specs.get_qos_specs(context, specs_id)

    def update(self, context, specs_id, specs):
        """Set keys (and the consumer). :raises QoSSpecsNotFound: (404)."""
        consumer, specs = _split_consumer(specs)
        with db_engine.transaction(context):
            db_qos_specs.lock_qos_specs(context, specs_id)
            db_qos_specs.update_qos_specs(context, specs_id, consumer, specs)

    def delete_keys(self, context, specs_id, keys):
        """:raises QoSSpecsNotFound: (404). :raises QoSSpecsKeyNotFound: (404) nothing deleted."""
        with db_engine.transaction(context):
            db_qos_specs.lock_qos_specs(context, specs_id)
            db_qos_specs.delete_keys(context, specs_id, keys)

    def delete(self, context, specs_id, force=False):
        """Delete QoS specs; with ``force`` dissociate their types first.

        :raises QoSSpecsNotFound: (404). :raises QoSSpecsInUse: (400) associated
            with a type and not forced.
        """
        with db_engine.transaction(context):
            db_qos_specs.lock_qos_specs(context, specs_id)
            if force:
                db_qos_specs.disassociate(context, specs_id)
            elif db_qos_specs.associated_types(context, specs_id):
                raise exception.QoSSpecsInUse(specs_id=specs_id)
            db_qos_specs.delete_qos_specs(context, specs_id)

    def associations(self, context, specs_id):
        """The volume types associated with ``specs_id``. :raises QoSSpecsNotFound: (404)."""
        db_qos_specs.get_qos_specs(context, specs_id)
        return db_qos_specs.associated_types(context, specs_id)

    def associate(self, context, specs_id, type_id):
        """Associate a volume type with ``specs_id`` (again is a no-op).

        :raises QoSSpecsNotFound: (404). :raises VolumeTypeNotFound: (404).
        :raises InvalidVolumeType: (400) the type has other QoS specs.
        """
        with db_engine.transaction(context):
            db_qos_specs.lock_qos_specs(context, specs_id)
            db_types.get_type(context, type_id)
            current = db_qos_specs.associate(context, specs_id, type_id)
        if current != specs_id:
            raise exception.InvalidVolumeType(
                reason='Type %s is already associated with another qos specs: %s'
                       % (type_id, current))

    def disassociate(self, context, specs_id, type_id):
        """:raises QoSSpecsNotFound: (404). :raises VolumeTypeNotFound: (404)."""
        db_qos_specs.get_qos_specs(context, specs_id)
        db_types.get_type(context, type_id)
        db_qos_specs.disassociate(context, specs_id, type_id)

    def disassociate_all(self, context, specs_id):
        """:raises QoSSpecsNotFound: (404)."""
        db_qos_specs.get_qos_specs(context, specs_id)
        db_qos_specs.disassociate(context, specs_id)
