"""A listening socket for a test's uvicorn server, bound before the server starts."""

from __future__ import annotations

import socket


def loopback_socket() -> socket.socket:
    """A socket bound to a free loopback port, for `uvicorn.Server.run(sockets=[...])`: probing
    for a free port and binding it again later lets a test in another process take it between."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock
