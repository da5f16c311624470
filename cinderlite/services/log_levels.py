"""Service layer of ``set-log`` and ``get-log`` (3.32): which processes, then each one.

As Cinder's ``_log_params_binaries_services``: ``binary`` empty or ``*`` means
every binary; ``cinder-api`` is this API process only; otherwise the live
services of that binary (``server`` narrows them to a host, as Cinder's host
filter matches). The API process changes its own levels; each service is
reached over RPC (a cast to set, a call to read).
"""

from cinderlite import log_levels
from cinderlite.db import services as db_services
from cinderlite.services import services as service_states

API_BINARY = 'cinder-api'
#: Cinder's LOG_BINARIES: cinder-backup is accepted and matches no service here.
LOG_BINARIES = ('cinder-scheduler', 'cinder-volume', 'cinder-backup', API_BINARY)


class LogLevelService:

    def __init__(self, conf, transport):
        self.conf = conf
        self.clients = {
            db_services.VOLUME_BINARY: log_levels.LogLevelAPI(transport, conf.volume_topic),
            db_services.SCHEDULER_BINARY: log_levels.LogLevelAPI(transport,
                                                                 conf.scheduler_topic)}

    def _targets(self, context, binary, server):
        """``(binaries, live service rows)`` a request names."""
        if binary in ('*', None, ''):
            binaries = LOG_BINARIES
        elif binary == API_BINARY:
            return [API_BINARY], []
        else:
            binaries = [binary]
        ours = [b for b, cinder in service_states.CINDER_BINARIES.items()
                if cinder in binaries]
        rows = [row for row in db_services.list_services(context, host=server or None)
                if row.binary in ours
                and db_services.is_up(row, self.conf.service_down_time)]
        return binaries, rows

    def set_levels(self, context, binary, server, prefix, level):
        """:raises InvalidInput: (400) not a level Cinder knows."""
        log_levels.check_level(level)
        binaries, rows = self._targets(context, binary, server)
        if API_BINARY in binaries:
            log_levels.set_levels(prefix, level)
        for row in rows:
            self.clients[row.binary].set_levels(context, row.host, prefix, level)

    def get_levels(self, context, binary, server, prefix):
        """``[{host, binary, levels}]``: this API process first (unless another
        ``server`` was named), then each live service."""
        binaries, rows = self._targets(context, binary, server)
        result = []
        if API_BINARY in binaries and (not server or server == self.conf.host):
            result.append({'host': self.conf.host, 'binary': API_BINARY,
                           'levels': log_levels.get_levels(prefix)})
        for row in rows:
            result.append({'host': row.host,
                           'binary': service_states.CINDER_BINARIES[row.binary],
                           'levels': self.clients[row.binary].get_levels(context, row.host,
                                                                         prefix)})
        return result
