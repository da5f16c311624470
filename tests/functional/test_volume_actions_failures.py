"""A volume action the backend fails: its own cloud, with a failing driver.

In a module of its own: the database engine is process-wide, so a test's own
cloud must not share a module with the module-wide shared cloud.
"""

from tests import fixtures
from tests.functional.test_volume_actions import act
from tests.functional.test_volume_actions import gigabytes_used
from tests.functional.test_volumes import create_volume


def test_a_failed_extend_is_error_extending_with_its_growth_refunded(make_cloud):
    cloud = make_cloud(backends={'file': {'volume_driver': 'tests.drivers.FailingDriver'}})
    volume = create_volume(cloud, 'p1', name='ok-source')
    assert act(cloud, 'p1', volume['id'], {'os-extend': {'new_size': 4}}).status == 202
    shown = fixtures.wait_status(cloud, 'volumes', volume['id'], 'error_extending')
    assert shown['size'] == 1
    assert gigabytes_used(cloud, 'p1') == 1
    messages = cloud.request('GET', '/v3/p1/messages?resource_uuid=%s' % volume['id'],
                             headers={'OpenStack-API-Version': 'volume 3.3'}).json
    assert 'extend volume' in messages['messages'][0]['user_message']
