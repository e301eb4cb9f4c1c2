"""``voyager skills test``: each skill from the inventory its task needs, results recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voyager.cli import main
from voyager.config import load_settings
from voyager.embedders import make_embedder
from voyager.library import SkillLibrary
from voyager.skilltest import RESULTS_FILE, named_gear, starting_inventory, task_for
from voyager.tasks import parse_task

WOODEN_PICKAXE = """async function craftWoodenPickaxe(bot) {
  await placeItem(bot, "crafting_table", bot.entity.position.offset(1, 0, 0));
  await craftItem(bot, "wooden_pickaxe", 1);
}"""
BROKEN = "async function mineFiveDiamonds(bot) {\n  await flyToTheMoon(bot);\n}"
EAT_MUTTON = """async function eatTwoCookedMutton(bot) {
  await bot.equip(bot.inventory.findInventoryItem(mcData.itemsByName.cooked_mutton.id), "hand");
  await bot.consume();
  await bot.consume();
}"""


@pytest.mark.parametrize(
    ("task", "inventory"),
    [
        ("Craft 1 wooden pickaxe", {"oak_planks": 3, "stick": 2, "crafting_table": 1}),
        ("Craft 4 sticks", {"oak_planks": 2}),
        ("Smelt 3 raw iron", {"raw_iron": 3, "coal": 1, "furnace": 1}),
        ("Smelt 2 iron ingots", {"raw_iron": 2, "coal": 1, "furnace": 1}),
        ("Mine 3 iron ore", {"stone_pickaxe": 1}),
        ("Mine 2 raw iron", {"stone_pickaxe": 1}),
        ("Mine 1 wood log", {}),
        ("Kill 1 cow", {"stone_sword": 1}),
        ("Craft 1 white bed", {"white_wool": 3, "oak_planks": 3, "crafting_table": 1}),
        ("Fill a bucket with lava", {"bucket": 1}),
        ("Shear 1 sheep", {"shears": 1}),
        ("Milk a cow", {"bucket": 1}),
        ("Catch 2 fish", {"fishing_rod": 1}),
        ("Harvest 2 wheat", {"wheat_seeds": 2, "wooden_hoe": 1, "bone_meal": 8}),
        ("Plant 2 wheat seeds", {"wheat_seeds": 2, "wooden_hoe": 1}),
        ("Sleep in a bed", {"white_bed": 1}),
    ],
)
def test_the_starting_inventory_is_what_the_task_starts_from(
    task: str, inventory: dict[str, int]
) -> None:
    assert starting_inventory(parse_task(task)) == inventory


def test_a_program_gets_the_gear_it_names_but_not_what_its_task_obtains() -> None:
    code = """async function craftIronChestplateWithAStoneSword(bot) {
  const sword = bot.inventory.findInventoryItem(mcData.itemsByName.stone_sword.id);
  await bot.equip(sword, "hand");
  await mineBlock(bot, "iron_ore", 1);
  await bot.equip(bot.inventory.findInventoryItem(mcData.itemsByName.bucket.id), "hand");
  if (!bot.inventory.findInventoryItem(mcData.itemsByName["iron_pickaxe"].id)) return;
  const shield = "not an item name"; // a variable named like an item is no item
  await craftItem(bot, 'iron_chestplate', 1);
}"""
    gear = named_gear(code, parse_task("Craft 1 iron chestplate"))
    assert gear == {"bucket": 1, "stone_sword": 1, "iron_pickaxe": 1}


def test_a_task_is_read_from_the_skill_name_when_it_has_none(tmp_path: Path) -> None:
    with library(tmp_path) as lib:
        skill = lib.add("mineFiveIronOres", "async function mineFiveIronOres(bot) {}", "x", task="")
        task = task_for(skill)
    assert task is not None and (task.verb, task.count, task.item) == ("Mine", 5, "iron_ore")


@pytest.mark.parametrize(
    ("name", "task"),
    [
        ("catchFiveFishSafely", "Catch five fish"),
        ("craftIronLeggingsAndBoots", "Craft iron leggings"),
        ("mineTenCobbledDeepslateBelowY0", "Mine ten cobbled deepslate"),
        ("eatCookedMuttonIfHungry", "Eat cooked mutton"),
    ],
)
def test_a_name_that_says_more_gives_its_longest_leading_task(
    tmp_path: Path, name: str, task: str
) -> None:
    with library(tmp_path) as lib:
        skill = lib.add(name, f"async function {name}(bot) {{}}", "x", task="")
        read = task_for(skill)
    assert read is not None and read.text == task


def library(tmp_path: Path) -> SkillLibrary:
    return SkillLibrary(tmp_path / "lib", make_embedder("hashing", load_settings(environ={})))


def test_skills_run_in_the_mock_and_results_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with library(tmp_path) as lib:
        lib.add("craftWoodenPickaxe", WOODEN_PICKAXE, "Crafts a wooden pickaxe.", task="")
        lib.add("mineFiveDiamonds", BROKEN, "Mines diamonds.", task="Mine 5 diamonds")
    args = ["skills", "test", str(tmp_path / "lib"), "--env", "mock", "--embedder", "hashing"]
    assert main(args) == 1  # one skill fails
    err = capsys.readouterr().err  # a line per skill as it finishes
    assert "[1/2] ok   craftWoodenPickaxe" in err and "[2/2] FAIL mineFiveDiamonds" in err
    results = json.loads((tmp_path / "lib" / RESULTS_FILE).read_text())["results"]
    by_name = {r["name"]: r for r in results}
    assert by_name["craftWoodenPickaxe"]["success"] is True
    assert "flyToTheMoon" in by_name["mineFiveDiamonds"]["error"]
    with library(tmp_path) as lib:
        assert (lib.get("craftWoodenPickaxe").uses, lib.get("craftWoodenPickaxe").successes) == (
            1,
            1,
        )
        assert (lib.get("mineFiveDiamonds").uses, lib.get("mineFiveDiamonds").successes) == (1, 0)


def test_progress_comes_as_json_events_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with library(tmp_path) as lib:
        lib.add("craftWoodenPickaxe", WOODEN_PICKAXE, "Crafts a wooden pickaxe.", task="")
    args = ["skills", "test", str(tmp_path / "lib"), "--env", "mock", "--embedder", "hashing"]
    assert main([*args, "--json"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["event"] for e in events] == ["tests_start", "skill_tested"]
    assert events[0]["skills"] == 1
    assert events[1]["skill"] == "craftWoodenPickaxe" and events[1]["success"] is True


def test_an_eating_skill_starts_hungry_enough_to_eat(tmp_path: Path) -> None:
    with library(tmp_path) as lib:
        lib.add("eatTwoCookedMutton", EAT_MUTTON, "Eats two cooked mutton.", task="")
    args = ["skills", "test", str(tmp_path / "lib"), "--env", "mock", "--embedder", "hashing"]
    assert main(args) == 0
    result = json.loads((tmp_path / "lib" / RESULTS_FILE).read_text())["results"][0]
    assert (result["task"], result["success"]) == ("Eat two cooked mutton", True)
