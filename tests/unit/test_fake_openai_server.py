"""The fake OpenAI-compatible server: shapes, scripts, faults and recording, over plain HTTP."""

from __future__ import annotations

import json
import math
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.fakes import FakeOpenAIServer

CHAT = "/chat/completions"


def post(
    server: FakeOpenAIServer, path: str, body: dict[str, Any], role: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": "application/json"}
    if role is not None:
        headers["X-Voyager-Role"] = role
    request = urllib.request.Request(
        server.base_url + path, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def chat_body(content: str = "craft a table", model: str = "fake-model") -> dict[str, Any]:
    return {"model": model, "messages": [{"role": "user", "content": content}]}


def test_chat_answer_comes_from_the_script_of_the_request_role() -> None:
    with FakeOpenAIServer() as server:
        server.script("critic", ["critic says yes"])
        server.script("action", ["action code"])
        status, _, raw = post(server, CHAT, chat_body(), role="action")
    assert status == 200
    assert json.loads(raw)["choices"][0]["message"]["content"] == "action code"


def test_script_for_any_role_answers_roles_without_their_own() -> None:
    with FakeOpenAIServer() as server:
        server.script(None, ["anyone"])
        _, _, raw = post(server, CHAT, chat_body(), role="qa")
    assert json.loads(raw)["choices"][0]["message"]["content"] == "anyone"


def test_responder_answers_when_no_script_does() -> None:
    with FakeOpenAIServer() as server:
        server.responder = lambda body, role: f"{role}:{body['messages'][-1]['content']}"
        _, _, raw = post(server, CHAT, chat_body("hi"), role="describer")
    assert json.loads(raw)["choices"][0]["message"]["content"] == "describer:hi"


def test_failing_responder_answers_500_naming_the_error() -> None:
    def responder(body: dict[str, Any], role: str | None) -> str:
        raise KeyError("missing")

    with FakeOpenAIServer() as server:
        server.responder = responder
        status, _, raw = post(server, CHAT, chat_body())
    assert status == 500
    assert "KeyError" in json.loads(raw)["error"]["message"]


def test_exhausted_script_answers_500_saying_so() -> None:
    with FakeOpenAIServer() as server:
        status, _, raw = post(server, CHAT, chat_body(), role="action")
    assert status == 500
    assert "script ran out" in json.loads(raw)["error"]["message"]


def test_usage_counts_words_of_messages_and_answer() -> None:
    with FakeOpenAIServer() as server:
        server.script(None, ["one two three"])
        _, _, raw = post(server, CHAT, chat_body("a b c d"))
    assert json.loads(raw)["usage"] == {
        "prompt_tokens": 4,
        "completion_tokens": 3,
        "total_tokens": 7,
    }


def test_embeddings_are_deterministic_unit_vectors_of_the_configured_dimension() -> None:
    with FakeOpenAIServer(embedding_dim=8) as server:
        body = {"model": "embed", "input": ["mine wood", "mine wood", "craft"]}
        _, _, raw = post(server, "/embeddings", body)
    vectors = [item["embedding"] for item in json.loads(raw)["data"]]
    assert [len(v) for v in vectors] == [8, 8, 8]
    assert vectors[0] == vectors[1] != vectors[2]
    assert math.isclose(sum(x * x for x in vectors[2]), 1.0)


def test_models_lists_the_served_models() -> None:
    with (
        FakeOpenAIServer(models=["a", "b"]) as server,
        urllib.request.urlopen(server.base_url + "/models", timeout=5) as response,
    ):
        ids = [model["id"] for model in json.loads(response.read())["data"]]
    assert ids == ["a", "b"]


def test_status_fault_sends_retry_after_headers_then_clears() -> None:
    with FakeOpenAIServer() as server:
        server.script(None, ["fine"])
        server.fail(429, retry_after=0.25)
        first = post(server, CHAT, chat_body())
        second = post(server, CHAT, chat_body())
    assert first[0] == 429
    assert first[1]["retry-after-ms"] == "250"
    assert second[0] == 200


def test_garbage_fault_sends_a_body_that_is_not_json() -> None:
    with FakeOpenAIServer() as server:
        server.garbage()
        status, _, raw = post(server, CHAT, chat_body())
    assert status == 200
    with pytest.raises(ValueError):
        json.loads(raw)


def test_no_choices_fault_omits_choices() -> None:
    with FakeOpenAIServer() as server:
        server.no_choices()
        _, _, raw = post(server, CHAT, chat_body())
    assert "choices" not in json.loads(raw)


def test_faulted_requests_keep_their_scripted_answer() -> None:
    with FakeOpenAIServer() as server:
        server.script(None, ["kept"])
        server.empty_content()
        _, _, empty = post(server, CHAT, chat_body())
        _, _, kept = post(server, CHAT, chat_body())
    assert json.loads(empty)["choices"][0]["message"]["content"] == ""
    assert json.loads(kept)["choices"][0]["message"]["content"] == "kept"


def test_every_request_is_recorded_with_role_model_and_messages() -> None:
    with FakeOpenAIServer() as server:
        server.fail(500)
        post(server, CHAT, chat_body("first", model="m1"), role="critic")
    [request] = server.requests
    assert (request.role, request.model, request.fault) == ("critic", "m1", "status")
    assert request.messages == [{"role": "user", "content": "first"}]


def test_wrong_api_key_gets_401() -> None:
    with FakeOpenAIServer(api_key="sk-right") as server:
        status, _, _ = post(server, CHAT, chat_body())
    assert status == 401


def test_unknown_model_gets_404_model_not_found() -> None:
    with FakeOpenAIServer(models=["known"]) as server:
        status, _, raw = post(server, CHAT, chat_body(model="unknown"))
    assert status == 404
    assert json.loads(raw)["error"]["code"] == "model_not_found"


def test_replay_scripts_recorded_answers_per_role(tmp_path: Path) -> None:
    recording = tmp_path / "answers.jsonl"
    lines = [{"role": "curriculum", "text": "Mine 1 wood log"}, {"role": None, "text": "any"}]
    recording.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    with FakeOpenAIServer() as server:
        assert server.replay(recording) == 2
        assert (server.remaining("curriculum"), server.remaining(None)) == (1, 1)


def test_replay_names_the_bad_line(tmp_path: Path) -> None:
    recording = tmp_path / "answers.jsonl"
    recording.write_text('{"role": "qa", "text": "ok"}\nnot json\n')
    with FakeOpenAIServer() as server, pytest.raises(ValueError, match=r"answers.jsonl:2"):
        server.replay(recording)


def test_stop_ends_a_request_held_by_a_delay() -> None:
    server = FakeOpenAIServer().start()
    server.delay(60)
    request = urllib.request.Request(
        server.base_url + CHAT, data=json.dumps(chat_body()).encode(), method="POST"
    )
    with pytest.raises(OSError):
        urllib.request.urlopen(request, timeout=0.2)
    server.stop()  # returns although the handler was told to wait 60 s
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.base_url
