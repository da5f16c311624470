"""cheroot's request parsing, strict about message framing and Cinder-shaped in its refusals.

Framing: cheroot keeps the last of two ``Content-Length`` headers, reads
``+5`` or ``1_0`` as numbers, and lets ``Transfer-Encoding`` win over a
``Content-Length`` beside it. A proxy in front may frame the same bytes
otherwise, and the rest of the body then passes for a request of its own
(request smuggling). Each of these is refused here, and the connection closed.

Chunked bodies: cheroot reads each chunk whole, allocating the size the chunk
declares before a byte of it arrives (a size of ``ffffffffffffffff`` is a
MemoryError, ``7fffffff`` two gigabytes). :class:`ChunkedBody` reads chunks in
pieces instead, and raises ValueError on bad framing; the API's sizelimit
filter bounds how much it reads.

Refusals: what cheroot answers itself (a malformed request line or header, a
URI too long, an unsupported transfer coding) is a JSON error in Cinder's
shape with an ``x-openstack-request-id``, as the API's own errors are.
"""

import io
import re

from cheroot import errors
from cheroot import server as cheroot_server
from cheroot import wsgi as cheroot_wsgi
from oslo_context import context as oslo_context
from oslo_log import log as logging
from oslo_middleware import request_id

from cinderlite.api import faults

LOG = logging.getLogger(__name__)

_CHUNK_SIZE = re.compile(rb'[0-9A-Fa-f]{1,16}')
#: Longest chunk-size or trailer line read, and most trailer lines.
_LINE = 4096
_TRAILERS = 100


class _OneLength(dict):
    """A header dict that refuses a second, different ``Content-Length``."""

    def __setitem__(self, key, value):
        if key == b'Content-Length' and self.get(key, value) != value:
            raise ValueError('The request has conflicting Content-Length headers.')
        super().__setitem__(key, value)


class StrictHeaderReader(cheroot_server.HeaderReader):
    """cheroot's header reader, refusing framing headers that can be read two ways."""

    def __call__(self, rfile, hdict=None):
        headers = super().__call__(rfile, _OneLength())
        length = headers.get(b'Content-Length')
        if length is not None and not length.isdigit():
            raise ValueError('Malformed Content-Length header.')
        if length is not None and b'Transfer-Encoding' in headers:
            raise ValueError('The request has both Content-Length and Transfer-Encoding.')
        if hdict is None:
            return dict(headers)
        hdict.update(headers)
        return hdict


class StrictRequest(cheroot_server.HTTPRequest):
    """A request with strict framing, JSON refusals, and ``Connection: close`` honoured."""

    header_reader = StrictHeaderReader()

    def simple_response(self, status, msg=''):
        """Answer before the app runs: Cinder's error shape, a request id, then close."""
        status = str(status)
        code = int(status[:3])
        if code == 500:
            message = faults.SAFE_500
        else:
            message = msg.decode('latin-1') if isinstance(msg, bytes) else msg
            message = message or status[4:]
        request = oslo_context.generate_request_id()
        LOG.info('Refused a request before routing: %(status)s, %(message)s '
                 '(%(request)s)', {'status': status, 'message': message,
                                   'request': request})
        if self.response_protocol != 'HTTP/1.1' and code in (413, 414):
            # HTTP/1.0 has neither status.
            code, status = 400, '400 Bad Request'
        body = faults.error_response(code, message).body
        # Whatever follows on this connection cannot be trusted to start a request.
        self.close_connection = True
        head = ['%s %s' % (self.server.protocol, status),
                'Content-Type: application/json',
                'Content-Length: %d' % len(body),
                '%s: %s' % (request_id.HTTP_RESP_HEADER_REQUEST_ID, request),
                'Connection: close']
        try:
            self.conn.wfile.write(('\r\n'.join(head) + '\r\n\r\n').encode('latin-1') + body)
        except OSError as e:
            if e.args[0] not in errors.socket_errors_to_ignore:
                raise

    def send_headers(self):
        """Close after a response that says ``Connection: close`` (cheroot only sends it)."""
        if any(key.lower() == b'connection' and value.lower() == b'close'
               for key, value in self.outheaders):
            self.close_connection = True
        super().send_headers()


class StrictConnection(cheroot_server.HTTPConnection):
    RequestHandlerClass = StrictRequest


class ChunkedBody(io.RawIOBase):
    """The decoded body of a chunked request, read in pieces as the caller asks.

    :raises ValueError: from ``readinto`` when the framing is broken or the
        body ends before its last chunk.
    """

    def __init__(self, rfile):
        super().__init__()
        self._rfile = rfile
        self._left = 0
        self._done = False

    def readable(self):
        return True

    def readinto(self, buffer):
        if self._done:
            return 0
        if not self._left:
            self._left = self._next_size()
            if not self._left:
                self._done = True
                return 0
        piece = self._rfile.read(min(self._left, len(buffer)))
        if not piece:
            raise ValueError('The chunked body ended before its last chunk.')
        buffer[:len(piece)] = piece
        self._left -= len(piece)
        if not self._left and self._rfile.read(2) != b'\r\n':
            raise ValueError('A chunk does not end with CRLF.')
        return len(piece)

    def _line(self):
        line = self._rfile.readline(_LINE)
        if not line.endswith(b'\r\n'):
            raise ValueError('Malformed chunked body.')
        return line[:-2]

    def _next_size(self):
        """The size of the next chunk; at the last one (0), its trailers are read too."""
        size = self._line().split(b';', 1)[0].strip()
        if not _CHUNK_SIZE.fullmatch(size):
            raise ValueError('Malformed chunk size %r.' % size)
        if int(size, 16):
            return int(size, 16)
        for _ in range(_TRAILERS):
            if not self._line():
                return 0
        raise ValueError('Too many trailer lines.')


class StrictGateway(cheroot_wsgi.Gateway_10):
    """WSGI 1.0, with a chunked body read through :class:`ChunkedBody`."""

    def get_environ(self):
        environ = super().get_environ()
        if self.req.chunked_read:
            environ['wsgi.input'] = io.BufferedReader(ChunkedBody(self.req.conn.rfile))
        return environ
