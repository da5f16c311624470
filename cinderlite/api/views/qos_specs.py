"""QoS specs views (Cinder's)."""

from cinderlite.api import views


def summary(qos_specs, specs):
    return {'id': qos_specs.id, 'name': qos_specs.name, 'consumer': qos_specs.consumer,
            'specs': specs}


def detail(req, context, qos_specs, specs):
    """The body of a show or create: the specs and their links."""
    return {'qos_specs': summary(qos_specs, specs),
            'links': views.links(req, 'qos-specs', qos_specs.id, context.project_id)}


def associations(vtypes):
    return {'qos_associations': [{'association_type': 'volume_type', 'name': t.name,
                                  'id': t.id} for t in vtypes]}
