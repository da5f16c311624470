"""Queries on the services table: heartbeats and reported capabilities."""

import json

import sqlalchemy as sa
from oslo_db import exception as db_exc

from cinderlite.db import engine
from cinderlite.db import models


def heartbeat(context, host, binary, topic, capabilities=None):
    """Record that ``binary`` on ``host`` is alive (creating its row the first time)."""
    now = models.utcnow()
    values = {'heartbeat_at': now, 'updated_at': now,
              'report_count': models.Service.report_count + 1}
    if capabilities is not None:
        values['capabilities'] = json.dumps(capabilities)
    with engine.writer(context) as session:
        updated = session.execute(
            sa.update(models.Service)
            .where(models.Service.host == host)
            .where(models.Service.binary == binary).values(**values)).rowcount
    if updated:
        return
    try:
        with engine.writer(context) as session:
            session.add(models.Service(
                host=host, binary=binary, topic=topic, report_count=1,
                heartbeat_at=now, created_at=now,
                capabilities=json.dumps(capabilities) if capabilities else None))
    except db_exc.DBDuplicateEntry:
        heartbeat(context, host, binary, topic, capabilities)


def list_services(context, binary=None):
    with engine.reader(context) as session:
        query = session.query(models.Service)
        if binary:
            query = query.filter(models.Service.binary == binary)
        return query.order_by(models.Service.binary, models.Service.host).all()


def get_service(context, host, binary):
    with engine.reader(context) as session:
        return (session.query(models.Service)
                .filter(models.Service.host == host)
                .filter(models.Service.binary == binary).first())


def capabilities_of(service):
    return json.loads(service.capabilities) if service.capabilities else {}
