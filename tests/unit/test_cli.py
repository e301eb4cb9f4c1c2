"""The ``voyager`` command: skills subcommands and the errors users see."""

from __future__ import annotations

from pathlib import Path

import pytest

from voyager.cli import main
from voyager.config import load_settings
from voyager.embedders import make_embedder
from voyager.library import SkillLibrary
from voyager.rundir import RunFolder

MINE = 'async function mineThreeStone(bot) {\n  await mineBlock(bot, "stone", 3);\n}'
CRAFT = "async function craftFurnace(bot) {\n  await mineThreeStone(bot);\n}"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "skills"
    embedder = make_embedder("hashing", load_settings(environ={}))
    with SkillLibrary(folder, embedder) as lib:
        lib.add("mineThreeStone", MINE, "Mines three stone blocks.", task="Mine 3 stone")
        lib.add(
            "craftFurnace",
            CRAFT,
            "Crafts a furnace.",
            task="Craft 1 furnace",
            calls=["mineThreeStone"],
        )
    return folder


def run(*argv: str) -> int:
    return main([*argv, "--embedder", "hashing"])


def test_skills_list_prints_every_skill(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("skills", "list", str(library)) == 0
    out, err = capsys.readouterr()
    assert "mineThreeStone (v1" in out and "craftFurnace (v1" in out
    assert "2 skills" in err


def test_skills_show_prints_the_code(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("skills", "show", str(library), "craftFurnace") == 0
    assert "await mineThreeStone(bot)" in capsys.readouterr().out


def test_showing_an_unknown_skill_is_a_clear_error(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("skills", "show", str(library), "flyToMoon") == 2
    assert "no skill named 'flyToMoon'" in capsys.readouterr().err


def test_export_then_import_into_a_new_library(library: Path, tmp_path: Path) -> None:
    assert run("skills", "export", str(library), str(tmp_path / "out")) == 0
    assert run("skills", "import", str(tmp_path / "new"), str(tmp_path / "out")) == 0
    embedder = make_embedder("hashing", load_settings(environ={}))
    with SkillLibrary(tmp_path / "new", embedder, read_only=True) as copy:
        assert copy.names() == ["craftFurnace", "mineThreeStone"]


def test_reindex_rebuilds_the_index_from_the_files(library: Path) -> None:
    import shutil

    shutil.rmtree(library / "chroma")
    assert run("skills", "reindex", str(library)) == 0
    assert (library / "chroma").is_dir()


def test_a_missing_library_folder_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("skills", "list", str(tmp_path / "nope")) == 2
    assert "no such library folder" in capsys.readouterr().err


def test_a_bad_settings_file_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "voyager.toml"
    bad.write_text("[explore]\nspeed = 3\n")
    assert main(["--config", str(bad), "skills", "list", str(tmp_path)]) == 2
    assert "explore.speed: unknown key" in capsys.readouterr().err


def test_a_malformed_server_address_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["explore", "--server", "localhost", "--run-dir", str(tmp_path / "r"), "--llm", "offline"]
    )
    assert code == 2
    assert "HOST:PORT" in capsys.readouterr().err


def test_a_resumed_run_keeps_its_world(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    start = ["explore", "--env", "mock", "--llm", "offline", "--iterations", "2"]
    assert run(*start, "--run-dir", str(folder)) == 0
    # no --env: the run folder says it is a mock run (a built-in world would start otherwise)
    assert main(["explore", "--resume", str(folder), "--iterations", "3"]) == 0
    resumed = RunFolder.open(folder)
    assert resumed.settings().explore.env == "mock"
    rounds = [r["iteration"] for r in resumed.read_trace() if r["event"] == "round"]
    assert rounds == [1, 2, 3]


def test_world_start_takes_its_own_options(capsys: pytest.CaptureFixture[str]) -> None:
    # the options reach `voyager world start`'s parser, which checks them (no world starts)
    with pytest.raises(SystemExit):
        main(["world", "start", "--seed", "x", "--keep-inventory", "false"])
    assert "argument --seed: invalid int value: 'x'" in capsys.readouterr().err


def test_an_unknown_option_elsewhere_is_still_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["explore", "--bogus"])
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err
