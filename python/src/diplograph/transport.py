"""The GraphQL call: credentials, error mapping and bounded retries on UNAVAILABLE and RATE_LIMITED.

:class:`GraphQLSession` is the part of :class:`diplograph.Client` that speaks HTTP; the
analyst helpers are built on its :meth:`GraphQLSession.query`.
"""

from __future__ import annotations

import random
import re
import time as _time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from .errors import DiplographError, Internal, RateLimited, Unavailable, error_from_graphql

# Comments and whitespace may come before the operation keyword.
_OPERATION = re.compile(r"^(?:\s|#[^\n]*\n?)*(query|mutation|subscription)?", re.ASCII)

_UNAVAILABLE_STATUS = {502, 503, 504}


def is_mutation(document: str) -> bool:
    """Whether a GraphQL document is a mutation (anything else only reads).

    >>> is_mutation("# note\\nmutation { upsertEntity(input: {id: \\"x\\"}) { created } }")
    True
    >>> is_mutation("{ stats { entities } }")
    False
    """
    m = _OPERATION.match(document)
    return bool(m and m.group(1) == "mutation")


class GraphQLSession:
    """An HTTP session to one diplograph service.

    Args:
        url: the service's base URL (``http://localhost:8080``) or its GraphQL endpoint
            (``.../graphql``).
        api_key: an API key, sent as ``X-API-Key`` (docs/auth.md).
        token: a JSON Web Token, sent as ``Authorization: Bearer``. Give one credential, not both:
            the service refuses a request that carries two.
        timeout: seconds for each HTTP request.
        max_attempts: tries for one call when the service answers UNAVAILABLE (reads and
            idempotent writes only); 1 turns retrying off.
        backoff: the first wait between tries, in seconds; it doubles each time, with jitter,
            capped at ``max_backoff``.
        transport: an httpx transport, for tests.
    """

    def __init__(
        self,
        url: str,
        api_key: str | None = None,
        token: str | None = None,
        *,
        timeout: float = 30.0,
        max_attempts: int = 4,
        backoff: float = 0.25,
        max_backoff: float = 4.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = _time.sleep,
    ) -> None:
        if api_key and token:
            raise ValueError("give api_key or token, not both: the service refuses two credentials")
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        base = url.rstrip("/")
        self.endpoint = base if base.endswith("/graphql") else base + "/graphql"
        headers = {
            "Accept": "application/graphql-response+json, application/json;q=0.9",
            "User-Agent": "diplograph-python",
        }
        if api_key:
            headers["X-API-Key"] = api_key
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._sleep = sleep
        self._http = httpx.Client(headers=headers, timeout=timeout, transport=transport)

    def close(self) -> None:
        """Closes the HTTP connections."""
        self._http.close()

    def __enter__(self) -> GraphQLSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(
        self,
        text: str,
        variables: Mapping[str, Any] | None = None,
        *,
        idempotent: bool | None = None,
    ) -> dict[str, Any]:
        """Runs a GraphQL document and returns its ``data``.

        Any error in the answer raises the exception for its ``extensions.code`` (the first
        error's), carrying ``message``, ``code``, ``field`` and the partial ``data``.

        Args:
            text: the GraphQL document.
            variables: its variables.
            idempotent: whether the call may be repeated safely. Queries are; mutations are not
                unless you say so (``upsertEntity``: an identical edit writes nothing). Only an
                idempotent call is retried when the service answers UNAVAILABLE.

        Example::

            data = client.query("query($id: ID!) { entity(id: $id) { name } }",
                                {"id": "country/russia"})
            data["entity"]["name"]  # 'Russia'
        """
        retry = (not is_mutation(text)) if idempotent is None else idempotent
        attempts = self.max_attempts if retry else 1
        payload = {"query": text, "variables": dict(variables or {})}
        for attempt in range(1, self.max_attempts + 1):
            try:
                return self._post(payload)
            except Unavailable as e:
                if attempt >= attempts:
                    raise
                self._sleep(self._delay(attempt, e))
            except RateLimited as e:
                # Refused before anything ran, so even a mutation is safe to send again.
                if attempt == self.max_attempts:
                    raise
                self._sleep(self._delay(attempt, e))
        raise AssertionError("unreachable")  # pragma: no cover

    def _delay(self, attempt: int, err: DiplographError) -> float:
        """Exponential backoff with full jitter; a Retry-After from the service wins when longer."""
        ceiling = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
        wait = random.uniform(ceiling / 2, ceiling)
        if err.retry_after is not None:
            wait = max(wait, min(err.retry_after, self.max_backoff))
        return wait

    def _post(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        try:
            resp = self._http.post(self.endpoint, json=payload)
        except (httpx.ConnectError, httpx.TimeoutException, httpx.RemoteProtocolError) as e:
            raise Unavailable(f"cannot reach {self.endpoint}: {e}") from e
        body = _json_body(resp)
        if isinstance(body, dict) and body.get("errors"):
            err = error_from_graphql(body["errors"], body.get("data"))
            err.retry_after = _retry_after(resp)
            raise err
        if resp.status_code in _UNAVAILABLE_STATUS:
            err = Unavailable(f"HTTP {resp.status_code} from {self.endpoint}")
            err.retry_after = _retry_after(resp)
            raise err
        if resp.status_code >= 400 or not isinstance(body, dict) or "data" not in body:
            cls = Internal if resp.status_code >= 500 else DiplographError
            raise cls(
                f"HTTP {resp.status_code} from {self.endpoint}: {resp.text[:200]}",
                code=None if cls is Internal else f"HTTP_{resp.status_code}",
            )
        data = body["data"]
        return data if isinstance(data, dict) else {}


def _json_body(resp: httpx.Response) -> Any:
    if "json" not in resp.headers.get("content-type", ""):
        return None
    try:
        return resp.json()
    except ValueError:
        return None


def _retry_after(resp: httpx.Response) -> float | None:
    value = resp.headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
