"""Importing the original Voyager's checkpoint layout: code kept, descriptions re-embedded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.example_skills import example_skills
from tests.fakes.original_checkpoint import write_checkpoint
from voyager.cli import main
from voyager.config import load_settings
from voyager.embedders import make_embedder
from voyager.library import SkillLibrary
from voyager.original import REPORT_FILE, OriginalImportError, import_original

BROKEN = "async function brokenSkill(bot) {\n  await mineBlock(bot, 'stone', 3;\n}"
DANGLING = "async function usesMagic(bot) {\n  await teleportHome(bot);\n}"


@pytest.fixture
def checkpoint(tmp_path: Path) -> Path:
    skills = example_skills() | {"brokenSkill": BROKEN, "usesMagic": DANGLING}
    return write_checkpoint(tmp_path / "ckpt", skills)


def library(folder: Path) -> SkillLibrary:
    return SkillLibrary(folder, make_embedder("hashing", load_settings(environ={})))


def test_every_parsable_skill_is_imported_with_its_code_unchanged(
    checkpoint: Path, tmp_path: Path
) -> None:
    with library(tmp_path / "lib") as lib:
        report = import_original(checkpoint, lib)
        assert "craftIronPickaxe" in report.imported and "brokenSkill" not in report.imported
        for name in report.imported:  # the library's files end with one newline
            original = (checkpoint / "skill" / "code" / f"{name}.js").read_text()
            assert lib.get(name).code.rstrip("\n") == original.rstrip("\n")
        assert lib.get("mineCoal").description == "Does mineCoal step by step."
        assert "craftWoodenPickaxe" in lib.get("mineCoal").calls


def test_a_rewritten_skill_is_imported_at_the_version_the_original_ran_last(
    checkpoint: Path, tmp_path: Path
) -> None:
    # The original kept a rewrite's first version in code/<name>.js, the rewrite in
    # code/<name>V2.js, and the rewrite in skills.json.
    first = "async function mineCoal(bot) {\n  await mineBlock(bot, 'coal_ore', 1);\n}"
    rewrite = "async function mineCoal(bot) {\n  await mineBlock(bot, 'coal_ore', 5);\n}"
    skill = checkpoint / "skill"
    (skill / "code" / "mineCoal.js").write_text(first)
    (skill / "code" / "mineCoalV2.js").write_text(rewrite)
    index = json.loads((skill / "skills.json").read_text())
    index["mineCoal"] = {"code": rewrite, "description": "async function mineCoal(bot) {}"}
    (skill / "skills.json").write_text(json.dumps(index))
    with library(tmp_path / "lib") as lib:
        import_original(checkpoint, lib)
        assert lib.get("mineCoal").code.rstrip("\n") == rewrite


def test_without_code_in_skills_json_the_newest_code_file_is_imported(
    checkpoint: Path, tmp_path: Path
) -> None:
    rewrite = "async function mineCoal(bot) {\n  await mineBlock(bot, 'coal_ore', 5);\n}"
    skill = checkpoint / "skill"
    (skill / "code" / "mineCoalV2.js").write_text(rewrite)
    index = json.loads((skill / "skills.json").read_text())
    index["mineCoal"] = {"description": "async function mineCoal(bot) {}"}
    (skill / "skills.json").write_text(json.dumps(index))
    with library(tmp_path / "lib") as lib:
        import_original(checkpoint, lib)
        assert lib.get("mineCoal").code.rstrip("\n") == rewrite


def test_problems_are_reported_not_fatal(checkpoint: Path, tmp_path: Path) -> None:
    with library(tmp_path / "lib") as lib:
        report = import_original(checkpoint, lib)
    assert "Syntax error" in report.unparsable["brokenSkill"]
    assert report.unresolved == {"usesMagic": ["teleportHome"]}
    saved = json.loads((tmp_path / "lib" / REPORT_FILE).read_text())
    assert saved["code_left_out"]["brokenSkill"] == BROKEN
    assert saved["curriculum"]["completed_tasks"] == ["Mine 1 wood log"]


def test_a_helper_another_skill_defines_is_copied_into_the_skill_that_calls_it(
    tmp_path: Path,
) -> None:
    # The original loaded every skill's code into each program: a helper defined inside one
    # skill was callable from all of them.
    owner = """function spotBeside(bot) {
  return bot.entity.position.offset(1, 0, 0);
}
async function placeTable(bot) {
  await placeItem(bot, "crafting_table", spotBeside(bot));
}"""
    user = (
        'async function placeFurnace(bot) {\n  await placeItem(bot, "furnace", spotBeside(bot));\n}'
    )
    checkpoint = write_checkpoint(tmp_path / "ckpt", {"placeTable": owner, "placeFurnace": user})
    with library(tmp_path / "lib") as lib:
        report = import_original(checkpoint, lib)
        code = lib.get("placeFurnace").code
    assert report.borrowed == {"placeFurnace": {"spotBeside": "placeTable"}}
    assert report.unresolved == {}
    assert code.index("function spotBeside(bot)") < code.index("async function placeFurnace")
    assert "spotBeside (from placeTable)" in report.summary()


def test_imported_skills_are_retrieved_by_meaning(checkpoint: Path, tmp_path: Path) -> None:
    with library(tmp_path / "lib") as lib:
        import_original(checkpoint, lib)
        found = [skill.name for skill, _ in lib.retrieve("smelt iron ingots", 3, -1.0)]
        assert "smeltIronIngots" in found
        program = lib.program(["craftIronPickaxe"])
        assert program.index("async function mineWoodLogs") < program.index("craftIronPickaxe(bot)")


def test_a_folder_without_skills_is_a_clear_error(tmp_path: Path) -> None:
    with (
        library(tmp_path / "lib") as lib,
        pytest.raises(OriginalImportError, match=r"skills\.json"),
    ):
        import_original(tmp_path, lib)


def test_the_cli_recognises_the_original_layout(
    checkpoint: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["skills", "import", str(tmp_path / "lib"), str(checkpoint), "--embedder", "hashing"]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert (
        f"imported {len(example_skills()) + 1} skills" in err
        and "brokenSkill" in err
        and "teleportHome" in err
    )


def test_imported_skills_run_in_the_mock_world(checkpoint: Path, tmp_path: Path) -> None:
    from voyager.env.mock import MockMinecraftEnv

    with library(tmp_path / "lib") as lib:
        import_original(checkpoint, lib)
        env = MockMinecraftEnv(seed=4)
        env.reset(seed=4, options={"mode": "hard"})
        env.load_skills(lib.all_code())
        obs, _reward, _term, _trunc, info = env.step("await craftStonePickaxe(bot);")
    errors = [e["message"] for e in info["events"] if e["type"] == "error"]
    assert not errors
    assert obs["inventory"].get("stone_pickaxe") == 1
