"""Exact verdicts from the state before and after a task, and critiques of what is missing."""

from __future__ import annotations

from typing import Any

from voyager.agents.verify import Verdict, counted_items, verify
from voyager.env.contract import Event, Observation, check_observation
from voyager.tasks import parse_task


def observation(
    inventory: dict[str, int] | None = None,
    food: int = 20,
    equipment: list[str | None] | None = None,
    voxels: list[str] | None = None,
    nearest: dict[str, Any] | None = None,
    chests: dict[str, Any] | None = None,
    time: str = "day",
    elapsed: int = 0,
) -> Observation:
    origin = {"x": 0.0, "y": 64.0, "z": 0.0}
    obs: Observation = {
        "status": {
            "health": 20,
            "food": food,
            "saturation": 5,
            "oxygen": 20,
            "position": origin,
            "velocity": {"x": 0.0, "y": 0.0, "z": 0.0},
            "yaw": 0,
            "pitch": 0,
            "onGround": True,
            "equipment": equipment or [None] * 6,
            "biome": "plains",
            "entities": {},
            "timeOfDay": time,
            "inventoryUsed": len(inventory or {}),
            "elapsedTime": elapsed,
            "light": 15,
            "dimension": "overworld",
        },
        "voxels": voxels or ["grass_block", "dirt"],
        "blockRecords": [],
        "nearestBlocks": {name: origin for name in (nearest or {})},
        "inventory": inventory or {},
        "nearbyChests": chests or {},
        "events": [],
    }
    check_observation(obs)
    return obs


def judge(
    task: str, before: Observation, after: Observation, events: list[Event] | None = None
) -> Verdict:
    return verify(parse_task(task), before, after, events or [])


def test_mining_an_ore_counts_its_drop() -> None:
    verdict = judge("Mine 3 iron ores", observation(), observation({"raw_iron": 3}))
    assert verdict.success is True and verdict.critique == ""


def test_mining_short_says_how_many_more_and_with_what() -> None:
    before = observation({"stone_pickaxe": 1})
    verdict = judge("Mine 3 iron ores", before, observation({"stone_pickaxe": 1, "raw_iron": 1}))
    assert verdict.success is False
    assert verdict.critique == (
        "You got 1 raw_iron but need 3; mine 2 more iron_ore with a stone_pickaxe or better."
    )


def test_mining_without_a_good_enough_tool_says_to_make_one() -> None:
    verdict = judge("Mine 1 iron ore", observation(), observation({"wooden_pickaxe": 1}))
    assert "you have none: make a stone_pickaxe first" in verdict.critique


def test_mining_stone_counts_cobblestone() -> None:
    assert judge("Mine 2 stone", observation(), observation({"cobblestone": 2})).success is True


def test_log_group_sums_every_kind_of_log() -> None:
    after = observation({"oak_log": 1, "birch_log": 2})
    assert judge("Mine 3 wood logs", observation(), after).success is True


def test_items_held_before_the_task_do_not_count() -> None:
    held = observation({"oak_log": 5})
    verdict = judge("Mine 1 wood log", held, held)
    assert verdict.success is False
    assert verdict.critique.startswith("You got 0 log but need 1; mine 1 more log")


def test_mining_an_item_names_the_block_that_drops_it() -> None:
    verdict = judge("Mine 2 coal", observation(), observation({"coal": 1, "wooden_pickaxe": 1}))
    assert verdict.success is False
    assert "mine 1 more coal_ore with a wooden_pickaxe or better" in verdict.critique


def test_crafting_counts_the_item_gained() -> None:
    before = observation({"oak_log": 1})
    assert judge("Craft 4 oak planks", before, observation({"oak_planks": 4})).success is True


def test_crafting_short_gives_the_recipe_and_the_table_it_needs() -> None:
    verdict = judge("Craft 1 wooden pickaxe", observation(), observation({"stick": 2}))
    assert verdict.success is False
    assert "craft 1 more" in verdict.critique
    assert "3 planks (any kind) + 2 stick" in verdict.critique
    assert "needs a crafting table" in verdict.critique


def test_crafting_hint_omits_the_table_when_one_is_near() -> None:
    after = observation(nearest={"crafting_table": True})
    assert (
        "needs a crafting table"
        not in judge("Craft 1 wooden pickaxe", observation(), after).critique
    )


def test_smelting_an_input_counts_its_result() -> None:
    after = observation({"iron_ingot": 3})
    assert judge("Smelt 3 raw iron", observation({"raw_iron": 3}), after).success is True


def test_cooking_counts_the_cooked_food() -> None:
    after = observation({"cooked_beef": 2})
    assert judge("Cook 2 beef", observation({"beef": 2}), after).success is True


def test_smelting_named_by_its_result_counts_the_result() -> None:
    assert judge("Smelt 3 iron ingots", observation(), observation({"iron_ingot": 3})).success


def test_smelting_short_names_the_missing_input() -> None:
    verdict = judge("Smelt 2 raw iron", observation(), observation())
    assert verdict.success is False
    assert "smelt 2 more raw_iron in a furnace" in verdict.critique
    assert "You have 0 raw_iron: obtain it first" in verdict.critique


def test_kills_are_counted_from_kill_events() -> None:
    events: list[Event] = [
        {"type": "kill", "mob": "pig"},
        {"type": "kill", "mob": "cow"},
        {"type": "kill", "mob": "pig"},
    ]
    assert judge("Kill 2 pigs", observation(), observation(), events).success is True


def test_kills_of_other_mobs_do_not_count() -> None:
    events: list[Event] = [{"type": "kill", "mob": "cow"}]
    verdict = judge("Kill 1 pig", observation(), observation(), events)
    assert verdict.success is False
    assert verdict.critique.startswith("You killed 0 pig but need 1")


def test_kill_without_events_is_seen_from_its_drops() -> None:
    verdict = judge("Kill 1 pig", observation(), observation({"porkchop": 1}))
    assert verdict.success is True and "drops" in verdict.reason


def test_equipped_item_succeeds() -> None:
    after = observation({"iron_sword": 1}, equipment=[None, None, None, None, "iron_sword", None])
    assert judge("Equip iron sword", observation({"iron_sword": 1}), after).success is True


def test_unequipped_armor_names_its_slot() -> None:
    held = observation({"iron_chestplate": 1})
    verdict = judge("Equip an iron chestplate", held, held)
    assert verdict.success is False and '"torso"' in verdict.critique


def test_equipping_what_you_lack_says_to_obtain_it() -> None:
    verdict = judge("Equip iron sword", observation(), observation())
    assert "you have none" in verdict.critique


def test_eating_is_seen_from_the_food_level() -> None:
    before = observation({"cooked_beef": 1}, food=10)
    after = observation({"cooked_beef": 1}, food=18)
    assert judge("Eat 1 cooked beef", before, after).success is True


def test_eating_is_seen_from_the_item_count() -> None:
    before = observation({"bread": 3}, food=14)
    after = observation({"bread": 1}, food=14)
    assert judge("Eat 2 bread", before, after).success is True


def test_eating_when_full_explains_why_it_failed() -> None:
    full = observation({"bread": 1}, food=20)
    verdict = judge("Eat 1 bread", full, full)
    assert verdict.success is False and "not hungry" in verdict.critique


def test_placed_block_appears_and_leaves_the_inventory() -> None:
    before = observation({"crafting_table": 1})
    after = observation(nearest={"crafting_table": True})
    assert judge("Place a crafting table", before, after).success is True


def test_placing_needs_the_block_nearby() -> None:
    verdict = judge("Place a crafting table", observation({"crafting_table": 1}), observation())
    assert verdict.success is False and "No crafting_table block is near you" in verdict.critique


def test_placed_torch_may_hang_on_a_wall() -> None:
    after = observation(voxels=["stone", "wall_torch"])
    assert judge("Place 1 torch", observation({"torch": 1}), after).success is True


def test_deposit_needs_the_items_in_a_nearby_chest() -> None:
    before = observation({"cobblestone": 10})
    after = observation({"cobblestone": 2}, chests={"(1, 64, 0)": {"cobblestone": 8}})
    assert judge("Deposit 8 cobblestone", before, after).success is True


def test_deposit_without_chest_contents_fails() -> None:
    before = observation({"cobblestone": 10})
    after = observation({"cobblestone": 2}, chests={"(1, 64, 0)": "Unknown"})
    verdict = judge("Deposit 8 cobblestone", before, after)
    assert verdict.success is False and "No nearby chest holds cobblestone" in verdict.critique


def test_free_form_task_is_left_to_the_critic() -> None:
    verdict = judge("Build a small house", observation(), observation())
    assert verdict.success is None


def test_a_task_is_counted_by_what_it_yields() -> None:
    assert "raw_iron" in counted_items(parse_task("Mine 3 iron ore"))
    assert counted_items(parse_task("Smelt 3 raw iron")) == ["iron_ingot"]
    assert counted_items(parse_task("Craft 1 crafting table")) == ["crafting_table"]


def test_a_white_bed_critique_names_wool_and_any_planks() -> None:
    verdict = judge("Craft 1 white bed", observation(), observation())
    assert "3 white_wool + 3 planks (any kind)" in verdict.critique
    assert "dye" not in verdict.critique


def test_a_filled_bucket_is_counted() -> None:
    assert judge("Fill a bucket with lava", observation(), observation({"lava_bucket": 1})).success


def test_an_empty_bucket_says_where_to_fill_it() -> None:
    verdict = judge("Fill a bucket with lava", observation(), observation({"bucket": 1}))
    assert verdict.success is False and "lava source block" in verdict.critique


def test_shearing_counts_wool_of_any_colour() -> None:
    verdict = judge("Shear 2 sheep", observation(), observation({"white_wool": 1, "gray_wool": 1}))
    assert verdict.success is True


def test_shearing_without_shears_says_to_make_them() -> None:
    verdict = judge("Shear 1 sheep", observation(), observation())
    assert "use shears on a sheep" in verdict.critique and "no shears" in verdict.critique


def test_milking_counts_milk_buckets() -> None:
    assert judge("Milk a cow", observation(), observation({"milk_bucket": 1})).success


def test_catching_fish_counts_every_kind_of_fish() -> None:
    verdict = judge("Catch 2 fish", observation(), observation({"cod": 1, "salmon": 1}))
    assert verdict.success is True


def test_harvesting_counts_the_crop_not_its_seeds() -> None:
    verdict = judge("Harvest 3 wheat", observation(), observation({"wheat_seeds": 6}))
    assert verdict.success is False and "till" in verdict.critique


def test_planted_seeds_show_as_their_crop() -> None:
    before = observation({"wheat_seeds": 3})
    after = observation({"wheat_seeds": 1}, voxels=["wheat", "farmland"])
    assert judge("Plant 2 wheat seeds", before, after).success is True


def test_sleeping_is_seen_from_the_night_skipped() -> None:
    before = observation({"white_bed": 1}, time="night", elapsed=1000)
    after = observation(time="sunrise", elapsed=1300)
    assert judge("Sleep in a bed", before, after).success is True


def test_a_night_that_passed_by_itself_is_no_sleep() -> None:
    before = observation({"white_bed": 1}, time="night", elapsed=1000)
    after = observation({"white_bed": 1}, time="sunrise", elapsed=9000)
    verdict = judge("Sleep in a bed", before, after)
    assert verdict.success is False and "only at night" in verdict.critique


def test_sleeping_without_a_bed_says_to_make_one() -> None:
    verdict = judge("Sleep in a bed", observation(time="night"), observation(time="night"))
    assert verdict.success is False and "no bed" in verdict.critique
