"""The services table: heartbeats, reported capabilities, and whether a service is up."""

import datetime
import json

from oslo_db import exception as db_exc
import sqlalchemy as sa

from cinderlite.db import engine
from cinderlite.db import hosts as db_hosts
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


def list_services(context, binary=None, host=None):
    """Service rows, by binary then host; ``host`` matches as Cinder's host filter does.

    ``host`` names a host (``node``: its scheduler and every ``node@backend``),
    a backend (``node@backend``) or a pool (``node@backend#pool``): each
    matches itself and what lies under it.
    """
    with engine.reader(context) as session:
        query = session.query(models.Service)
        if binary:
            query = query.filter(models.Service.binary == binary)
        if host:
            query = query.filter(db_hosts.under_host(models.Service.host, host))
        return query.order_by(models.Service.binary, models.Service.host).all()


def get_service(context, host, binary):
    with engine.reader(context) as session:
        return (session.query(models.Service)
                .filter(models.Service.host == host)
                .filter(models.Service.binary == binary).first())


def set_disabled(context, host, binary, disabled, reason=None):
    """Enable or disable the service ``binary`` on ``host`` (exactly); None if there is none.

    Disabling records ``reason`` (when given); enabling clears it.
    """
    values = {'disabled': disabled}
    if reason is not None or not disabled:
        values['disabled_reason'] = reason
    with engine.writer(context) as session:
        service = (session.query(models.Service)
                   .filter(models.Service.host == host)
                   .filter(models.Service.binary == binary).first())
        if service is None:
            return None
        for key, value in values.items():
            setattr(service, key, value)
        session.flush()
        return service


def is_up(service, down_time):
    """Whether ``service`` heartbeated within ``down_time`` seconds (enabled or not)."""
    if service.heartbeat_at is None:
        return False
    age = models.utcnow() - service.heartbeat_at
    return age <= datetime.timedelta(seconds=down_time)


def takes_new_work(service, down_time):
    """Whether the scheduler may place new volumes and groups on ``service``.

    A disabled service still serves what it holds; it only takes nothing new.
    """
    return not service.disabled and is_up(service, down_time)


def capabilities_of(service):
    return json.loads(service.capabilities) if service.capabilities else {}
