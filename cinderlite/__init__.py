"""cinderlite: a small block storage service that speaks the OpenStack Cinder API."""
