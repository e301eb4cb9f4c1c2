"""``pip install .`` gives a working ``voyager`` with every data file it reads."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEEDED = [
    "voyager/_data/curriculum/gamedata-1.20.4.json",
    "voyager/_data/curriculum/smelting.json",
    "voyager/_data/curriculum/warmup.json",
    "voyager/_data/curriculum/techtree.json",
    "voyager/_data/skills/mineBlock.js",
    "voyager/_data/bridge/package.json",
    "voyager/_data/bridge/package-lock.json",
    "voyager/_data/bridge/world/server.js",
    "voyager/prompts/action_system.md",
    "voyager/prompts/curriculum_system.md",
]


def build_wheel(dest: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dest),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = dest.glob("voyager-*.whl")
    return wheel


def test_the_wheel_carries_prompts_curriculum_primitives_and_bridge(tmp_path: Path) -> None:
    names = set(zipfile.ZipFile(build_wheel(tmp_path)).namelist())
    missing = [n for n in NEEDED if n not in names]
    assert not missing, f"the wheel lacks {missing}"
    assert not any("node_modules" in n for n in names)
    assert any(n.startswith("voyager/_data/skills/context/") for n in names)
    assert any(n.startswith("voyager/_data/bridge/bot/") for n in names)


def test_an_installed_copy_finds_its_data_outside_the_checkout(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "wheel")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    probe = (
        "from voyager.paths import data_root, curriculum_dir;"
        "from voyager.agents.action import primitives_text;"
        "print(data_root()); assert (curriculum_dir() / 'gamedata-1.20.4.json').is_file();"
        "assert 'mineBlock' in primitives_text()"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(target / "voyager" / "_data")
