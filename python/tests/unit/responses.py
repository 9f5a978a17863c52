"""Canned GraphQL answers for the mocked transport."""

from __future__ import annotations

import json
from typing import Any

import httpx

URL = "http://diplograph.test"
ENDPOINT = URL + "/graphql"


def gql_error(
    code: str, message: str = "it failed", field: str | None = None, status: int = 200
) -> httpx.Response:
    ext: dict[str, Any] = {"code": code}
    if field:
        ext["field"] = field
    return httpx.Response(status, json={"errors": [{"message": message, "extensions": ext}], "data": None})


def gql_data(data: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json={"data": data})


def sent(call: Any) -> dict[str, Any]:
    """The JSON body a recorded call sent."""
    body: dict[str, Any] = json.loads(call.request.content)
    return body
