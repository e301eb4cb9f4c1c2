"""``voyager skills test`` in the built-in world: each skill on ground of its own."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from tests.integration.conftest import Server
from voyager.config import load_settings
from voyager.embedders import make_embedder
from voyager.library import SkillLibrary
from voyager.skilltest import run_library_tests

# Each finds no table near it at first, else it would craft at the one before it placed.
TABLE_THEN = """async function {name}(bot) {{
  const table = mcData.blocksByName.crafting_table.id;
  if (bot.findBlock({{ matching: table, maxDistance: 4 }})) throw new Error("a table is here");
  await placeItem(bot, "crafting_table", bot.entity.position.offset(1, 0, 0));
  await craftItem(bot, "{item}", 1);
}}"""
SKILLS = {"craftWoodenPickaxe": "wooden_pickaxe", "craftWoodenSword": "wooden_sword"}
# Fails at night (the world sends its time every second).
BY_DAY = """async function checkTheClock(bot) {
  await bot.waitForTicks(30);
  if (bot.time.timeOfDay >= 12000) throw new Error(`night: ${bot.time.timeOfDay}`);
}"""


def test_each_skill_starts_on_open_ground_away_from_the_last_ones_table(
    builtin_world: Server, tmp_path: Path
) -> None:
    embedder = make_embedder("hashing", load_settings(environ={}))
    env = builtin_world.env("tester", tmp_path / "logs")
    try:
        with SkillLibrary(tmp_path / "lib", embedder) as library:
            for name, item in SKILLS.items():
                library.add(name, TABLE_THEN.format(name=name, item=item), name, task="")
            results = run_library_tests(env, library)
    finally:
        env.close()
    assert [(r.name, r.success) for r in results] == [(name, True) for name in SKILLS], results


def test_each_skill_starts_in_the_morning(builtin_world: Server, tmp_path: Path) -> None:
    assert builtin_world.console is not None
    embedder = make_embedder("hashing", load_settings(environ={}))
    env = builtin_world.env("clock", tmp_path / "logs")
    builtin_world.console("time set night")
    try:
        with SkillLibrary(tmp_path / "lib", embedder) as library:
            library.add("checkTheClock", BY_DAY, "checkTheClock", task="")
            new_day = partial(builtin_world.console, "time set day")
            results = run_library_tests(env, library, new_day=new_day)
    finally:
        env.close()
    assert [(r.success, r.error) for r in results] == [(True, "")]
