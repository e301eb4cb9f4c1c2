"""Skill retrieval benchmark: insert time and query latency of the skill library, per embedder.

Inserts synthetic skills with varied descriptions into a fresh library (one
``add`` each, as the learner does), then times ``retrieve`` (embedding the
query + the ChromaDB query + ranking) and the query embedding alone.
The goal for the local embedder is a p50 of at most 10 ms. Prints figures,
asserts nothing::

    python benchmarks/retrieval.py [--skills 1000] [--queries 200] [--embedders hashing,minilm]

The ``openai`` embedder runs against tests/fakes/openai_server.py (a local
fake), so its figures are the client and HTTP overhead, not OpenAI's.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voyager.config import Settings
from voyager.embedders import Embedder, MiniLMEmbedder, make_embedder
from voyager.library import SkillLibrary

VERBS = ["Mine", "Craft", "Smelt", "Cook", "Kill", "Collect", "Place", "Equip", "Fill", "Trade"]
ITEMS = [
    "oak logs",
    "birch planks",
    "sticks",
    "a crafting table",
    "a wooden pickaxe",
    "cobblestone",
    "a stone sword",
    "coal ore",
    "iron ore",
    "raw iron",
    "iron ingots",
    "a furnace",
    "a shield",
    "a bucket of water",
    "porkchops",
    "beef",
    "mutton",
    "a chest",
    "torches",
    "diamonds",
    "a golden sword",
    "lava",
    "a compass",
    "sand",
    "glass",
    "wool",
    "a bed",
    "a zombie",
    "a spider",
    "a skeleton",
    "string",
    "bones",
    "arrows",
    "a bow",
    "wheat",
    "bread",
]
HOW = [
    "with a stone pickaxe",
    "using the nearest crafting table",
    "in a furnace with coal as fuel",
    "after exploring until one is found",
    "and store the rest in a nearby chest",
    "while avoiding lava and water",
    "at night near the spawn point",
    "from the inventory",
    "by walking north until a cave appears",
    "then equip the best tool in the main hand",
]
QUANTITIES = ["one", "two", "three", "four", "five", "eight", "ten", "sixteen"]


def synthetic_descriptions(count: int, rng: random.Random) -> list[str]:
    return [
        f"{rng.choice(VERBS)} {rng.choice(QUANTITIES)} {rng.choice(ITEMS)} {rng.choice(HOW)}; "
        f"needs {rng.choice(ITEMS)} first."
        for _ in range(count)
    ]


def synthetic_queries(count: int, rng: random.Random) -> list[str]:
    return [f"{rng.choice(VERBS)} {rng.randint(1, 16)} {rng.choice(ITEMS)}" for _ in range(count)]


def percentiles_ms(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p50 = statistics.median(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"p50 {p50:7.2f} ms   p95 {p95:7.2f} ms"


def time_each(action: Callable[[str], object], queries: list[str]) -> list[float]:
    """Seconds taken by ``action(query)`` for each query."""
    times = []
    for query in queries:
        start = time.perf_counter()
        action(query)
        times.append(time.perf_counter() - start)
    return times


def embed_one(embedder: Embedder) -> Callable[[str], object]:
    return lambda query: embedder.embed([query])


def bench(name: str, embedder: Embedder, skills: int, queries: int) -> None:
    rng = random.Random(0)
    descriptions = synthetic_descriptions(skills, rng)
    asked = synthetic_queries(queries, rng)
    embedder.embed(["warm up"])
    with tempfile.TemporaryDirectory() as folder, SkillLibrary(Path(folder), embedder) as lib:
        start = time.perf_counter()
        for i, description in enumerate(descriptions):
            skill = f"skill{i}"
            lib.add(skill, f"async function {skill}(bot) {{}}\n", description, task=description)
        insert = time.perf_counter() - start
        for query in asked[:10]:
            lib.retrieve(query)
        retrieve_times = time_each(lib.retrieve, asked)
        embed_times = time_each(embed_one(embedder), asked)
    print(f"{name} ({embedder.model}, {embedder.dim} dims)")
    print(f"  insert {skills} skills: {insert:6.2f} s ({insert / skills * 1000:.2f} ms per add)")
    print(f"  retrieve (embed + query + rank): {percentiles_ms(retrieve_times)}")
    print(f"  query embedding alone:           {percentiles_ms(embed_times)}")


def minilm_threads(queries: int) -> None:
    """Single-query embedding latency of MiniLM for one and two intra-op threads."""
    asked = synthetic_queries(queries, random.Random(1))
    print("minilm single-query embedding by intra-op threads:")
    for threads in (1, 2):
        embedder = MiniLMEmbedder(threads=threads)
        embedder.embed(asked[:10])
        times = time_each(embed_one(embedder), asked)
        print(f"  threads={threads}: {percentiles_ms(times)}")


@contextlib.contextmanager
def openai_embedder() -> Iterator[Embedder | None]:
    try:
        from tests.fakes.openai_server import FakeOpenAIServer
        from voyager.llm import OpenAIChatModel
    except ImportError as exc:
        print(f"openai: skipped ({exc})")
        yield None
        return
    with FakeOpenAIServer(embedding_dim=256) as server, tempfile.TemporaryDirectory() as cache:
        settings = Settings.model_validate(
            {
                "llm": "openai",
                "roles": {"embedding": {"model": "fake-embedding", "base_url": server.base_url}},
                "prices": {"fake-embedding": {"input": 0.0}},
            }
        )
        with OpenAIChatModel(settings, cache_dir=Path(cache)) as model:
            yield make_embedder("openai", settings, embed_fn=model.embed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skills", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--embedders", default="hashing,minilm,openai")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; {args.skills} skills, {args.queries} queries, top 5\n")
    for name in args.embedders.split(","):
        if name == "openai":
            with openai_embedder() as embedder:
                if embedder is not None:
                    bench(name, embedder, args.skills, args.queries)
        else:
            bench(name, make_embedder(name, Settings()), args.skills, args.queries)
        print()
    if "minilm" in args.embedders:
        minilm_threads(args.queries)


if __name__ == "__main__":
    main()
