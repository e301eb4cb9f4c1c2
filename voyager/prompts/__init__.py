"""Prompt templates, one Markdown file each; ``$name`` placeholders are filled by ``render``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from string import Template

PROMPTS_DIR = Path(__file__).resolve().parent


@cache
def template(name: str) -> Template:
    path = PROMPTS_DIR / f"{name}.md"
    if not path.is_file():
        raise FileNotFoundError(f"no prompt template {path}")
    return Template(path.read_text(encoding="utf-8"))


def render(name: str, **values: object) -> str:
    """Fill a template; a missing value is an error, never a silent ``$name`` left in a prompt."""
    return template(name).substitute({k: str(v) for k, v in values.items()}).strip() + "\n"
