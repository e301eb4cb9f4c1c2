"""Game facts: items, blocks, mobs, recipes, drops, smelting, fuels and foods."""

from __future__ import annotations

import json

import pytest

from voyager.gamedata import GameData, Mine, Smelt, Use, game_data
from voyager.paths import curriculum_dir


@pytest.fixture(scope="module")
def data() -> GameData:
    return game_data()


def _smelting_table() -> dict[str, object]:
    table: dict[str, object] = json.loads((curriculum_dir() / "smelting.json").read_text())
    return table


def test_every_smelting_name_is_a_game_item(data: GameData) -> None:
    table = _smelting_table()
    recipes = table["recipes"]
    fuels = table["fuels"]
    assert isinstance(recipes, dict) and isinstance(fuels, dict)
    names = [*recipes, *(r["result"] for r in recipes.values()), *fuels]
    assert [n for n in names if not data.is_item(n)] == []


def test_smelting_table_has_the_agreed_shape() -> None:
    table = _smelting_table()
    assert table["version"] == "1.20.4"
    assert table["cook_ticks"] == 200
    recipes = table["recipes"]
    assert isinstance(recipes, dict)
    for recipe in recipes.values():
        assert set(recipe) == {"result", "xp", "ticks"}


@pytest.mark.parametrize(
    ("given", "result"),
    [
        ("raw_iron", "iron_ingot"),
        ("deepslate_iron_ore", "iron_ingot"),
        ("raw_gold", "gold_ingot"),
        ("raw_copper", "copper_ingot"),
        ("ancient_debris", "netherite_scrap"),
        ("beef", "cooked_beef"),
        ("kelp", "dried_kelp"),
        ("potato", "baked_potato"),
        ("sand", "glass"),
        ("red_sand", "glass"),
        ("cobblestone", "stone"),
        ("stone", "smooth_stone"),
        ("cherry_log", "charcoal"),
        ("clay_ball", "brick"),
        ("clay", "terracotta"),
        ("cactus", "green_dye"),
        ("netherrack", "nether_brick"),
        ("wet_sponge", "sponge"),
    ],
)
def test_furnace_turns_input_into_its_vanilla_result(
    data: GameData, given: str, result: str
) -> None:
    recipe = data.smelting(given)
    assert recipe is not None and recipe.result == result


def test_nether_wood_does_not_smelt_into_charcoal(data: GameData) -> None:
    assert data.smelting("crimson_stem") is None


def test_a_smelted_item_comes_from_its_inputs_raw_first_burning_coal(data: GameData) -> None:
    smelts = data.source("iron_ingot").smelts
    assert smelts[0] == Smelt("raw_iron", "iron_ingot", "coal", 8)
    assert "deepslate_iron_ore" in [s.input for s in smelts]


def test_furnace_job_reads_the_item_as_input_or_as_result(data: GameData) -> None:
    assert data.furnace_job("raw_iron") == Smelt("raw_iron", "iron_ingot", "coal", 8)
    assert data.furnace_job("iron_ingot") == Smelt("raw_iron", "iron_ingot", "coal", 8)
    assert data.furnace_job("stick") is None


@pytest.mark.parametrize(
    ("fuel", "ticks"),
    [
        ("coal", 1600),
        ("charcoal", 1600),
        ("coal_block", 16000),
        ("blaze_rod", 2400),
        ("lava_bucket", 20000),
        ("oak_planks", 300),
        ("spruce_log", 300),
        ("stick", 100),
        ("wooden_pickaxe", 200),
    ],
)
def test_fuel_burns_for_vanilla_ticks(data: GameData, fuel: str, ticks: int) -> None:
    assert data.fuel_ticks(fuel) == ticks


def test_non_fuel_has_no_burn_time(data: GameData) -> None:
    assert data.fuel_ticks("cobblestone") is None
    assert data.fuel_ticks("crimson_planks") is None


def test_items_blocks_and_mobs_are_told_apart(data: GameData) -> None:
    assert data.is_item("stick") and not data.is_block("stick")
    assert data.is_block("iron_ore") and data.is_item("iron_ore")
    assert data.is_mob("zombie") and data.is_mob("pig") and data.is_mob("cod")
    assert not data.is_mob("arrow") and not data.is_mob("minecart")
    assert not data.is_item("copper_sword")
    assert not data.is_item("air") and not data.is_block("air")


def test_block_drops_what_mining_yields(data: GameData) -> None:
    assert data.drops("iron_ore") == ["raw_iron"]
    assert data.drops("stone") == ["cobblestone"]
    assert data.drops("oak_log") == ["oak_log"]


def test_block_without_listed_drops_falls_back_to_its_loot(data: GameData) -> None:
    assert "oak_sapling" in data.drops("oak_leaves")


def test_harvest_tools_are_weakest_first(data: GameData) -> None:
    tools = data.harvest_tools("iron_ore")
    assert tools is not None and tools[0] == "stone_pickaxe"
    assert data.harvest_tools("oak_log") is None


def test_a_mined_item_comes_from_its_blocks_with_the_weakest_tool_first(data: GameData) -> None:
    mines = data.source("raw_iron").mines
    assert [m.block for m in mines] == ["iron_ore", "deepslate_iron_ore"]
    assert mines[0].tools[0] == "stone_pickaxe"
    assert data.source("oak_log").mines == (Mine("oak_log", ()),)


def test_natural_blocks_come_before_the_items_own_block(data: GameData) -> None:
    assert [m.block for m in data.source("cobblestone").mines] == ["stone", "cobblestone"]


def test_placed_forms_and_look_alikes_are_no_source(data: GameData) -> None:
    assert [m.block for m in data.source("torch").mines] == ["torch"]
    assert not any("infested_" in m.block for m in data.source("cobblestone").mines)


def test_a_crafted_item_comes_with_its_ingredients_and_grid_size(data: GameData) -> None:
    table = data.source("crafting_table").crafts[0]
    assert table.count == 1 and table.ingredients == {"oak_planks": 4} and not table.needs_table
    pickaxe = data.source("wooden_pickaxe").crafts[0]
    assert pickaxe.ingredients == {"oak_planks": 3, "stick": 2} and pickaxe.needs_table


def test_an_uncraftable_item_has_no_recipe(data: GameData) -> None:
    assert data.source("cobblestone").crafts == ()


def test_a_mob_drop_comes_from_the_mobs_that_drop_it(data: GameData) -> None:
    assert "cow" in data.source("beef").mobs
    assert data.source("beef").mines == ()


def test_an_item_nothing_yields_has_an_empty_source(data: GameData) -> None:
    assert not data.source("bedrock")
    assert data.source("stick")


def test_food_points_and_display_names(data: GameData) -> None:
    assert data.food_points("cooked_beef") == 8
    assert data.food_points("stick") is None
    assert data.item_by_display_name("Steak") == "cooked_beef"
    assert data.display_name("cooked_beef") == "Steak"


def test_mob_drops_come_from_entity_loot(data: GameData) -> None:
    assert set(data.mob_drops("cow")) == {"leather", "beef"}


def test_game_data_is_loaded_once() -> None:
    assert game_data() is game_data()


def test_the_base_recipe_comes_before_re_dyeing(data: GameData) -> None:
    bed = data.source("white_bed").crafts[0]
    assert bed.ingredients == {"white_wool": 3, "oak_planks": 3}
    wool = data.source("white_wool").crafts[0]
    assert wool.ingredients == {"string": 4}


def test_a_tag_ingredient_accepts_every_member(data: GameData) -> None:
    bed = data.source("white_bed").crafts[0]
    assert "birch_planks" in bed.accepts("oak_planks")
    assert bed.accepts("white_wool") == ("white_wool",)
    assert data.source("torch").crafts[0].accepts("coal") == ("coal", "charcoal")


def test_copies_of_a_tag_recipe_fold_into_one(data: GameData) -> None:
    assert len(data.source("crafting_table").crafts) == 1
    assert len(data.recipes("crafting_table")) > 1  # as minecraft-data lists them


def test_what_a_recipe_misses_counts_any_accepted_item(data: GameData) -> None:
    bed = data.source("white_bed").crafts[0]
    held = {"white_wool": 3, "birch_planks": 2, "spruce_planks": 1}
    assert bed.missing(held) == {}
    assert bed.missing({"white_wool": 1}) == {"white_wool": 2, "oak_planks": 3}


def test_a_tag_ingredient_is_named_by_its_group(data: GameData) -> None:
    bed = data.source("white_bed").crafts[0]
    assert data.ingredient_label(bed, "oak_planks") == "planks (any kind)"
    assert data.ingredient_label(bed, "white_wool") == "white_wool"


def test_a_tag_of_some_of_a_group_is_named_by_its_members(data: GameData) -> None:
    # acacia planks take acacia logs or wood, not any log (the critique said "log (any kind)")
    planks = data.source("acacia_planks").crafts[0]
    label = data.ingredient_label(planks, "acacia_log")
    assert label == "acacia_log/acacia_wood/stripped_acacia_log/..."


def test_items_got_by_using_a_tool_name_the_tool_and_the_target(data: GameData) -> None:
    assert data.source("lava_bucket").uses == (Use("bucket", "block", "lava"),)
    assert Use("shears", "mob", "sheep") in data.source("white_wool").uses
    assert data.source("cod").uses[0].tool == "fishing_rod"
    assert data.source("wheat").uses == (Use(None, "crop", "wheat"),)
    assert data.used_for("bucket", ["cow"]) == ["milk_bucket"]


def test_seeds_come_from_breaking_grass(data: GameData) -> None:
    assert "short_grass" in [m.block for m in data.source("wheat_seeds").mines]


def test_an_item_places_as_its_block(data: GameData) -> None:
    assert data.placed_block("wheat_seeds") == "wheat"
    assert data.placed_block("oak_sapling") == "oak_sapling"
    assert data.placed_block("stick") is None
    assert data.crop("wheat") == ("wheat_seeds", 7)
