import socket

import pytest

from tests.support.network import NetworkAccessError


def test_connecting_beyond_loopback_fails_loudly() -> None:
    with socket.socket() as sock, pytest.raises(NetworkAccessError, match="93.184.216.34"):
        sock.connect(("93.184.216.34", 443))


def test_loopback_is_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.socket() as client:
            client.connect(server.getsockname())
