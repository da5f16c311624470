"""Quota class set views: show carries the class name as ``id``, update does not."""


def show(class_name, limits):
    return {'quota_class_set': dict(limits, id=class_name)}


def update(limits):
    return {'quota_class_set': dict(limits)}
