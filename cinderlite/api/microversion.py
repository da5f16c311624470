"""Microversions: parse ``OpenStack-API-Version: volume X.Y`` and answer with it on v3.

History of what each version adds here (cinderlite serves 3.0 to 3.71, as
Cinder 29; doc/source/api-reference.rst tells what a client sees):

* 3.0 - the base v3 API.
* 3.3 - user messages (``/messages``).
* 3.5 - message lists read filters and paging (below, the query is ignored).
* 3.6 - consistency group update may set an empty name or description.
* 3.7 to 3.9 - clusters, manageable volumes and snapshots: resources cinderlite
  does not serve (their routes are 404 at every version); services show
  ``cluster`` (null); ``PUT /backups/{id}`` (404: there are no backups).
* 3.10 - volume lists filter on ``group_id``.
* 3.11 - group types and group specs.
* 3.12 - ``GET /volumes/summary``.
* 3.13 - generic volume groups; volumes show and accept ``group_id``.
* 3.14 - group snapshots and ``POST /groups/action`` create-from-src; groups show
  ``group_snapshot_id`` and ``source_group_id``, snapshots ``group_snapshot_id``.
* 3.15 - ``Etag`` on ``GET /volumes/{id}/metadata``; ``PUT`` of volume metadata
  answers 412 when ``If-Match`` names another version.
* 3.16 to 3.18 - volume migration and manage with clusters, backup project:
  resources cinderlite does not serve.
* 3.19 - group snapshot ``reset_status`` action.
* 3.20 - group ``reset_status`` action.
* 3.21 - volume detail shows ``provider_id`` to admins (always null here).
* 3.22 - snapshot lists filter on ``metadata``.
* 3.23 - ``DELETE /volumes/{id}?force=true`` (policy ``volume:force_delete``).
* 3.24 - workers cleanup: not served (404), as clusters.
* 3.25 - group show and detail list ``volumes`` with ``?list_volume=true``.
* 3.26 - ``freeze``, ``thaw`` and ``failover_host`` of os-services take
  ``cluster``: cinderlite runs no clusters and replicates nothing, so these
  answer Cinder's 400s ("No service found with cluster=...").
* 3.27 - the attachments API (``/attachments`` create, list, detail, show,
  update, delete).
* 3.28 - pools filter on ``name`` and capabilities.
* 3.29 - group snapshot lists read filters, paging and sorting.
* 3.30 - snapshot lists sort by ``name``.
* 3.31 - a non-admin's list filter must be in ``resource_query_filters_file``
  (else 400); below, it is ignored (cinderlite/api/query_filters.py).
* 3.32 - ``PUT /os-services/set-log`` and ``get-log``: the log levels of the
  API process and, over RPC, of each scheduler and volume service.
* 3.33 - ``GET /resource_filters``.
* 3.34 - inexact ``key~=value`` filters.
* 3.35 - pools filter on ``volume_type``.
* 3.36 - ``metadata`` in the volume summary.
* 3.37 - backup lists sort by ``name`` (there are no backups).
* 3.38 - groups show ``replication_status`` (``disabled``); the group
  replication actions answer Cinder's 400s.
* 3.39 - an admin's ``GET /limits?project_id=``.
* 3.40 - the volume action ``revert`` (to the latest snapshot).
* 3.41 - snapshots show ``user_id``.
* 3.42 - ``os-extend`` of an ``in-use`` volume (policy
  ``volume:extend_attached_volume``).
* 3.43, 3.47, 3.51, 3.56 - backups: answered as a Cinder without a backup
  service (empty lists, 404 by id, 503 on create); ``backup_id`` on a volume
  create is Cinder's 404.
* 3.44 - the attachment action ``os-complete``.
* 3.45 - ``with_count`` adds ``count`` to volume, snapshot and backup lists.
* 3.46 - ``imageRef``: Cinder's 400 for an image it cannot reach (no image
  service here).
* 3.48 - volumes show ``shared_targets`` and ``service_uuid``.
* 3.49 - volume services show ``backend_state``.
* 3.50 - multiattach volume types (``multiattach="<is> True"``): nothing
  changes on the wire.
* 3.52 - type lists filter (``extra_specs``) as resource filters say.
* 3.53 - a volume create with a key Cinder does not know is a 400; an
  update needs one of its keys.
* 3.54 - the attachment ``mode``.
* 3.55, 3.57 - ``/volume-transfers``, ``no_snapshots``, transfer history.
* 3.58 - groups and group snapshots show ``project_id`` to admins.
* 3.59 - transfer lists honour ``marker`` and sorting.
* 3.60 - volume lists filter on ``created_at``/``updated_at`` comparisons.
* 3.61, 3.63, 3.65 - volumes show ``cluster_name`` (admins, null),
  ``volume_type_id`` and ``consumes_quota``; snapshots ``consumes_quota``;
  3.65 also the ``consumes_quota`` list filter.
* 3.62 - per-project default volume types (``/default-types``).
* 3.64 - ``encryption_key_id``, left out as Cinder leaves out an unset key.
* 3.66 - snapshots of ``in-use`` volumes need no ``force``.
* 3.67 - paths without the project: served at every version.
* 3.68 - ``os-reimage``: Cinder's 404 for the image (no image service).
* 3.69 - ``shared_targets`` may be null: it never is here.
* 3.70 - encrypted volumes may be transferred with their snapshots.
* 3.71 - ``os-extend_volume_completion`` (admin), accepted at every version as
  Cinder does.
"""

import re

from cinderlite import exception
from cinderlite.api import faults

MIN_VERSION = (3, 0)
MAX_VERSION = (3, 71)
HEADER = 'OpenStack-API-Version'
SERVICE = 'volume'
ENVIRON_KEY = 'cinderlite.api_version'
_HEADER_KEY = 'HTTP_OPENSTACK_API_VERSION'
_STAMPED = (HEADER.lower(), 'vary')
_FORMAT = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


def as_string(version):
    return '%d.%d' % version


def parse_header(value):
    """The (major, minor) the header asks for; 3.0 when absent; ``latest`` is the max.

    :raises InvalidVersionString: (400) malformed. :raises VersionNotSupported: (406).
    """
    if not value:
        return MIN_VERSION
    wanted = None
    for item in value.split(','):
        parts = item.strip().split()
        if len(parts) == 2 and parts[0].lower() == SERVICE:
            wanted = parts[1]
    if wanted is None:
        raise exception.InvalidInput(
            reason='The %s header does not name the volume service.' % HEADER)
    if wanted.lower() == 'latest':
        return MAX_VERSION
    match = _FORMAT.match(wanted)
    if not match:
        raise exception.InvalidVersionString(version=wanted)
    version = (int(match.group(1)), int(match.group(2)))
    if not MIN_VERSION <= version <= MAX_VERSION:
        raise exception.VersionNotSupported(version=wanted, min=as_string(MIN_VERSION),
                                            max=as_string(MAX_VERSION))
    return version


def requested(req):
    """The version negotiated for ``req`` (None on v2, which has no microversions)."""
    return req.environ.get(ENVIRON_KEY)


def at_least(req, major, minor):
    version = requested(req)
    return version is not None and version >= (major, minor)


class MicroversionMiddleware:
    """Negotiates the version of each v3 request and stamps it on the response.

    Plain WSGI: the stamp goes into the header list the layer below starts
    its response with (replacing any such header, as webob's
    ``headers[name] = value`` does), with no webob response made around it.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if not environ.get('SCRIPT_NAME', '').startswith('/v3'):
            return self.application(environ, start_response)
        try:
            version = parse_header(environ.get(_HEADER_KEY))
        except exception.CinderliteException as e:
            app, version = faults.from_exception(e), MIN_VERSION
        else:
            environ[ENVIRON_KEY] = version
            app = self.application
        stamp = [(HEADER, '%s %s' % (SERVICE, as_string(version))), ('Vary', HEADER)]

        def stamping_start_response(status, headers, exc_info=None):
            headers = [(name, value) for name, value in headers
                       if name.lower() not in _STAMPED] + stamp
            return start_response(status, headers, exc_info)
        return app(environ, stamping_start_response)

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls
