"""The example skills, run in order through the real bridge in a fresh built-in world.

    python benchmarks/example_chain.py [--seeds 1 2 3] [--logs DIR]

From an empty inventory a bot runs mineWoodLogs, craftPlanks, ... ,
craftIronPickaxe, storeCobblestoneInChest, huntCow, cookBeef (the project's
own programs in tests/data/example_skills), each as one step of
``MinecraftEnv``; after each step the inventory must hold what the program
promises, and the server's copy of it must equal the bot's. Prints one line
per step and seed (seconds, pass or what is missing) and a summary.
tests/integration/world/test_example_chain.py runs one seed of it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from voyager.env.minecraft import MinecraftEnv
from voyager.env.world import EmbeddedWorld

EXAMPLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "example_skills"
STEP_TIMEOUT_S = 600.0
SETTLE_S = 2.0

Inventory = dict[str, int]


def total(inventory: Inventory, suffix: str) -> int:
    return sum(n for name, n in inventory.items() if name.endswith(suffix))


def most_of_one_kind(inventory: Inventory, suffix: str) -> int:
    return max((n for name, n in inventory.items() if name.endswith(suffix)), default=0)


def at_least(name: str, count: int) -> Callable[[Inventory, list[str]], bool]:
    return lambda inv, chat: inv.get(name, 0) >= count


def none_left(name: str) -> Callable[[Inventory, list[str]], bool]:
    return lambda inv, chat: inv.get(name, 0) == 0


# What each program promises: the line it chats on success, and a check of
# the inventory (and the step's chat) after it ran.
EXPECTATIONS: list[tuple[str, str, str, Callable[[Inventory, list[str]], bool]]] = [
    (
        "mineWoodLogs",
        "Logs gathered.",
        "at least 5 logs",
        lambda inv, chat: total(inv, "_log") >= 5,
    ),
    (
        "craftPlanks",
        "Planks sawn.",
        "at least 8 planks of one kind",
        lambda inv, chat: most_of_one_kind(inv, "_planks") >= 8,
    ),
    ("craftSticks", "Sticks ready.", "at least 4 sticks", at_least("stick", 4)),
    (
        "craftCraftingTable",
        "Crafting table made.",
        "a crafting table",
        at_least("crafting_table", 1),
    ),
    (
        "placeCraftingTable",
        "Crafting table placed.",
        "the table placed (none left in the inventory)",
        none_left("crafting_table"),
    ),
    (
        "craftWoodenPickaxe",
        "Wooden pickaxe crafted.",
        "a wooden pickaxe",
        at_least("wooden_pickaxe", 1),
    ),
    (
        "mineCobblestone",
        "Cobblestone collected.",
        "at least 11 cobblestone",
        at_least("cobblestone", 11),
    ),
    (
        "craftStonePickaxe",
        "Stone pickaxe crafted.",
        "a stone pickaxe",
        at_least("stone_pickaxe", 1),
    ),
    ("craftFurnace", "Furnace crafted.", "a furnace", at_least("furnace", 1)),
    ("placeFurnace", "Furnace placed.", "the furnace placed", none_left("furnace")),
    ("mineCoal", "Coal mined.", "at least 3 coal", at_least("coal", 3)),
    ("mineIronOre", "Iron ore mined.", "at least 3 raw iron", at_least("raw_iron", 3)),
    ("smeltIronIngots", "Iron ingots ready.", "3 iron ingots", at_least("iron_ingot", 3)),
    ("craftIronPickaxe", "Iron pickaxe crafted.", "an iron pickaxe", at_least("iron_pickaxe", 1)),
    # before the hunt, which may lead the bot away from its crafting table
    (
        "storeCobblestoneInChest",
        "Cobblestone stored.",
        "no cobblestone left in the inventory",
        none_left("cobblestone"),
    ),
    ("huntCow", "Beef collected.", "raw beef", at_least("beef", 1)),
    ("cookBeef", "Beef cooked.", "cooked beef", at_least("cooked_beef", 1)),
]


@dataclass
class StepResult:
    skill: str
    seconds: float
    passed: bool
    inventory: Inventory
    problem: str = ""
    chat: list[str] = field(default_factory=list)


def read_examples(directory: Path = EXAMPLES) -> dict[str, str]:
    """Skill name -> program text, for every example the chain runs."""
    skills = {}
    for name, _, _, _ in EXPECTATIONS:
        path = directory / f"{name}.js"
        if not path.is_file():
            raise FileNotFoundError(f"example skill {path} is missing")
        skills[name] = path.read_text()
    return skills


@contextmanager
def chain_env(seed: int, folder: Path) -> Iterator[tuple[EmbeddedWorld, MinecraftEnv]]:
    folder.mkdir(parents=True, exist_ok=True)
    # peaceful: this checks the programs and the world's rules, not the bot's survival
    world = EmbeddedWorld(
        seed=seed, world_dir=folder / "world", log_path=folder / "world.log", difficulty=0
    )
    with world:
        env = world.connect(username="chain", log_dir=folder, step_timeout=STEP_TIMEOUT_S)
        try:
            yield world, env
        finally:
            env.close()


def settled_inventories(world: EmbeddedWorld, env: MinecraftEnv) -> tuple[Inventory, Inventory]:
    """The server's and the bot's inventory, once equal or after SETTLE_S.

    Items still flying to the bot when a program ended land in both copies.
    """
    deadline = time.monotonic() + SETTLE_S
    while True:
        server = world.inventory("chain")
        latest: Inventory = dict(env.observe()["inventory"])
        if server == latest or time.monotonic() > deadline:
            return server, latest
        time.sleep(0.1)


def run_chain(
    seed: int, folder: Path, stop_at_failure: bool = True, last: str = EXPECTATIONS[-1][0]
) -> list[StepResult]:
    """Runs the chain up to the program `last` in a fresh world; one result per program that ran.

    Each program first makes what it lacks, so with ``stop_at_failure=False``
    a failure shows in the later steps only where they depend on it.
    """
    names = [name for name, _, _, _ in EXPECTATIONS]
    steps = EXPECTATIONS[: names.index(last) + 1]
    skills = read_examples()
    results: list[StepResult] = []
    with chain_env(seed, folder) as (world, env):
        env.reset(options={"mode": "hard"})
        env.load_skills(skills)
        failed = env.skills_report.get("failed")
        if failed:
            raise RuntimeError(f"example skills did not load: {failed}")
        for name, success_line, promise, holds in steps:
            began = time.monotonic()
            observation, _, _, _, info = env.step(f"await {name}(bot);")
            seconds = time.monotonic() - began
            inventory: Inventory = dict(observation["inventory"])
            chat = [str(e.get("message", "")) for e in info["events"] if e.get("type") == "chat"]
            errors = [str(e.get("message", "")) for e in info["events"] if e.get("type") == "error"]
            problem = "; ".join(errors)
            if not holds(inventory, chat):
                problem = f"expected {promise}; " + problem
            if success_line not in chat:
                problem = f"it never said {success_line!r}; " + problem
            server, latest = settled_inventories(world, env)
            if server != latest:
                problem += f"; the server holds {server}, the bot shows {latest}"
            result = StepResult(name, seconds, not problem, inventory, problem, chat)
            results.append(result)
            if not result.passed and stop_at_failure:
                break
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--logs", type=Path, default=Path("runs/example-chain"))
    args = parser.parse_args()
    summary = []
    for seed in args.seeds:
        began = time.monotonic()
        results = run_chain(seed, args.logs / f"seed-{seed}", stop_at_failure=False)
        for r in results:
            verdict = "ok" if r.passed else f"FAILED: {r.problem}"
            print(f"seed {seed:>4}  {r.skill:<26} {r.seconds:6.1f} s  {verdict}")
            if not r.passed:
                print("            chat: " + " | ".join(r.chat[-12:]))
        passed = len(results) == len(EXPECTATIONS) and all(r.passed for r in results)
        summary.append((seed, passed, time.monotonic() - began))
        sys.stdout.flush()
    print()
    for seed, passed, seconds in summary:
        print(f"seed {seed:>4}: {'all passed' if passed else 'FAILED'} in {seconds:.0f} s")


if __name__ == "__main__":
    main()
