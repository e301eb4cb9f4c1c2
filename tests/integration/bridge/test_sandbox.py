"""A corpus of escape attempts: each one fails, and the bot still works after each.

Every hostile program throws (or is stopped) when its attempt fails and chats
"ESCAPED" if it ever gets hold of something it must not have. After each, a
check step verifies that the host is untouched and the bot still acts.
"""

from __future__ import annotations

import pytest
from bridge_helpers import MakeEnv, Server, run

from voyager.env.minecraft import MinecraftEnv

GOT = "if (typeof got !== 'undefined' && got) bot.chat('ESCAPED'); throw new Error('blocked');"

CASES: dict[str, str] = {
    # Constructor chains from every endowed object back to an unsandboxed Function.
    "bot method constructor": "const got = bot.chat.constructor('return process')();",
    "bot constructor chain": "const got = bot.constructor.constructor('return process')();",
    "async function constructor": "const got = (async () => {}).constructor('return process')();",
    "generator constructor": "const got = (function* () {}).constructor('return process')()"
    ".next();",
    "mcData constructor": "const got = mcData.constructor.constructor('return process')();",
    "Vec3 constructor": "const got = Vec3.constructor('return process')();",
    "goal constructor": "const got = GoalNear.constructor('return process')();",
    "primitive constructor": "const got = mineBlock.constructor('return process')();",
    "inventory method": "const got = bot.inventory.items.constructor('return process')();",
    "pathfinder method": "const got = bot.pathfinder.goto.constructor('return process')();",
    "getter constructor": (
        "const got = Object.getOwnPropertyDescriptor(bot, 'entity')"
        ".get.constructor('return process')();"
    ),
    "block object": "const got = bot.blockAt(bot.entity.position).constructor.constructor("
    "'return process')();",
    "console constructor": "const got = console.log.constructor('return process')();",
    "Date and Math": "const got = Date.constructor('return process')() || Math.max.constructor("
    "'return process')();",
    "timer function": "const got = setTimeout.constructor('return process')();",
    # The host through errors and stack traces.
    "error constructor": "let got; try { null.x } catch (e) { got = e.constructor.constructor("
    "'return process')(); }",
    "prepareStackTrace frames": (
        "Error.prepareStackTrace = (e, frames) => frames;"
        "const frames = new Error('x').stack;"
        "const got = typeof frames !== 'string' && frames.some((f) => f.getFunction());"
    ),
    "captureStackTrace": (
        "const o = {}; Error.captureStackTrace(o);"
        "const got = typeof o.stack !== 'string' || o.stack.includes('process.binding(');"
    ),
    "host error from a bot call": (
        "let got; try { await bot.dig(null) } catch (e) { got = e.constructor.constructor("
        "'return process')(); }"
    ),
    # Ambient authority that must not exist.
    "process global": "const got = typeof process !== 'undefined' || typeof globalThis.process "
    "!== 'undefined';",
    "require and module": "const got = typeof require !== 'undefined' || typeof module !== "
    "'undefined';",
    "dynamic import": "const got = await import('fs');",
    "eval": "const got = eval('typeof process !== \"undefined\" && process');",
    "Function": "const got = new Function('return typeof process !== \"undefined\"')();",
    "nested compartment": "const got = new Compartment({}).evaluate('1');",
    "raw client": "const got = bot._client; if (!got) throw new Error('no client');",
    "server commands": "bot.chat('/op bot'); const got = true;",
    # Pollution of what the host shares.
    "Object prototype": "Object.prototype.polluted = 1; const got = ({}).polluted;",
    "Array prototype": "Array.prototype.push = () => 0; const got = true;",
    "Vec3 prototype": "Vec3.prototype.distanceTo = () => 0; const got = true;",
    "mcData tables": "mcData.itemsByName.dirt.name = 'diamond'; const got = true;",
    "global primitives": "globalThis.mineBlock = null; const got = true;",
    # Running on after the step, or forever.
    "timer outliving the step": "setTimeout(() => bot.chat('LATE'), 500); const got = false;",
    "interval outliving the step": "setInterval(() => bot.chat('LATE'), 200); const got = false;",
    "listener outliving the step": "bot.on('physicsTick', () => bot.chat('LATE')); "
    "const got = false;",
    "promise job outliving the step": "(async () => { await bot.waitForTicks(20); "
    "bot.chat('LATE'); })(); const got = false;",
    "orphan microtask loop": "(async () => { while (true) { await null; } })(); const got = false;",
    "endless while": "while (true) {} const got = false;",
    "endless for": "for (;;) {} const got = false;",
    "endless do-while": "do {} while (true); const got = false;",
    "endless for-of generator": "function* forever() { while (true) yield 1; } "
    "for (const x of forever()) {} const got = false;",
    "loop inside eval": "eval('while (true) {}'); const got = false;",
    "loop inside a template": "const s = `${(() => { while (true) {} })()}`; const got = false;",
    "reserved tick name": "const __voyagerTick = () => true; while (true) {} const got = false;",
    "Atomics.wait": "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); "
    "const got = false;",
    "recursion": "function down(n) { return down(n + 1) + 1; } const got = down(0);",
    "huge array": "const got = new Array(2 ** 32);",
    "huge string": "const got = 'x'.repeat(2 ** 30);",
    "runaway allocation": "const keep = []; while (true) keep.push(new Array(1e6).fill(1)); "
    "const got = false;",
}

LATE_CASES = {name for name, program in CASES.items() if "LATE" in program}

CHECK = """await bot.waitForTicks({ticks});
const broken = [({{}}).polluted, [].polluted].some((x) => x !== undefined)
  || typeof mineBlock !== 'function'
  || new Vec3(0, 0, 0).distanceTo(new Vec3(3, 4, 0)) !== 5
  || mcData.itemsByName.dirt.name !== 'dirt';
bot.chat(broken ? 'BROKEN' : 'alive');
"""


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, squid_server: Server) -> MinecraftEnv:
    env = make_env(squid_server, step_timeout=3.0, heartbeat_limit=8.0)
    env.reset(options={"mode": "hard", "inventory": {"dirt": 1}})
    return env


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", list(CASES))
def test_escape_attempt_fails_and_the_bot_still_works(env: MinecraftEnv, name: str) -> None:
    _, chat, errors = run(env, CASES[name] + "\n" + GOT)
    assert "ESCAPED" not in chat
    assert errors, f"{name}: the attempt raised no error"
    _, chat, errors = run(env, CHECK.format(ticks=40 if name in LATE_CASES else 1))
    assert (chat, errors) == (["alive"], [])
