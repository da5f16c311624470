"""os-availability-zone view."""


def index(zones):
    return {'availabilityZoneInfo': [
        {'zoneName': z['name'], 'zoneState': {'available': z['available']}} for z in zones]}
