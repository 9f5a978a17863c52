"""Credentials end to end: a second service on the seeded database, in the production profile
(no anonymous reads), with API keys and a JWT secret, so that each credential and each refusal is
the service's own answer, not a mock's."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import diplograph

REPO = Path(__file__).resolve().parents[3]
READER_KEY = "reader-key-" + "r" * 24
EDITOR_KEY = "editor-key-" + "e" * 24
JWT_SECRET = "s" * 40
UPSERT = """mutation($v: Int) { upsertEntity(input: {id: "country/russia", name: "Russia",
  expectedVersion: $v}) { changed } }"""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def jwt(role: str, expires_in: int = 600) -> str:
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = {"sub": "notebook-test", "role": role, "exp": int(time.time()) + expires_in}
    payload = b64(json.dumps(claims).encode())
    sig = hmac.new(JWT_SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(sig)}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def keyed_url(service_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = REPO / "bin" / "diplograph"
    if not binary.exists() or "NEO4J_URI" not in os.environ:
        pytest.fail("needs bin/diplograph and NEO4J_URI, as scripts/test-python provides")
    addr = f"127.0.0.1:{free_port()}"
    env = {
        **os.environ,
        "DIPLOGRAPH_PROFILE": "production",
        "DIPLOGRAPH_API_KEYS": ",".join(
            (f"reader-bot:reader:{sha256(READER_KEY)}", f"editor-bot:editor:{sha256(EDITOR_KEY)}")
        ),
        "DIPLOGRAPH_JWT_SECRET": JWT_SECRET,
    }
    log = (tmp_path_factory.mktemp("keyed") / "service.log").open("w")
    proc = subprocess.Popen([str(binary), "serve", "-addr", addr], env=env, stdout=log, stderr=log)
    try:
        for _ in range(120):
            try:
                if httpx.get(f"http://{addr}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, f"the keyed service exited; see {log.name}"
            time.sleep(0.25)
        else:
            pytest.fail(f"no /readyz from the keyed service; see {log.name}")
        yield f"http://{addr}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_api_key_reads(keyed_url: str) -> None:
    with diplograph.Client(keyed_url, api_key=READER_KEY) as c:
        assert c.entity("country/russia")["name"] == "Russia"


def test_token_reads(keyed_url: str) -> None:
    with diplograph.Client(keyed_url, token=jwt("reader")) as c:
        assert c.cross_track("track/ukraine-peace-talks", "track/gaza-board-of-peace").raw


def test_no_credentials_is_unauthenticated_in_production(keyed_url: str) -> None:
    with diplograph.Client(keyed_url) as c, pytest.raises(diplograph.Unauthenticated):
        c.entity("country/russia")


def test_expired_token_is_unauthenticated(keyed_url: str) -> None:
    with diplograph.Client(keyed_url, token=jwt("reader", expires_in=-3600)) as c:
        with pytest.raises(diplograph.Unauthenticated):
            c.entity("country/russia")


def test_reader_may_not_write(keyed_url: str) -> None:
    with diplograph.Client(keyed_url, api_key=READER_KEY) as c, pytest.raises(diplograph.Forbidden) as info:
        c.query(UPSERT, {"v": None})
    assert "editor" in info.value.message.lower()


def test_editor_with_a_stale_version_gets_conflict(keyed_url: str) -> None:
    # A stale expectedVersion writes nothing: the seed the other tests read stays as it is.
    with diplograph.Client(keyed_url, api_key=EDITOR_KEY) as c, pytest.raises(diplograph.Conflict):
        c.query(UPSERT, {"v": 999})
