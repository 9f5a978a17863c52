"""Each extensions.code becomes its own exception, carrying message, code and field."""

from __future__ import annotations

import httpx
import pytest
import respx

import diplograph
from diplograph.errors import ERROR_CLASSES

from .responses import ENDPOINT, gql_error

CODES = {
    "NOT_FOUND": diplograph.NotFound,
    "BAD_USER_INPUT": diplograph.BadUserInput,
    "CONFLICT": diplograph.Conflict,
    "UNAUTHENTICATED": diplograph.Unauthenticated,
    "FORBIDDEN": diplograph.Forbidden,
    "UNAVAILABLE": diplograph.Unavailable,
    "OVERLOADED": diplograph.Overloaded,
    "RATE_LIMITED": diplograph.RateLimited,
    "RELOAD_REQUIRED": diplograph.ReloadRequired,
    "SLOW_CONSUMER": diplograph.SlowConsumer,
    "INTERNAL": diplograph.Internal,
}


def test_every_code_of_kg_errors_go_has_a_class() -> None:
    assert set(ERROR_CLASSES) == set(CODES)


@pytest.mark.parametrize(("code", "cls"), CODES.items())
def test_code_maps_to_exception(
    router: respx.MockRouter, client: diplograph.Client, code: str, cls: type[diplograph.DiplographError]
) -> None:
    router.post(ENDPOINT).mock(return_value=gql_error(code, "depth: must be between 1 and 3", "depth"))
    with pytest.raises(cls) as info:
        client.query("{ stats { entities } }", idempotent=False)
    e = info.value
    assert type(e) is cls
    assert (e.code, e.message, e.field) == (code, "depth: must be between 1 and 3", "depth")
    assert str(e) == f"{code}: depth: must be between 1 and 3 (depth)"


def test_unknown_code_is_the_base_class(router: respx.MockRouter, client: diplograph.Client) -> None:
    router.post(ENDPOINT).mock(return_value=gql_error("TEAPOT"))
    with pytest.raises(diplograph.DiplographError) as info:
        client.query("{ x }")
    assert type(info.value) is diplograph.DiplographError
    assert info.value.code == "TEAPOT"


def test_partial_data_and_path_travel_with_the_error(
    router: respx.MockRouter, client: diplograph.Client
) -> None:
    body = {
        "data": {"a": {"name": "Russia"}, "b": None},
        "errors": [
            {"message": 'No entity has id "x".', "path": ["b"], "extensions": {"code": "NOT_FOUND"}},
            {"message": "second", "extensions": {"code": "INTERNAL"}},
        ],
    }
    router.post(ENDPOINT).mock(return_value=httpx.Response(200, json=body))
    with pytest.raises(diplograph.NotFound) as info:
        client.query('{ a: entity(id: "country/russia") { name } b: entity(id: "x") { name } }')
    assert info.value.data == {"a": {"name": "Russia"}, "b": None}
    assert info.value.path == ["b"]
    assert len(info.value.errors) == 2
    assert info.value.field is None


def test_401_with_graphql_body_is_unauthenticated(
    router: respx.MockRouter, client: diplograph.Client
) -> None:
    router.post(ENDPOINT).mock(return_value=gql_error("UNAUTHENTICATED", "invalid credentials", status=401))
    with pytest.raises(diplograph.Unauthenticated, match="invalid credentials"):
        client.query("{ stats { entities } }")


def test_400_graphql_response_is_bad_user_input(router: respx.MockRouter, client: diplograph.Client) -> None:
    router.post(ENDPOINT).mock(return_value=gql_error("BAD_USER_INPUT", "Cannot query field", status=400))
    with pytest.raises(diplograph.BadUserInput):
        client.query("{ nope }")


def test_non_json_500_is_internal(router: respx.MockRouter, client: diplograph.Client) -> None:
    router.post(ENDPOINT).mock(return_value=httpx.Response(500, text="boom"))
    with pytest.raises(diplograph.Internal):
        client.query("{ x }")


def test_non_json_404_names_the_status(router: respx.MockRouter, client: diplograph.Client) -> None:
    router.post(ENDPOINT).mock(return_value=httpx.Response(404, text="not here"))
    with pytest.raises(diplograph.DiplographError) as info:
        client.query("{ x }")
    assert info.value.code == "HTTP_404"


def test_credentials_headers(router: respx.MockRouter) -> None:
    route = router.post(ENDPOINT).mock(return_value=httpx.Response(200, json={"data": {}}))
    diplograph.Client("http://diplograph.test/", api_key="k" * 24).query("{ x }")
    diplograph.Client("http://diplograph.test/graphql", token="t.t.t").query("{ x }")
    diplograph.Client("http://diplograph.test").query("{ x }")
    first, second, third = (c.request.headers for c in route.calls)
    assert first["x-api-key"] == "k" * 24 and "authorization" not in first
    assert second["authorization"] == "Bearer t.t.t" and "x-api-key" not in second
    assert "authorization" not in third and "x-api-key" not in third
    assert "application/graphql-response+json" in first["accept"]


def test_two_credentials_are_refused_before_sending() -> None:
    with pytest.raises(ValueError, match="not both"):
        diplograph.Client("http://diplograph.test", api_key="k", token="t")
