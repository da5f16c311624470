"""The API under gunicorn (several worker processes), beside a scheduler and a volume host.

gunicorn imports ``cinderlite.wsgi.api:application`` in each worker; the
config files come from ``CINDERLITE_CONFIG_FILES``. PostgreSQL and RabbitMQ.
"""

from tests import fixtures
from tests.functional import groups_helpers as h
from tests.functional import multiprocess


def test_gunicorn_serves_the_api_with_two_workers(tmp_path):
    with fixtures.database('postgresql', tmp_path) as url:
        with multiprocess.Deployment(tmp_path, url) as deployment:
            deployment.manage('db', 'sync')
            deployment.add_scheduler()
            host = deployment.add_volume_host('hosta')
            api = deployment.add_gunicorn_api(workers=2)

            h.create_type(api, 'fast')
            volume_id = h.create_volume(api, size=1)
            resp = api.request('GET', '/v3/admin/volumes/%s' % volume_id, token=h.ADMIN)
            assert resp.json['volume']['os-vol-host-attr:host'].startswith(
                host.service_host + '#')
            assert host.volume_file(volume_id).exists()
            assert api.terminate() == 0
            assert api.log_text().count('Booting worker') == 2
