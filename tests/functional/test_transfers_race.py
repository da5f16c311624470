"""Racing accepts and cancels of one transfer, on every database backend.

Exactly one request wins; the others get Cinder's 404 (the transfer is gone)
and nothing is moved twice: the quota usage of every project still equals
its rows (checked by ``make_cloud`` when the test ends).
"""

from concurrent import futures

import pytest

from tests import fixtures
from tests.functional.test_transfers import call
from tests.functional.test_transfers import offer
from tests.functional.test_transfers import snapshot
from tests.functional.test_transfers import usage
from tests.functional.test_transfers import volume

TAKERS = ['taker%d' % i for i in range(4)]


def _accept(cloud, project, transfer):
    return call(cloud, 'POST', project, '/os-volume-transfer/%s/accept' % transfer['id'],
                body={'accept': {'auth_key': transfer['auth_key']}}).status


@pytest.mark.parametrize('db_backend', fixtures.BACKENDS)
def test_one_of_several_racing_accepts_wins(make_cloud, db_backend):
    cloud = make_cloud(db_backend)
    vol = volume(cloud, 'giver', size=2)
    snapshot(cloud, 'giver', vol['id'])
    transfer = offer(cloud, 'giver', vol['id'])
    with futures.ThreadPoolExecutor(len(TAKERS)) as pool:
        statuses = dict(zip(TAKERS, pool.map(
            lambda taker: _accept(cloud, taker, transfer), TAKERS)))
    winners = [taker for taker, status in statuses.items() if status == 202]
    assert len(winners) == 1, statuses
    assert sorted(statuses.values()) == [202] + [404] * (len(TAKERS) - 1), statuses
    assert usage(cloud, winners[0]) == {
        'volumes': 1, 'gigabytes': 4, 'snapshots': 1, 'volumes___DEFAULT__': 1,
        'gigabytes___DEFAULT__': 4, 'snapshots___DEFAULT__': 1}
    assert usage(cloud, 'giver') == {}
    for taker in TAKERS:
        if taker not in winners:
            assert usage(cloud, taker) == {}


@pytest.mark.parametrize('db_backend', fixtures.BACKENDS)
def test_an_accept_racing_a_cancel_leaves_one_outcome(make_cloud, db_backend):
    cloud = make_cloud(db_backend)
    vol = volume(cloud, 'giver')
    transfer = offer(cloud, 'giver', vol['id'])
    with futures.ThreadPoolExecutor(2) as pool:
        accepted = pool.submit(_accept, cloud, 'taker', transfer)
        cancelled = pool.submit(
            lambda: call(cloud, 'DELETE', 'giver',
                         '/os-volume-transfer/' + transfer['id']).status)
        outcome = (accepted.result(), cancelled.result())
    assert outcome in ((202, 404), (404, 202)), outcome
    owner = 'taker' if outcome[0] == 202 else 'giver'
    shown = call(cloud, 'GET', owner, '/volumes/' + vol['id']).json['volume']
    assert shown['status'] == 'available'
    assert call(cloud, 'GET', 'giver', '/os-volume-transfer').json == {'transfers': []}
