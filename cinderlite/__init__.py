"""cinderlite: a small block storage service that speaks the OpenStack Cinder API."""

import warnings

# oslo.messaging 18 imports oslo.service, whose default backend imports eventlet,
# which then warns that it is deprecated. cinderlite never runs eventlet (threads
# only, nothing monkey-patched): the warning would only alarm operators.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')
