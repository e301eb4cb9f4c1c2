"""A library in the original Voyager's layout imports and runs in the built-in world."""

from __future__ import annotations

from pathlib import Path

from tests.example_skills import example_skills
from tests.fakes.original_checkpoint import write_checkpoint
from tests.integration.conftest import Server
from voyager.config import load_settings
from voyager.embedders import make_embedder
from voyager.library import SkillLibrary
from voyager.original import import_original


def test_imported_example_skills_craft_a_wooden_pickaxe_in_the_builtin_world(
    builtin_world: Server, tmp_path: Path
) -> None:
    checkpoint = write_checkpoint(tmp_path / "ckpt", example_skills())
    embedder = make_embedder("hashing", load_settings(environ={}))
    with SkillLibrary(tmp_path / "lib", embedder) as library:
        report = import_original(checkpoint, library)
        assert not report.unparsable and not report.unresolved
        found = [s.name for s, _ in library.retrieve("craft a wooden pickaxe", 3, -1.0)]
        assert "craftWoodenPickaxe" in found
        code = library.all_code()
    env = builtin_world.env("importer", tmp_path / "logs")
    try:
        # logs in hand: the walk to a tree is the example chain's (tests/integration/world)
        env.reset(options={"mode": "hard", "inventory": {"oak_log": 4}})
        env.load_skills(code)
        obs, _reward, _term, _trunc, info = env.step("await craftWoodenPickaxe(bot);")
    finally:
        env.close()
    errors = [e["message"] for e in info["events"] if e["type"] == "error"]
    assert not errors
    assert obs["inventory"].get("wooden_pickaxe") == 1
