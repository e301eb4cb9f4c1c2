"""Program extraction: the JavaScript skill in an LLM answer, parsed and checked with tree-sitter.

The answer's ```javascript blocks hold helper functions and one main async
function taking ``bot``. Every problem raises ``CodeError`` with a message
written for the model, so it can fix its next answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import tree_sitter_javascript
from tree_sitter import Language, Node, Parser

MAX_ANSWER_BYTES = 50 * 1024
MAX_CODE_CHARS = 20_000
JS_FENCE_LANGUAGES = frozenset({"javascript", "js", "jsx", "mjs", "node"})
# Functions every JavaScript program may call without defining them; not skills.
JS_GLOBALS = frozenset(
    {
        "Array", "BigInt", "Boolean", "Date", "Error", "Number", "Object", "RangeError",
        "String", "Symbol", "TypeError", "clearInterval", "clearTimeout", "decodeURIComponent",
        "encodeURIComponent", "isFinite", "isNaN", "parseFloat", "parseInt", "queueMicrotask",
        "setInterval", "setTimeout", "structuredClone",
    }
)  # fmt: skip
FUNCTION_VALUES = frozenset({"arrow_function", "function_expression", "generator_function"})
FUNCTION_DECLARATIONS = frozenset({"function_declaration", "generator_function_declaration"})
# Inside a top-level constant these run code when the program loads.
SIDE_EFFECTS = frozenset(
    {
        "call_expression", "new_expression", "await_expression", "assignment_expression",
        "augmented_assignment_expression", "update_expression", "yield_expression",
    }
)  # fmt: skip
HOW_TO_ANSWER = (
    "Answer with one ```javascript code block holding helper functions (if any) and one "
    "main function `async function <name>(bot) { ... }`."
)

_PARSER = Parser(Language(tree_sitter_javascript.language()))


class CodeError(ValueError):
    """An answer without a usable program; the message tells the model what to fix."""


@dataclass(frozen=True)
class Program:
    """A checked program: its declarations, the main function and the functions it calls.

    ``calls`` are the functions called but not defined here (primitives and
    learned skills), JavaScript's own globals left out.
    """

    code: str
    main: str
    functions: list[str]
    calls: set[str] = field(default_factory=set)

    def runnable(self) -> str:
        """The env's action: the declarations followed by the call of the main function."""
        return f"{self.code}\nawait {self.main}(bot);"


@dataclass
class _Function:
    name: str
    is_async: bool
    params: list[str]
    node: Node


def extract_program(answer: str) -> Program:
    """The program an LLM answer holds; raise CodeError saying what to fix."""
    if not answer or not answer.strip():
        raise CodeError(f"The answer is empty. {HOW_TO_ANSWER}")
    size = len(answer.encode("utf-8"))
    if size > MAX_ANSWER_BYTES:
        raise CodeError(
            f"The answer is {size // 1024} KB; the limit is {MAX_ANSWER_BYTES // 1024} KB. "
            "Send only the program, shorter, reusing existing skills."
        )
    code = _code_of(answer)
    if len(code) > MAX_CODE_CHARS:
        raise CodeError(
            f"The code is {len(code)} characters; the limit is {MAX_CODE_CHARS}. "
            "Write a shorter program that calls existing skills and primitives."
        )
    source = code.encode("utf-8")
    root = _parse(source)
    functions, main_calls = _top_level(root, source)
    main = _main_function(functions)
    for call in main_calls:
        name = _callee(call)
        if name != main.name:
            raise CodeError(
                f"Line {_line(call)}: `{_text(call)}` calls {name} when the program loads, but "
                f"the main function is {main.name}. Remove that call; the main function is "
                "called for you."
            )
    kept = _without(source, main_calls).decode("utf-8").strip()
    return Program(kept, main.name, [f.name for f in functions], _undefined_calls(root))


def called_functions(code: str) -> set[str]:
    """Functions the code calls but does not define (JavaScript globals left out)."""
    return _undefined_calls(_parse(code.encode("utf-8")))


def defined_functions(code: str) -> list[str]:
    """Names of the code's top-level functions, in order."""
    source = code.encode("utf-8")
    return [f.name for f in _top_level(_parse(source), source)[0]]


def function_sources(code: str) -> dict[str, str]:
    """The source of each top-level function of the code, by name (its whole statement)."""
    source = code.encode("utf-8")
    functions = _top_level(_parse(source), source)[0]
    statements = {}
    for function in functions:
        node = function.node
        while node.parent is not None and node.parent.type != "program":
            node = node.parent
        statements[function.name] = (node.text or b"").decode("utf-8")
    return statements


def _code_of(answer: str) -> str:
    """The JavaScript of the answer's code blocks, or the whole answer when it is plain code."""
    blocks = _fenced_blocks(answer)
    if not blocks:
        if _is_plain_code(answer):
            return answer.strip()
        raise CodeError(f"The answer has no code block. {HOW_TO_ANSWER}")
    chosen = [body for lang, body in blocks if lang in JS_FENCE_LANGUAGES]
    chosen = chosen or [body for lang, body in blocks if not lang]
    if not chosen:
        langs = ", ".join(sorted({lang for lang, _ in blocks}))
        raise CodeError(
            f"The answer has code blocks in {langs} but none in JavaScript. {HOW_TO_ANSWER}"
        )
    return "\n\n".join(body.strip("\n") for body in chosen)


def _fenced_blocks(answer: str) -> list[tuple[str, str]]:
    """(language, body) of each ``` fenced block."""
    blocks: list[tuple[str, str]] = []
    position = 0
    while (start := answer.find("```", position)) >= 0:
        end_of_line = answer.find("\n", start)
        end_of_line = len(answer) if end_of_line < 0 else end_of_line
        inline = answer.find("```", start + 3, end_of_line)
        if inline >= 0:  # ```like this``` inside a sentence is not a block
            position = inline + 3
            continue
        closing = answer.find("```", end_of_line + 1)
        if closing < 0:
            line = answer.count("\n", 0, start) + 1
            raise CodeError(
                f"The code block opened at line {line} of the answer is never closed with ```; "
                "the answer may have been cut off. Send the whole program again, shorter."
            )
        language = answer[start + 3 : end_of_line].strip().lower()
        blocks.append((language, answer[end_of_line + 1 : closing]))
        position = closing + 3
    return blocks


def _is_plain_code(answer: str) -> bool:
    root = _PARSER.parse(answer.encode("utf-8")).root_node
    return not root.has_error and any(n.type in FUNCTION_DECLARATIONS for n in root.named_children)


def _parse(source: bytes) -> Node:
    root = _PARSER.parse(source).root_node
    if root.has_error:
        raise CodeError(_syntax_error(root, source))
    return root


def _syntax_error(root: Node, source: bytes) -> str:
    bad = next(n for n in _walk(root) if n.type == "ERROR" or n.is_missing)
    row, byte_column = bad.start_point
    line = source.splitlines()[row] if row < len(source.splitlines()) else b""
    column = len(line[:byte_column].decode("utf-8", errors="replace")) + 1
    what = f"missing `{bad.type}`" if bad.is_missing else f"unexpected `{_text(bad, 40)}`"
    quoted = line.decode("utf-8", errors="replace").rstrip()
    return (
        f"Syntax error at line {row + 1}, column {column} of the code: {what}.\n"
        f"    {row + 1} | {quoted}\n"
        "Fix the syntax and send the whole program again."
    )


def _top_level(root: Node, source: bytes) -> tuple[list[_Function], list[Node]]:
    """The top-level functions, and the statements that call a function with ``bot``."""
    functions: list[_Function] = []
    calls: list[Node] = []
    for node in root.named_children:
        if node.type in FUNCTION_DECLARATIONS:
            functions.append(_function(_name(node), node))
        elif node.type in ("lexical_declaration", "variable_declaration"):
            functions.extend(_declared_functions(node))
        elif node.type == "expression_statement" and _is_bot_call(node):
            calls.append(node)
        elif node.type not in ("comment", "class_declaration", "empty_statement"):
            _reject_top_level(node)
    seen: set[str] = set()
    for function in functions:
        if function.name in seen:
            raise CodeError(
                f"The function {function.name} is defined twice. Define each function once, "
                "in one code block."
            )
        seen.add(function.name)
    return functions, calls


def _declared_functions(declaration: Node) -> list[_Function]:
    """Functions held by `const f = async (bot) => {...}`; other values must be plain data."""
    functions = []
    for declarator in declaration.named_children:
        value = declarator.child_by_field_name("value")
        if declarator.type != "variable_declarator" or value is None:
            continue
        if value.type in FUNCTION_VALUES:
            functions.append(_function(_name(declarator), value))
            continue
        effect = next(_effects(value), None)
        if effect is not None:
            raise CodeError(
                f"Line {_line(effect)}: the top-level constant `{_name(declarator)}` runs "
                f"`{_text(effect)}` when the program loads. Top-level constants must be plain "
                "values (numbers, strings, arrays, objects); move the call into a function."
            )
    return functions


def _effects(node: Node) -> Iterator[Node]:
    """Nodes that run code, outside the bodies of nested functions."""
    for inner in _walk(node, prune=FUNCTION_VALUES):
        if inner.type in SIDE_EFFECTS:
            yield inner


def _reject_top_level(node: Node) -> None:
    if node.type == "import_statement":
        advice = (
            "Imports are not available: the primitives, learned skills, mcData, Vec3 and "
            "pathfinder goals are already in scope. Remove the import."
        )
    elif node.type == "export_statement" or _text(node).startswith(("module.exports", "exports.")):
        advice = "Remove the export: skills are shared by their function names."
    elif node.type == "expression_statement" and node.named_children[0].type == "string":
        return
    else:
        advice = (
            "It would run when the program loads. Only functions, classes and constants may be "
            "at the top level; move this statement into the main function."
        )
    raise CodeError(f"Line {_line(node)}: top-level statement `{_text(node)}`. {advice}")


def _main_function(functions: list[_Function]) -> _Function:
    """The async function taking only `bot` that no other function calls."""
    asyncs = [f for f in functions if f.is_async]
    if not asyncs:
        raise CodeError(f"The code has no async function. {HOW_TO_ANSWER}")
    takes_bot = [f for f in asyncs if f.params == ["bot"]]
    if not takes_bot:
        found = "; ".join(f"{f.name}({', '.join(f.params)})" for f in asyncs)
        raise CodeError(
            f"The main function must take exactly one parameter, `bot`; found {found}. "
            "Read other values inside the function or give them defaults in a helper."
        )
    called = {f.name: _calls_in(f.node) for f in functions}
    roots = [f for f in takes_bot if not any(f.name in called[g.name] for g in functions if g != f)]
    if len(roots) == 1:
        return roots[0]
    if not roots:
        names = ", ".join(f.name for f in takes_bot)
        raise CodeError(
            f"Every async function taking `bot` ({names}) is called by another one, so none "
            "of them is the main function. Write one main function that calls the others."
        )
    names = ", ".join(f.name for f in roots)
    raise CodeError(
        f"Several functions could be the main function: {names}. Keep exactly one async "
        "function taking `bot` that no other function calls; have it call the others or "
        "remove them."
    )


def _undefined_calls(root: Node) -> set[str]:
    return _calls_in(root) - _bound_names(root) - JS_GLOBALS


def _calls_in(node: Node) -> set[str]:
    return {name for n in _walk(node) if n.type == "call_expression" and (name := _callee(n))}


def _callee(node: Node) -> str:
    """``f`` for `f(...)`, `await f(...)` or a statement holding one; "" for `a.f(...)`."""
    while node.type in ("expression_statement", "await_expression"):
        node = node.named_children[0]
    target = node.child_by_field_name("function") if node.type == "call_expression" else None
    return _text(target) if target is not None and target.type == "identifier" else ""


def _is_bot_call(statement: Node) -> bool:
    """True for `main(bot);` or `await main(bot);`."""
    if not _callee(statement):
        return False
    call = statement.named_children[0]
    call = call.named_children[0] if call.type == "await_expression" else call
    arguments = call.child_by_field_name("arguments")
    return arguments is not None and [_text(a) for a in arguments.named_children] == ["bot"]


def _bound_names(root: Node) -> set[str]:
    """Every name the code declares anywhere: functions, classes, variables, parameters."""
    names: set[str] = set()
    for node in _walk(root):
        if node.type in ("formal_parameters", "object_pattern", "array_pattern"):
            names |= _pattern_names(node)
        for field_name in ("name", "parameter"):
            bound = node.child_by_field_name(field_name)
            if bound is not None and node.type != "pair_pattern":
                names |= _pattern_names(bound)
    return names


def _pattern_names(pattern: Node) -> set[str]:
    """Names a parameter list or destructuring pattern binds (default values left out)."""
    names: set[str] = set()
    stack = [pattern]
    while stack:
        node = stack.pop()
        if node.type in ("identifier", "shorthand_property_identifier_pattern"):
            names.add(_text(node))
        elif node.type in ("formal_parameters", "object_pattern", "array_pattern", "rest_pattern"):
            stack.extend(node.named_children)
        elif node.type in ("assignment_pattern", "pair_pattern"):
            bound = node.child_by_field_name(
                "left" if node.type == "assignment_pattern" else "value"
            )
            stack.extend([bound] if bound is not None else [])
    return names


def _function(name: str, node: Node) -> _Function:
    is_async = any(child.type == "async" for child in node.children)
    single = node.child_by_field_name("parameter")
    if single is not None:
        return _Function(name, is_async, [_text(single)], node)
    params = node.child_by_field_name("parameters")
    listed = params.named_children if params is not None else []
    return _Function(name, is_async, [_text(p) for p in listed if p.type != "comment"], node)


def _name(node: Node) -> str:
    name = node.child_by_field_name("name")
    return _text(name) if name is not None else ""


def _without(source: bytes, nodes: list[Node]) -> bytes:
    """The source with the given top-level statements cut out."""
    for node in sorted(nodes, key=lambda n: n.start_byte, reverse=True):
        source = source[: node.start_byte] + source[node.end_byte :]
    return source


def _walk(node: Node, prune: frozenset[str] = frozenset()) -> Iterator[Node]:
    """Every node under ``node`` in document order, not entering node types in ``prune``.

    Iterative rather than recursive: generated code can nest deeper than Python's stack.
    """
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if current is node or current.type not in prune:
            stack.extend(reversed(current.children))


def _line(node: Node) -> int:
    return node.start_point[0] + 1


def _text(node: Node, limit: int = 80) -> str:
    text = (node.text or b"").decode("utf-8", errors="replace")
    first = text.splitlines()[0] if text else ""
    return first if len(first) <= limit and "\n" not in text else first[:limit] + " ..."
