"""The services table: heartbeats, reported capabilities, and whether a service is up."""

import datetime
import json

from oslo_db import exception as db_exc
import sqlalchemy as sa

from cinderlite.db import engine
from cinderlite.db import models

SCHEDULER_BINARY = 'cinderlite-scheduler'
VOLUME_BINARY = 'cinderlite-volume'


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


def is_up(service, down_time):
    """Whether ``service`` is enabled and heartbeated within ``down_time`` seconds."""
    if service.heartbeat_at is None or service.disabled:
        return False
    age = models.utcnow() - service.heartbeat_at
    return age <= datetime.timedelta(seconds=down_time)


def capabilities_of(service):
    return json.loads(service.capabilities) if service.capabilities else {}
