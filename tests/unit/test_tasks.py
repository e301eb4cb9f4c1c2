"""Task parsing: verbs, counts, item names, groups and clear errors for impossible tasks."""

from __future__ import annotations

import pytest

from voyager.data import task_words
from voyager.prompts import render
from voyager.tasks import Task, TaskError, UnknownItemError, parse_task


@pytest.mark.parametrize(
    ("text", "verb", "count", "item"),
    [
        ("Mine 1 wood log", "Mine", 1, "log"),
        ("Mine 3 iron ores", "Mine", 3, "iron_ore"),
        ("Craft a crafting table", "Craft", 1, "crafting_table"),
        ("Smelt 3 raw iron", "Smelt", 3, "raw_iron"),
        ("Cook 2 beef", "Cook", 2, "beef"),
        ("Kill 1 pig", "Kill", 1, "pig"),
        ("Equip iron sword", "Equip", 1, "iron_sword"),
        ("Eat 1 cooked beef", "Eat", 1, "cooked_beef"),
        ("Craft 4 oak planks", "Craft", 4, "oak_planks"),
        ("Collect 10 cobblestone", "Collect", 10, "cobblestone"),
    ],
)
def test_forms_models_write_are_parsed(text: str, verb: str, count: int, item: str) -> None:
    task = parse_task(text)
    assert (task.text, task.verb, task.count, task.item) == (text, verb, count, item)


def test_number_words_and_articles_give_the_count() -> None:
    assert parse_task("Mine three coal").count == 3
    assert parse_task("Craft an item frame").count == 1
    assert parse_task("Craft a stack of sticks").count == 64
    assert parse_task("Mine sixty-four dirt").count == 64


def test_missing_count_means_one() -> None:
    assert parse_task("Equip the wooden pickaxe").count == 1


def test_plurals_become_game_names() -> None:
    assert parse_task("Craft 2 torches").item == "torch"
    assert parse_task("Kill 2 zombies").item == "zombie"
    assert parse_task("Eat 2 potatoes").item == "potato"


def test_display_name_becomes_game_name() -> None:
    assert parse_task("Eat a Steak").item == "cooked_beef"


def test_log_words_mean_any_log() -> None:
    for text in ("Mine 1 wood log", "Mine 5 logs", "Mine 1 wood"):
        task = parse_task(text)
        assert task.item == "log"
        assert "oak_log" in task.names and "birch_log" in task.names
        assert all(name.endswith("_log") for name in task.names)


def test_planks_mean_any_planks() -> None:
    task = parse_task("Craft 4 planks")
    assert "spruce_planks" in task.names and all(n.endswith("_planks") for n in task.names)


def test_ore_covers_its_deepslate_twin() -> None:
    assert parse_task("Mine 1 iron ore").names == ("iron_ore", "deepslate_iron_ore")


def test_bare_material_to_mine_means_its_ore() -> None:
    assert parse_task("Mine 1 iron").item == "iron_ore"


def test_trailing_phrase_after_connector_is_ignored() -> None:
    assert parse_task("Smelt 1 iron ore in a furnace").item == "iron_ore"
    assert parse_task("Craft 1 wooden pickaxe using the crafting table").item == "wooden_pickaxe"
    assert parse_task("Place a crafting table nearby").item == "crafting_table"


def test_connector_inside_an_item_name_is_kept() -> None:
    assert parse_task("Craft 1 carrot on a stick").item == "carrot_on_a_stick"


def test_parenthetical_remarks_are_ignored() -> None:
    assert parse_task("Mine 3 wood logs (any kind)").item == "log"


def test_trailing_full_stop_is_ignored() -> None:
    assert parse_task("Mine 5 logs.").count == 5


def test_unknown_verb_gives_a_free_form_task() -> None:
    assert parse_task("Explore the forest") == Task("Explore the forest", None, 1, None)


def test_generic_objects_give_a_free_form_task() -> None:
    assert parse_task("Deposit useless items into the chest").free_form
    assert parse_task("Place and deposit useless items into a chest").free_form


def test_item_that_does_not_exist_raises_with_suggestions() -> None:
    with pytest.raises(UnknownItemError) as caught:
        parse_task("Craft 1 copper sword")
    assert caught.value.phrase == "copper sword"
    assert "stone_sword" in caught.value.suggestions
    assert "copper sword" in str(caught.value) and "Did you mean" in str(caught.value)


def test_misspelt_item_suggests_the_right_one() -> None:
    with pytest.raises(UnknownItemError) as caught:
        parse_task("Craft 1 diamon pickaxe")
    assert caught.value.suggestions[0] == "diamond_pickaxe"


def test_kill_of_a_non_mob_raises() -> None:
    with pytest.raises(UnknownItemError, match="not a Minecraft mob"):
        parse_task("Kill 1 stick")


def test_two_items_in_one_task_raise() -> None:
    with pytest.raises(UnknownItemError):
        parse_task("Mine 5 iron ores and 3 coal")


def test_crafting_an_uncraftable_item_says_how_to_get_it() -> None:
    with pytest.raises(TaskError, match="Smelt oak_log to get charcoal"):
        parse_task("Craft 1 charcoal")
    with pytest.raises(TaskError, match="Mine stone to get cobblestone"):
        parse_task("Craft 1 cobblestone")


def test_smelting_what_no_furnace_takes_raises() -> None:
    with pytest.raises(TaskError, match="furnace"):
        parse_task("Smelt 1 dirt")


def test_eating_what_is_not_food_raises() -> None:
    with pytest.raises(TaskError, match="not food"):
        parse_task("Eat 1 iron ingot")


def test_zero_count_raises() -> None:
    with pytest.raises(TaskError, match="count"):
        parse_task("Mine 0 dirt")


@pytest.mark.parametrize(
    ("text", "verb", "count", "item"),
    [
        ("Fill 1 bucket with water", "Fill", 1, "water_bucket"),
        ("Fill a bucket with lava", "Fill", 1, "lava_bucket"),
        ("Obtain 1 lava bucket", "Obtain", 1, "lava_bucket"),
        ("Catch 2 fish", "Catch", 2, "fish"),
        ("Shear 1 sheep", "Shear", 1, "sheep"),
        ("Milk a cow", "Milk", 1, "cow"),
        ("Harvest 3 wheat", "Harvest", 3, "wheat"),
        ("Plant 3 wheat seeds", "Plant", 3, "wheat_seeds"),
        ("Sleep in a bed", "Sleep", 1, "bed"),
    ],
)
def test_tasks_about_the_world_are_parsed(text: str, verb: str, count: int, item: str) -> None:
    task = parse_task(text)
    assert (task.verb, task.count, task.item) == (verb, count, item)


def test_fish_means_any_fish() -> None:
    assert parse_task("Catch 2 fish").names == ("cod", "salmon", "tropical_fish", "pufferfish")


def test_every_verb_says_what_proves_it() -> None:
    assert parse_task("Shear 1 sheep").proof == "gained"
    assert parse_task("Sleep in a bed").proof == "slept"
    assert parse_task("Plant 1 oak sapling").proof == "placed"
    assert parse_task("Explore the forest").proof is None


def test_a_tool_used_on_a_mob_it_does_nothing_to_raises() -> None:
    with pytest.raises(TaskError, match="It works on: sheep"):
        parse_task("Shear 1 cow")


def test_the_curriculum_prompt_names_every_verb() -> None:
    prompt = render("curriculum_system")
    assert [verb for verb in task_words().verbs if f'"{verb} ' not in prompt] == []
