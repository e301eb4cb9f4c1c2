"""Program extraction: valid answers give their program, bad ones say what to fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.example_skills import FOLDER
from voyager.agents.code import (
    MAX_CODE_CHARS,
    CodeError,
    called_functions,
    defined_functions,
    extract_program,
)

EXAMPLES = sorted(FOLDER.glob("*.js"))
PRIMITIVES = {
    "mineBlock",
    "craftItem",
    "placeItem",
    "smeltItem",
    "killMob",
    "exploreUntil",
    "getItemFromChest",
    "depositItemIntoChest",
    "checkItemInsideChest",
}
SIMPLE = """async function mineOneLog(bot) {
  await mineBlock(bot, "oak_log", 1);
}"""


def fenced(code: str, language: str = "javascript") -> str:
    return f"```{language}\n{code}\n```"


def test_program_in_a_javascript_block_is_extracted() -> None:
    program = extract_program(fenced(SIMPLE))
    assert program.main == "mineOneLog"
    assert program.functions == ["mineOneLog"]
    assert program.calls == {"mineBlock"}
    assert program.code == SIMPLE


def test_prose_around_the_block_is_dropped() -> None:
    answer = f"Explain: I will mine a log.\nPlan: 1) find a tree\nCode:\n{fenced(SIMPLE)}\nDone!"
    assert extract_program(answer).code == SIMPLE


@pytest.mark.parametrize("language", ["js", "", "JavaScript"])
def test_js_and_bare_fences_are_accepted(language: str) -> None:
    assert extract_program(fenced(SIMPLE, language)).main == "mineOneLog"


def test_answer_that_is_plain_code_is_taken_whole() -> None:
    assert extract_program(SIMPLE).code == SIMPLE


def test_inline_triple_backticks_in_prose_are_not_blocks() -> None:
    answer = f"I call ```mineBlock``` once.\n{fenced(SIMPLE)}"
    assert extract_program(answer).code == SIMPLE


def test_several_blocks_are_joined() -> None:
    helper = "function half(n) {\n  return n / 2;\n}"
    main = "async function go(bot) {\n  await mineBlock(bot, 'dirt', half(4));\n}"
    program = extract_program(f"Helper:\n{fenced(helper)}\nMain:\n{fenced(main, 'js')}")
    assert program.functions == ["half", "go"]
    assert program.main == "go"
    assert program.calls == {"mineBlock"}


def test_other_language_blocks_are_ignored() -> None:
    answer = fenced('{"plan": 1}', "json") + "\n" + fenced(SIMPLE)
    assert extract_program(answer).main == "mineOneLog"


def test_trailing_call_of_main_is_stripped() -> None:
    program = extract_program(fenced(SIMPLE + "\n\nawait mineOneLog(bot);"))
    assert program.code == SIMPLE
    assert program.runnable() == SIMPLE + "\nawait mineOneLog(bot);"


def test_trailing_call_without_await_is_stripped() -> None:
    assert extract_program(fenced(SIMPLE + "\nmineOneLog(bot);")).code == SIMPLE


def test_helpers_called_by_main_are_not_main_candidates() -> None:
    code = """async function getWood(bot) { await mineBlock(bot, "oak_log", 2); }
async function craftTable(bot) {
  await getWood(bot);
  await craftItem(bot, "crafting_table", 1);
}"""
    program = extract_program(fenced(code))
    assert program.main == "craftTable"
    assert program.calls == {"mineBlock", "craftItem"}


def test_modern_syntax_is_accepted() -> None:
    code = """const TARGETS = ["oak_log", `birch_${"log"}`];
const LIMIT = { count: 3, nested: [1, 2] };
class Counter {
  total = 0;
  #hidden = null;
  static label = `counter`;
  add(n) { this.total += n ?? 1; return this; }
}
const pick = (items) => items?.find((item) => TARGETS.includes(item?.name)) ?? null;
async function gather(bot) {
  const counter = new Counter();
  const found = pick(bot.inventory?.items?.());
  const distance = found?.count ?? LIMIT.count;
  bot.chat(`have ${found?.name ?? "nothing"} at ${distance}`);
  counter.add(distance);
  await mineBlock(bot, TARGETS[0], LIMIT.count);
}
await gather(bot);"""
    program = extract_program(fenced(code))
    assert program.main == "gather"
    assert program.functions == ["pick", "gather"]
    assert program.calls == {"mineBlock"}


def test_nested_helpers_and_parameters_are_not_calls() -> None:
    code = """async function go(bot) {
  async function inner(done) { return done(); }
  const local = () => 1;
  await inner(() => local());
  try {
    await exploreUntil(bot, new Vec3(1, 0, 0), 60, () => null);
  } catch (err) {
    bot.chat(String(err));
  }
}"""
    assert extract_program(fenced(code)).calls == {"exploreUntil"}


def test_deeply_nested_code_is_handled_without_recursion() -> None:
    constant = "const GRID = " + "[" * 9000 + "]" * 9000 + ";\n"
    assert extract_program(fenced(constant + SIMPLE)).main == "mineOneLog"


def test_default_parameter_values_are_calls_not_definitions() -> None:
    code = "function f(a = pick(), { b, c: [d] }, ...rest) { a(); b(); d(); rest(); other(); }"
    assert called_functions(code) == {"pick", "other"}


def test_empty_answer_is_rejected() -> None:
    with pytest.raises(CodeError, match="empty"):
        extract_program("   \n")


def test_answer_without_code_block_is_rejected() -> None:
    with pytest.raises(CodeError, match="no code block"):
        extract_program("I would mine a log with mineBlock, then craft planks.")


def test_answer_with_only_other_languages_is_rejected() -> None:
    with pytest.raises(CodeError, match="none in JavaScript"):
        extract_program(fenced("print('hi')", "python"))


def test_unclosed_block_is_rejected() -> None:
    with pytest.raises(CodeError, match="never closed"):
        extract_program("```javascript\nasync function go(bot) {")


def test_syntax_error_names_line_column_and_quotes_the_line() -> None:
    code = "async function go(bot) {\n  if (x) {\n    await mineBlock(bot, 'dirt' 1);\n  }\n}"
    with pytest.raises(CodeError) as caught:
        extract_program(fenced(code))
    message = str(caught.value)
    assert "line 3" in message
    assert re.search(r"column \d+", message)
    assert "await mineBlock(bot, 'dirt' 1);" in message


def test_missing_brace_is_reported_as_missing() -> None:
    with pytest.raises(CodeError, match="missing `}`"):
        extract_program(fenced("async function go(bot) {\n  await mineBlock(bot, 'dirt');\n"))


def test_code_without_async_function_is_rejected() -> None:
    with pytest.raises(CodeError, match="no async function"):
        extract_program(fenced("function go(bot) {\n  bot.chat('hi');\n}"))


def test_main_with_wrong_parameters_is_rejected() -> None:
    with pytest.raises(CodeError, match=r"exactly one parameter, `bot`; found go\(bot, count\)"):
        extract_program(
            fenced("async function go(bot, count) {\n  await mineBlock(bot, 'dirt', count);\n}")
        )


def test_several_main_candidates_are_named() -> None:
    code = (
        "async function a(bot) { await mineBlock(bot, 'dirt'); }\n"
        "async function b(bot) { await a2(bot); }"
    )
    with pytest.raises(CodeError, match="Several functions could be the main function: a, b"):
        extract_program(fenced(code))


def test_mutually_calling_candidates_are_rejected() -> None:
    code = "async function a(bot) { await b(bot); }\nasync function b(bot) { await a(bot); }"
    with pytest.raises(CodeError, match="called by another one"):
        extract_program(fenced(code))


def test_function_defined_twice_is_rejected() -> None:
    with pytest.raises(CodeError, match="defined twice"):
        extract_program(fenced(SIMPLE) + "\nFixed:\n" + fenced(SIMPLE))


def test_top_level_side_effect_is_rejected() -> None:
    with pytest.raises(CodeError, match=r"Line 4: top-level statement `bot.chat\('hello'\);`"):
        extract_program(fenced(SIMPLE + "\nbot.chat('hello');"))


def test_top_level_loop_is_rejected() -> None:
    with pytest.raises(CodeError, match="top-level statement"):
        extract_program(fenced(SIMPLE + "\nfor (let i = 0; i < 3; i++) {}"))


def test_top_level_constant_running_code_is_rejected() -> None:
    with pytest.raises(CodeError, match="constant `logs` runs"):
        extract_program(fenced("const logs = bot.inventory.items();\n" + SIMPLE))


def test_top_level_call_of_a_helper_is_rejected() -> None:
    code = (
        "async function helper(bot) {}\n"
        "async function go(bot) { await helper(bot); }\n"
        "await helper(bot);"
    )
    with pytest.raises(CodeError, match="calls helper when the program loads"):
        extract_program(fenced(code))


def test_module_exports_are_rejected() -> None:
    with pytest.raises(CodeError, match="Remove the export"):
        extract_program(fenced(SIMPLE + "\nmodule.exports = mineOneLog;"))


def test_imports_are_rejected_with_what_is_in_scope() -> None:
    with pytest.raises(CodeError, match="already in scope"):
        extract_program(fenced("import { Vec3 } from 'vec3';\n" + SIMPLE))


def test_answer_over_50_kb_is_rejected() -> None:
    answer = fenced(SIMPLE) + "\n" + "x" * (50 * 1024)
    with pytest.raises(CodeError, match="limit is 50 KB"):
        extract_program(answer)


def test_code_over_the_limit_is_rejected() -> None:
    padding = "\n".join(f"// note {i} " + "." * 60 for i in range(MAX_CODE_CHARS // 60))
    with pytest.raises(CodeError, match="characters; the limit is 20000"):
        extract_program(fenced(padding + "\n" + SIMPLE))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_skill_extracts_with_the_calls_it_lists(path: Path) -> None:
    source = path.read_text()
    program = extract_program(fenced(source))
    assert program.main == path.stem
    match = re.match(r"// calls: (.*)", source)
    assert match is not None
    listed = {n.strip() for n in match.group(1).split(",") if not n.startswith("(")}
    assert listed <= program.calls
    assert program.calls - listed <= PRIMITIVES


def test_called_and_defined_functions_read_stored_code() -> None:
    code = (
        "function half(n) { return n / 2; }\n"
        "async function go(bot) { await craftItem(bot, 'stick', half(2)); }"
    )
    assert defined_functions(code) == ["half", "go"]
    assert called_functions(code) == {"craftItem"}


def test_called_functions_rejects_broken_code() -> None:
    with pytest.raises(CodeError, match="Syntax error"):
        called_functions("async function go(bot) {")
