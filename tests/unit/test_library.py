"""The skill library: versioned files, counters, retrieval, programs, repair and embedder checks."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import chromadb.errors
import pytest

from voyager.embedders import HashingEmbedder
from voyager.files import write_atomic
from voyager.library import (
    EmbedderMismatchError,
    LibraryError,
    ReadOnlyLibraryError,
    SkillLibrary,
)

Opener = Callable[..., SkillLibrary]


class FlakyEmbedder(HashingEmbedder):
    """A hashing embedder that fails on demand, like a process killed mid-write."""

    def __init__(self) -> None:
        super().__init__()
        self.fail = False

    def embed(self, texts: list[str]) -> list[list[float]]:
        if self.fail:
            raise RuntimeError("killed")
        return super().embed(texts)


class CountingEmbedder(HashingEmbedder):
    """A hashing embedder that counts the texts it embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.texts = 0

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.texts += len(texts)
        return super().embed(texts)


@pytest.fixture
def open_library(tmp_path: Path) -> Iterator[Opener]:
    opened: list[SkillLibrary] = []

    def open_(folder: Path | None = None, embedder: Any = None, **options: Any) -> SkillLibrary:
        lib = SkillLibrary(folder or tmp_path / "lib", embedder or HashingEmbedder(), **options)
        opened.append(lib)
        return lib

    yield open_
    for lib in opened:
        lib.close()


@pytest.fixture
def lib(open_library: Opener) -> SkillLibrary:
    return open_library()


def js(name: str, body: str = "await mineBlock(bot, 'oak_log', 1);") -> str:
    return f"async function {name}(bot) {{\n  {body}\n}}\n"


def add_mining_skills(lib: SkillLibrary) -> None:
    lib.add(
        "mineWoodLog", js("mineWoodLog"), "Mine one oak wood log from a tree.", task="Mine 1 log"
    )
    lib.add(
        "mineIronOre",
        js("mineIronOre", "await mineBlock(bot, 'iron_ore', 3);"),
        "Mine three iron ore blocks with a stone pickaxe.",
        task="Mine 3 iron ore",
    )
    lib.add(
        "cookPorkchop",
        js("cookPorkchop", "await smeltItem(bot, 'porkchop', 'coal', 1);"),
        "Cook a raw porkchop in a furnace with coal as fuel.",
        task="Cook 1 porkchop",
    )


def test_add_writes_code_history_and_index(lib: SkillLibrary) -> None:
    skill = lib.add(
        "mineWoodLog",
        js("mineWoodLog"),
        "Mine one log.",
        task="Mine 1 log",
        world="built-in seed 3",
        iteration=7,
    )
    assert (lib.folder / "mineWoodLog.js").read_text() == skill.code
    assert (lib.folder / "history" / "mineWoodLog.v1.js").read_text() == skill.code
    record = json.loads((lib.folder / "index.json").read_text())["skills"]["mineWoodLog"][0]
    assert (record["world"], record["iteration"], record["version"]) == ("built-in seed 3", 7, 1)


def test_adding_the_same_code_again_is_a_no_op(lib: SkillLibrary) -> None:
    first = lib.add("mineWoodLog", js("mineWoodLog"), "Mine one log.", task="Mine 1 log")
    again = lib.add("mineWoodLog", js("mineWoodLog") + "\n\n", "Other words.", task="Mine a log")
    assert again == first
    assert len(lib.history("mineWoodLog")) == 1


def test_new_code_under_a_known_name_becomes_the_next_version(lib: SkillLibrary) -> None:
    lib.add("mineWoodLog", js("mineWoodLog"), "Mine one log.", task="Mine 1 log")
    second = lib.add(
        "mineWoodLog",
        js("mineWoodLog", "await mineBlock(bot, 'birch_log', 1);"),
        "Mine a log.",
        task="Mine 1 log",
    )
    assert second.version == 2
    assert lib.get("mineWoodLog") == second
    assert [s.code for s in lib.history("mineWoodLog")] == [js("mineWoodLog"), second.code]
    assert (lib.folder / "history" / "mineWoodLog.v1.js").read_text() == js("mineWoodLog")


def test_a_name_that_is_not_a_function_name_is_refused(lib: SkillLibrary) -> None:
    with pytest.raises(LibraryError, match="invalid skill name"):
        lib.add("../evil", js("evil"), "Escape the folder.", task="none")


def test_calls_must_name_skills_in_the_library(lib: SkillLibrary) -> None:
    with pytest.raises(LibraryError, match=r"calls \['mineBlock'\]"):
        lib.add("craftPlanks", js("craftPlanks"), "Craft planks.", task="t", calls=["mineBlock"])


def test_record_use_counts_persist_across_reopen(lib: SkillLibrary, open_library: Opener) -> None:
    lib.add("mineWoodLog", js("mineWoodLog"), "Mine one log.", task="Mine 1 log")
    lib.record_use("mineWoodLog", success=True)
    lib.record_use("mineWoodLog", success=False)
    lib.close()
    reopened = open_library(lib.folder).get("mineWoodLog")
    assert (reopened.uses, reopened.successes) == (2, 1)


def test_retrieve_ranks_the_closest_description_first(lib: SkillLibrary) -> None:
    add_mining_skills(lib)
    found = lib.retrieve("mine iron ore", k=3, min_score=-1.0)
    assert found[0][0].name == "mineIronOre"
    assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)


def test_retrieve_returns_at_most_k(lib: SkillLibrary) -> None:
    add_mining_skills(lib)
    assert len(lib.retrieve("mine", k=2, min_score=-1.0)) == 2


def test_retrieve_drops_skills_below_min_score(lib: SkillLibrary) -> None:
    add_mining_skills(lib)
    found = lib.retrieve("cook a raw porkchop in a furnace", k=3, min_score=0.5)
    assert [skill.name for skill, _ in found] == ["cookPorkchop"]


def test_retrieve_on_an_empty_library_returns_nothing(lib: SkillLibrary) -> None:
    assert lib.retrieve("anything", k=5, min_score=-1.0) == []


def test_an_unused_skill_scores_its_plain_similarity(lib: SkillLibrary) -> None:
    lib.add("mineWoodLog", js("mineWoodLog"), "mine wood log", task="t")
    [(_, score)] = lib.retrieve("mine wood log", k=1, min_score=-1.0)
    assert score == pytest.approx(1.0, abs=1e-4)


def test_success_rate_ranks_the_reliable_of_two_equal_skills_first(lib: SkillLibrary) -> None:
    lib.add("mineLogA", js("mineLogA"), "Mine one wood log.", task="t")
    lib.add(
        "mineLogB",
        js("mineLogB", "await mineBlock(bot, 'log', 1);"),
        "Mine one wood log.",
        task="t",
    )
    for _ in range(4):
        lib.record_use("mineLogA", success=False)
        lib.record_use("mineLogB", success=True)
    (best, best_score), (worst, worst_score) = lib.retrieve("mine a log", k=2, min_score=-1.0)
    assert (best.name, worst.name) == ("mineLogB", "mineLogA")
    assert best_score - worst_score == pytest.approx(0.2 * (5 / 6 - 1 / 6), abs=1e-4)


def test_program_includes_callees_transitively_before_callers_once(lib: SkillLibrary) -> None:
    lib.add("mineWoodLog", js("mineWoodLog"), "Mine a log.", task="t")
    lib.add("craftPlanks", js("craftPlanks"), "Craft planks.", task="t", calls=["mineWoodLog"])
    lib.add("craftSticks", js("craftSticks"), "Craft sticks.", task="t", calls=["craftPlanks"])
    lib.add(
        "craftTable",
        js("craftTable"),
        "Craft a table.",
        task="t",
        calls=["craftPlanks", "mineWoodLog"],
    )
    program = lib.program(["craftSticks", "craftTable"])
    order = ["mineWoodLog", "craftPlanks", "craftSticks", "craftTable"]
    assert program == "\n".join(js(name) for name in order)


def test_program_of_an_unknown_skill_names_it(lib: SkillLibrary) -> None:
    with pytest.raises(LibraryError, match="no skill named 'flyToMoon'"):
        lib.program(["flyToMoon"])


def test_all_code_maps_every_name_to_its_current_code(lib: SkillLibrary) -> None:
    add_mining_skills(lib)
    assert lib.all_code() == {skill.name: skill.code for skill in lib.skills()}
    assert sorted(lib.all_code()) == ["cookPorkchop", "mineIronOre", "mineWoodLog"]


def test_read_only_library_refuses_every_write(lib: SkillLibrary, open_library: Opener) -> None:
    add_mining_skills(lib)
    lib.close()
    frozen = open_library(lib.folder, read_only=True)
    with pytest.raises(ReadOnlyLibraryError, match="opened read-only"):
        frozen.add("craftPlanks", js("craftPlanks"), "Craft planks.", task="t")
    with pytest.raises(ReadOnlyLibraryError):
        frozen.record_use("mineWoodLog", success=True)
    with pytest.raises(ReadOnlyLibraryError):
        frozen.reindex()
    with pytest.raises(ReadOnlyLibraryError):
        frozen.import_library(lib.folder)


def test_read_only_library_without_an_index_searches_in_memory(
    lib: SkillLibrary, open_library: Opener
) -> None:
    add_mining_skills(lib)
    lib.close()
    shutil.rmtree(lib.folder / "chroma")
    frozen = open_library(lib.folder, read_only=True)
    assert frozen.retrieve("iron ore", k=1, min_score=-1.0)[0][0].name == "mineIronOre"
    assert not (lib.folder / "chroma").exists()


def test_writes_leave_no_temporary_files(lib: SkillLibrary) -> None:
    add_mining_skills(lib)
    lib.record_use("mineWoodLog", success=True)
    leftovers = [p for p in lib.folder.rglob("*.tmp") if "chroma" not in p.parts]
    assert leftovers == []


def test_a_write_killed_before_chroma_is_repaired_on_open(
    open_library: Opener, tmp_path: Path
) -> None:
    embedder = FlakyEmbedder()
    lib = open_library(tmp_path / "lib", embedder)
    embedder.fail = True
    with pytest.raises(RuntimeError, match="killed"):
        lib.add("mineWoodLog", js("mineWoodLog"), "Mine one wood log.", task="t")
    lib.close()
    reopened = open_library(tmp_path / "lib")
    assert reopened.check() == []
    assert reopened.retrieve("wood log", k=1, min_score=-1.0)[0][0].name == "mineWoodLog"


def test_a_failed_index_write_is_caught_up_by_the_next_retrieve(open_library: Opener) -> None:
    embedder = FlakyEmbedder()
    lib = open_library(embedder=embedder)
    embedder.fail = True
    with pytest.raises(RuntimeError):
        lib.add("mineWoodLog", js("mineWoodLog"), "Mine one wood log.", task="t")
    embedder.fail = False
    assert lib.retrieve("wood log", k=1, min_score=-1.0)[0][0].name == "mineWoodLog"
    assert lib.check() == []


def test_a_write_killed_before_the_readable_copy_is_repaired_on_open(
    lib: SkillLibrary, open_library: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib.add("mineWoodLog", js("mineWoodLog"), "Mine one log.", task="t")

    def write_until_the_copy(path: Path, text: str) -> None:
        if path == lib.folder / "mineWoodLog.js":
            raise KeyboardInterrupt("killed")
        write_atomic(path, text)

    monkeypatch.setattr("voyager.library.store.write_atomic", write_until_the_copy)
    new_code = js("mineWoodLog", "await mineBlock(bot, 'birch_log', 1);")
    with pytest.raises(KeyboardInterrupt):
        lib.add("mineWoodLog", new_code, "Mine one log.", task="t")
    monkeypatch.undo()
    lib.close()
    reopened = open_library(lib.folder)
    assert (lib.folder / "mineWoodLog.js").read_text() == new_code
    assert reopened.get("mineWoodLog").version == 2
    assert reopened.check() == []


def test_a_missing_chroma_folder_is_rebuilt_on_open(
    lib: SkillLibrary, open_library: Opener
) -> None:
    add_mining_skills(lib)
    lib.close()
    shutil.rmtree(lib.folder / "chroma")
    reopened = open_library(lib.folder)
    assert reopened.check() == []
    assert reopened.retrieve("iron ore", k=1, min_score=-1.0)[0][0].name == "mineIronOre"


def test_a_hand_edited_copy_is_refused_and_kept(lib: SkillLibrary, open_library: Opener) -> None:
    lib.add("mineWoodLog", js("mineWoodLog"), "Mine one log.", task="t")
    lib.close()
    (lib.folder / "mineWoodLog.js").write_text("// my edit\n")
    with pytest.raises(LibraryError, match="edited by hand"):
        open_library(lib.folder)
    assert (lib.folder / "mineWoodLog.js").read_text() == "// my edit\n"


def test_reindex_rebuilds_the_index_from_the_files(lib: SkillLibrary) -> None:
    add_mining_skills(lib)
    assert lib.reindex() == 3
    assert lib.check() == []
    assert lib.retrieve("porkchop furnace", k=1, min_score=-1.0)[0][0].name == "cookPorkchop"


def test_searching_with_another_embedder_is_refused_with_the_reindex_command(
    lib: SkillLibrary, open_library: Opener
) -> None:
    add_mining_skills(lib)
    lib.close()
    other = open_library(lib.folder, HashingEmbedder(dim=64))
    with pytest.raises(EmbedderMismatchError, match=r"run `voyager skills reindex .* hashing`"):
        other.retrieve("iron ore")


def test_adding_with_another_embedder_is_refused_before_any_write(
    lib: SkillLibrary, open_library: Opener
) -> None:
    add_mining_skills(lib)
    lib.close()
    other = open_library(lib.folder, HashingEmbedder(dim=64))
    with pytest.raises(EmbedderMismatchError):
        other.add("craftPlanks", js("craftPlanks"), "Craft planks.", task="t")
    assert not (lib.folder / "craftPlanks.js").exists()


def test_a_library_built_with_another_embedder_still_lists_its_skills(
    lib: SkillLibrary, open_library: Opener
) -> None:
    add_mining_skills(lib)
    lib.close()
    other = open_library(lib.folder, HashingEmbedder(dim=64), read_only=True)
    assert other.names() == ["cookPorkchop", "mineIronOre", "mineWoodLog"]
    assert "built with embedder" in other.check()[0]


def test_reindex_adopts_the_embedder_the_library_was_opened_with(
    lib: SkillLibrary, open_library: Opener
) -> None:
    add_mining_skills(lib)
    lib.close()
    other = open_library(lib.folder, HashingEmbedder(dim=64))
    other.reindex()
    assert other.retrieve("iron ore", k=1, min_score=-1.0)[0][0].name == "mineIronOre"


def test_rebuild_index_switches_to_another_embedder(
    lib: SkillLibrary, open_library: Opener
) -> None:
    add_mining_skills(lib)
    lib.close()
    rebuilt = open_library(lib.folder, HashingEmbedder(dim=64), rebuild_index=True)
    assert rebuilt.check() == []
    rebuilt.close()
    assert len(open_library(lib.folder, HashingEmbedder(dim=64))) == 3


def test_export_then_import_copies_every_skill(
    lib: SkillLibrary, open_library: Opener, tmp_path: Path
) -> None:
    add_mining_skills(lib)
    lib.add("craftPlanks", js("craftPlanks"), "Craft planks.", task="t", calls=["mineWoodLog"])
    lib.record_use("craftPlanks", success=True)
    lib.export(tmp_path / "export")
    other = open_library(tmp_path / "other")
    imported = other.import_library(tmp_path / "export")
    assert sorted(s.name for s in imported) == lib.names()
    assert other.all_code() == lib.all_code()
    assert other.get("craftPlanks").successes == 1
    assert other.check() == []


def test_import_of_changed_code_adds_a_version(
    lib: SkillLibrary, open_library: Opener, tmp_path: Path
) -> None:
    lib.add("mineWoodLog", js("mineWoodLog"), "Mine one log.", task="t")
    other = open_library(tmp_path / "other")
    other.add(
        "mineWoodLog", js("mineWoodLog", "await mineBlock(bot, 'log', 2);"), "Mine.", task="t"
    )
    other.import_library(lib.folder)
    assert other.get("mineWoodLog").version == 2
    assert other.get("mineWoodLog").code == js("mineWoodLog")


def test_export_refuses_a_folder_that_is_not_empty(lib: SkillLibrary, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(LibraryError, match="not empty"):
        lib.export(tmp_path / "full")


def test_a_corrupt_index_file_gives_a_clear_error(open_library: Opener, tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "index.json").write_text("{not json")
    with pytest.raises(LibraryError, match="not a valid skill index"):
        open_library(tmp_path / "lib")


def test_a_missing_index_file_next_to_skills_is_refused(
    lib: SkillLibrary, open_library: Opener
) -> None:
    add_mining_skills(lib)
    lib.close()
    (lib.folder / "index.json").unlink()
    with pytest.raises(LibraryError, match=r"index\.json is missing"):
        open_library(lib.folder)


def test_rollback_drops_versions_stored_after_the_iteration(lib: SkillLibrary) -> None:
    lib.add("mineWoodLog", js("mineWoodLog"), "Mine a log.", task="t", iteration=1)
    new_code = js("mineWoodLog", "await mineBlock(bot, 'log', 2);")
    lib.add("mineWoodLog", new_code, "Mine logs.", task="t", iteration=5)
    lib.add("craftPlanks", js("craftPlanks"), "Craft planks.", task="t", iteration=6)
    assert lib.rollback(after_iteration=4) == ["craftPlanks", "mineWoodLog"]
    assert lib.names() == ["mineWoodLog"]
    assert (lib.folder / "mineWoodLog.js").read_text() == js("mineWoodLog")
    assert not (lib.folder / "history" / "mineWoodLog.v2.js").exists()
    assert not (lib.folder / "craftPlanks.js").exists()
    assert lib.check() == []


def test_counts_of_uses_go_back_to_a_checkpoint(lib: SkillLibrary, open_library: Opener) -> None:
    lib.add("mineWoodLog", js("mineWoodLog"), "Mine a log.", task="t", iteration=1)
    lib.record_use("mineWoodLog", True)
    checkpoint = lib.use_counts()
    lib.record_use("mineWoodLog", False)
    lib.record_use("mineWoodLog", False)
    lib.restore_use_counts(checkpoint)
    assert checkpoint == {"mineWoodLog": [1, 1]}
    reopened = open_library(lib.folder)
    assert (reopened.get("mineWoodLog").uses, reopened.get("mineWoodLog").successes) == (1, 1)


def test_rollback_keeps_imported_skills(
    lib: SkillLibrary, open_library: Opener, tmp_path: Path
) -> None:
    lib.add("mineWoodLog", js("mineWoodLog"), "Mine a log.", task="t", iteration=90)
    other = open_library(tmp_path / "other")
    other.import_library(lib.folder)
    assert other.rollback(after_iteration=0) == []
    assert other.names() == ["mineWoodLog"]


def test_a_rollback_killed_before_the_readable_copy_is_repaired_on_open(
    lib: SkillLibrary, open_library: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib.add("mineWoodLog", js("mineWoodLog"), "Mine a log.", task="t", iteration=1)
    lib.add("mineWoodLog", js("mineWoodLog", "await f(bot);"), "Mine.", task="t", iteration=2)

    def killed(path: Path, text: str) -> None:
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(
        "voyager.library.store.write_atomic",
        lambda path, text: (killed if path.name == "mineWoodLog.js" else write_atomic)(path, text),
    )
    with pytest.raises(KeyboardInterrupt):
        lib.rollback(after_iteration=1)
    monkeypatch.undo()
    lib.close()
    reopened = open_library(lib.folder)
    assert (lib.folder / "mineWoodLog.js").read_text() == js("mineWoodLog")
    assert reopened.check() == []


def test_a_chroma_url_that_is_not_http_is_refused(open_library: Opener) -> None:
    with pytest.raises(LibraryError, match="not a ChromaDB server URL"):
        open_library(chroma_url="ftp://127.0.0.1:8000")


def test_an_unreachable_chroma_server_says_how_to_go_on(open_library: Opener) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(LibraryError, match="cannot reach the ChromaDB server"):
        open_library(chroma_url=f"http://127.0.0.1:{port}")


def test_a_read_only_library_embeds_nothing_until_searched(
    lib: SkillLibrary, open_library: Opener
) -> None:
    add_mining_skills(lib)
    lib.close()
    shutil.rmtree(lib.folder / "chroma")
    embedder = CountingEmbedder()
    frozen = open_library(lib.folder, embedder, read_only=True)
    assert len(frozen.skills()) == 3
    assert embedder.texts == 0
    frozen.retrieve("iron ore")
    assert embedder.texts == 3 + 1


KILLED_CHILD = """
import os, sys
from pathlib import Path
from voyager.embedders import HashingEmbedder
from voyager.library import SkillLibrary

class DiesOnEmbed(HashingEmbedder):
    def embed(self, texts):
        os._exit(9)  # the process dies after the files are written, before ChromaDB

lib = SkillLibrary(Path(sys.argv[1]), DiesOnEmbed())
lib.add("mineWoodLog", "async function mineWoodLog(bot) {}", "Mine one wood log.", task="t")
"""


def test_a_process_killed_between_files_and_chroma_leaves_a_library_that_repairs(
    open_library: Opener, tmp_path: Path
) -> None:
    child = subprocess.run(
        [sys.executable, "-c", KILLED_CHILD, str(tmp_path / "lib")], check=False, timeout=120
    )
    assert child.returncode == 9
    assert (tmp_path / "lib" / "mineWoodLog.js").is_file()
    reopened = open_library(tmp_path / "lib")
    assert reopened.check() == []
    assert reopened.retrieve("wood log", k=1, min_score=-1.0)[0][0].name == "mineWoodLog"


def test_an_index_that_cannot_be_written_is_a_clear_error_and_loses_no_skill(
    open_library: Opener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    lib = open_library()

    def full_disk(**_: Any) -> None:
        raise chromadb.errors.InternalError("database or disk is full")

    monkeypatch.setattr(lib._index._collection, "upsert", full_disk)
    with pytest.raises(LibraryError, match=r"skill files are safe.*free some space"):
        lib.add("mineWoodLog", js("mineWoodLog"), "Mine one oak wood log.", task="Mine 1 log")
    monkeypatch.undo()
    lib.close()
    again = open_library()
    assert "mineWoodLog" in again
    assert [s.name for s, _ in again.retrieve("mine a log", 1, -1.0)] == ["mineWoodLog"]
