"""Where Voyager's data files live: the source checkout, or the installed package's copy."""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent
_INSTALLED = PACKAGE_DIR / "_data"


@cache
def data_root() -> Path:
    """The folder holding ``curriculum/``, ``skills/`` and ``bridge/``.

    A checkout (editable install, tests) uses its own top-level folders; a
    wheel carries copies under ``voyager/_data`` (see pyproject.toml).
    """
    if (_CHECKOUT / "curriculum").is_dir() and (_CHECKOUT / "pyproject.toml").is_file():
        return _CHECKOUT
    return _INSTALLED


def curriculum_dir() -> Path:
    return data_root() / "curriculum"


def skills_dir() -> Path:
    """The JavaScript control primitives (``skills/*.js``) and their short versions."""
    return data_root() / "skills"


def bridge_dir() -> Path:
    return data_root() / "bridge"


def prompts_dir() -> Path:
    return PACKAGE_DIR / "prompts"
