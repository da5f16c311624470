"""scheduler-stats views: pool names, and with ``detail`` what each reported."""


def pools(pool_list, detail):
    if detail:
        return {'pools': [{'name': p['name'], 'capabilities': p['capabilities']}
                          for p in pool_list]}
    return {'pools': [{'name': p['name']} for p in pool_list]}
