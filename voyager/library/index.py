"""The skill library's vector index: one ChromaDB collection of description embeddings.

The index is derived from the files and brought back in step with them on
demand (:meth:`VectorIndex.sync`). The collection records which embedder
built it, and an index refuses to be searched with vectors from another one.
On a ChromaDB server (``chroma_url``) each library folder gets its own
collection, named after a hash of the folder's path. A read-only library
never writes: where its stored collection is missing, out of step or to be
rebuilt, it searches a copy in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import chromadb.config
import chromadb.errors

from voyager.embedders import Embedder
from voyager.library.errors import EmbedderMismatchError, LibraryError
from voyager.library.store import INDEX_FILE, Skill

CHROMA_DIR = "chroma"
COLLECTION = "skills"
_UPSERT_BATCH = 256


class VectorIndex:
    """The collection searched for skills, and the ChromaDB clients that hold it."""

    def __init__(
        self,
        folder: Path,
        embedder: Embedder,
        skills: Mapping[str, Skill],
        *,
        read_only: bool = False,
        chroma_url: str | None = None,
        rebuild: bool = False,
    ) -> None:
        self._folder = folder
        self._embedder = embedder
        self._read_only = read_only
        self._chroma_url = chroma_url
        self._clients: list[Any] = []
        self._client: Any = None
        self.mismatch: str | None = None
        self._in_step = False
        self._collection = self._open_collection(rebuild, skills)

    def require(self) -> None:
        """Refuse to mix vectors of two embedders in one index."""
        if self.mismatch is not None:
            raise EmbedderMismatchError(self.mismatch)

    def search(self, query: str, n: int) -> list[tuple[str, float]]:
        """The ``n`` nearest skill names to ``query``, with their cosine similarity."""
        vector = self._embedder.embed([query])[0]
        found = self._collection.query(
            query_embeddings=[vector], n_results=n, include=["distances"]
        )
        return [
            (name, 1.0 - float(distance))
            for name, distance in zip(found["ids"][0], found["distances"][0], strict=True)
        ]

    def sync(self, skills: Mapping[str, Skill]) -> None:
        """Bring the collection in step with ``skills``: embed what is missing, drop the rest."""
        if self._in_step or self.mismatch is not None:
            return
        indexed = _stored_versions(self._collection)
        extra = [name for name in indexed if name not in skills]
        if extra:
            self._collection.delete(ids=extra)
        stale = [s for n, s in sorted(skills.items()) if indexed.get(n) != s.version]
        self.upsert(stale)
        self._in_step = True

    def mark_stale(self) -> None:
        """The files changed behind the index's back: the next sync looks at every skill."""
        self._in_step = False

    def upsert(self, skills: Sequence[Skill]) -> None:
        try:
            for start in range(0, len(skills), _UPSERT_BATCH):
                batch = skills[start : start + _UPSERT_BATCH]
                self._collection.upsert(
                    ids=[skill.name for skill in batch],
                    embeddings=self._embedder.embed([skill.description for skill in batch]),
                    documents=[skill.description for skill in batch],
                    metadatas=[{"version": skill.version} for skill in batch],
                )
        except chromadb.errors.ChromaError as exc:
            self._in_step = False
            raise LibraryError(
                f"the skill index in {self._folder} could not be written ({exc}). The skill "
                "files are safe and the index is rebuilt from them when the library opens: "
                "if the disk is full, free some space, then resume the run"
            ) from exc
        except BaseException:
            # The files hold the skill; the next retrieve (or open) embeds it again.
            self._in_step = False
            raise

    def problems(self, skills: Mapping[str, Skill]) -> list[str]:
        """Where the collection is out of step with ``skills``."""
        indexed = _stored_versions(self._collection)
        problems = [
            f"the index lacks version {skill.version} of {name!r}"
            for name, skill in sorted(skills.items())
            if indexed.get(name) != skill.version
        ]
        return problems + [
            f"the index holds {name!r}, which is not in {INDEX_FILE}"
            for name in sorted(set(indexed) - set(skills))
        ]

    def rebuild(self, skills: Mapping[str, Skill]) -> None:
        """Embed every description again with this index's embedder."""
        with contextlib.suppress(chromadb.errors.NotFoundError):
            self._client.delete_collection(self._collection.name)
        self._collection = self._create_collection(self._client, self._collection.name)
        self.mismatch = None
        self._in_step = False
        self.sync(skills)

    def close(self) -> None:
        """Release ChromaDB (its SQLite files stay locked while a client is open)."""
        for client in self._clients:
            with contextlib.suppress(Exception):
                client.close()
        self._clients.clear()

    def _open_collection(self, rebuild: bool, skills: Mapping[str, Skill]) -> Any:
        """The collection to search: the stored one, or (read-only) an in-memory stand-in."""
        name = self._collection_name()
        if (
            self._read_only
            and self._chroma_url is None
            and not (self._folder / CHROMA_DIR).is_dir()
        ):
            return self._in_memory_collection()
        client = self._connect()
        existing = _get_collection(client, name)
        if existing is not None and rebuild and not self._read_only:
            client.delete_collection(name)
            existing = None
        if existing is None:
            if self._read_only:
                return self._in_memory_collection()
            return self._create_collection(client, name)
        if rebuild:
            return self._in_memory_collection()
        self.mismatch = self._embedder_mismatch(existing)
        if self._read_only and self.mismatch is None and not _versions_match(existing, skills):
            return self._in_memory_collection()
        return existing

    def _connect(self) -> Any:
        settings = chromadb.config.Settings(anonymized_telemetry=False)
        if self._chroma_url is None:
            client = chromadb.PersistentClient(
                path=str(self._folder / CHROMA_DIR), settings=settings
            )
        else:
            url = urlparse(self._chroma_url)
            if url.scheme not in ("http", "https") or not url.hostname:
                raise LibraryError(
                    f"not a ChromaDB server URL: {self._chroma_url!r} "
                    "(example: http://127.0.0.1:8000)"
                )
            try:
                client = chromadb.HttpClient(
                    host=url.hostname,
                    port=url.port or 8000,
                    ssl=url.scheme == "https",
                    settings=settings,
                )
            except Exception as exc:  # chromadb reports a refused connection as ValueError
                raise LibraryError(
                    f"cannot reach the ChromaDB server at {self._chroma_url} ({exc}): start it, "
                    f"or leave chroma_url unset to keep the index in {self._folder / CHROMA_DIR}"
                ) from exc
        self._clients.append(client)
        self._client = client
        return client

    def _in_memory_collection(self) -> Any:
        client = chromadb.EphemeralClient(
            settings=chromadb.config.Settings(anonymized_telemetry=False)
        )
        self._clients.append(client)
        self._client = client
        # Ephemeral clients share one in-process database: keep the name unique.
        return self._create_collection(client, f"skills-{uuid.uuid4().hex}")

    def _collection_name(self) -> str:
        if self._chroma_url is None:
            return COLLECTION
        # One server may hold many libraries: one collection per library folder.
        digest = hashlib.sha256(str(self._folder.resolve()).encode("utf-8")).hexdigest()
        return f"voyager-skills-{digest[:16]}"

    def _create_collection(self, client: Any, name: str) -> Any:
        metadata = {
            "embedder": self._embedder.name,
            "embedder_model": self._embedder.model,
            "embedder_dim": self._embedder.dim,
        }
        return client.create_collection(
            name,
            metadata=metadata,
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=None,
        )

    def _embedder_mismatch(self, collection: Any) -> str | None:
        metadata = collection.metadata or {}
        built = (metadata.get("embedder"), metadata.get("embedder_model"))
        if built == (self._embedder.name, self._embedder.model):
            return None
        return (
            f"this library's index was built with embedder {built[0]!r} (model {built[1]!r}), "
            f"not {self._embedder.name!r} (model {self._embedder.model!r}); run "
            f"`voyager skills reindex {self._folder} --embedder {self._embedder.name}` "
            "to rebuild it, or open it with the embedder that built it"
        )


def _versions_match(collection: Any, skills: Mapping[str, Skill]) -> bool:
    return _stored_versions(collection) == {name: s.version for name, s in skills.items()}


def _stored_versions(collection: Any) -> dict[str, int | None]:
    """Skill name -> the version whose description the collection holds."""
    stored = collection.get(include=["metadatas"])
    return {
        name: (metadata or {}).get("version")
        for name, metadata in zip(stored["ids"], stored["metadatas"], strict=True)
    }


def _get_collection(client: Any, name: str) -> Any:
    try:
        return client.get_collection(name, embedding_function=None)
    except chromadb.errors.NotFoundError:
        return None
