"""The example skills run in order, through the real bridge, in a fresh built-in world.

The programs of tests/data/example_skills, from an empty inventory: logs,
planks and sticks, a table, wooden, stone and iron pickaxes, a furnace, coal,
smelted iron, cobblestone in a chest; after every program the inventory holds
what it promises and the server's copy equals the bot's. One seed here
(several minutes); ``python benchmarks/example_chain.py`` runs three, and
the rest of the chain (a cow hunted, its beef cooked).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.example_chain import EXPECTATIONS, run_chain
from voyager.paths import bridge_dir

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js"),
    pytest.mark.skipif(
        not (bridge_dir() / "node_modules").is_dir(), reason="needs npm ci in bridge/"
    ),
]

# trees, water, coal, iron and cows all lie within 15 blocks of this spawn (terrain-census)
SEED = 6
# killing cows and cooking are played by test_terrain_play.py and test_gameplay_primitives.py
LAST = "storeCobblestoneInChest"


# about 190 s alone on 2 cores; pathfinding in a busy CI run can take twice that
@pytest.mark.timeout(900)
def test_the_example_skills_reach_an_iron_pickaxe_from_nothing(tmp_path: Path) -> None:
    results = run_chain(SEED, tmp_path, last=LAST)
    report = "\n".join(
        f"{r.skill}: {'ok' if r.passed else r.problem} ({r.seconds:.0f} s) chat: {r.chat[-6:]}"
        for r in results
    )
    names = [name for name, _, _, _ in EXPECTATIONS]
    assert [r.skill for r in results] == names[: names.index(LAST) + 1], report
    assert all(r.passed for r in results), report
    assert results[-1].inventory.get("iron_pickaxe") == 1
