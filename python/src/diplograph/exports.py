"""Files from the service's exports: ``GET /export/{format}`` (docs/exports.md).

:meth:`diplograph.Client.export` is built on :func:`export`; the formats are GEXF 1.3 (for
Gephi, with valid time on the timeline), GraphML, Cytoscape.js JSON, networkx node-link JSON
and CSV (``nodes.csv`` and ``edges.csv`` in a zip). Every edge carries its fact's provenance.
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Mapping
from typing import Any

import httpx

from .errors import DiplographError, Internal, Unavailable, error_from_graphql
from .timeargs import TimeArgs, time_variables

FORMATS = ("gexf", "graphml", "cytoscape", "nodelink", "csv")
SCOPES = ("all", "neighborhood", "track", "conflict", "paths", "crossTrack", "entities")

# Python keyword -> the endpoint's query parameter.
_PARAMS = {
    "id": "id",
    "depth": "depth",
    "limit": "limit",
    "from_": "from",
    "to": "to",
    "max_hops": "maxHops",
    "a": "a",
    "b": "b",
    "ids": "ids",
    "types": "types",
    "kinds": "kinds",
    "min_confidence": "minConfidence",
}


def export_params(scope: str, options: Mapping[str, Any], time: TimeArgs) -> dict[str, str]:
    """The query parameters of an export: lists comma-joined, absent options left out.

    >>> export_params("entities", {"ids": ["country/russia", "person/x"]}, {"as_of": "2025-12-31"})
    {'scope': 'entities', 'ids': 'country/russia,person/x', 'asOf': '2025-12-31'}
    """
    unknown = set(options) - set(_PARAMS)
    if unknown:
        raise TypeError(f"unknown export option(s): {', '.join(sorted(unknown))}")
    params = {"scope": scope}
    for key, value in options.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        params[_PARAMS[key]] = str(value)
    for name, value in time_variables(time).items():
        if value is not None:
            params[name] = value
    return params


def export(
    http: httpx.Client,
    base_url: str,
    format: str,
    scope: str,
    path: str | os.PathLike[str] | None,
    options: Mapping[str, Any],
    time: TimeArgs,
) -> bytes | pathlib.Path:
    """Fetches one export: its bytes, or, given ``path``, the file written there (streamed,
    so a whole-graph export never sits in memory) and its path. Errors raise the typed
    exception of their ``extensions.code``, as :meth:`query` does."""
    if format not in FORMATS:
        raise ValueError(f"format {format!r}: use one of {', '.join(FORMATS)}")
    url = f"{base_url}/export/{format}"
    params = export_params(scope, options, time)
    try:
        with http.stream("GET", url, params=params) as resp:
            if resp.status_code != 200:
                resp.read()
                raise _error(resp, url)
            if path is None:
                return resp.read()
            target = pathlib.Path(path)
            partial = target.with_name(target.name + ".part")
            with partial.open("wb") as f:
                for chunk in resp.iter_bytes():
                    f.write(chunk)
            partial.replace(target)
            return target
    except (httpx.ConnectError, httpx.TimeoutException, httpx.RemoteProtocolError) as e:
        raise Unavailable(f"cannot export from {url}: {e}") from e


def _error(resp: httpx.Response, url: str) -> DiplographError:
    try:
        body = resp.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and body.get("errors"):
        return error_from_graphql(body["errors"])
    if resp.status_code in (502, 503, 504):
        return Unavailable(f"HTTP {resp.status_code} from {url}")
    cls = Internal if resp.status_code >= 500 else DiplographError
    return cls(f"HTTP {resp.status_code} from {url}: {resp.text[:200]}", code=f"HTTP_{resp.status_code}")
