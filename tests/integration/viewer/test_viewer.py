"""The viewer: a web page showing the bot in the built-in world, looked at by headless chromium."""

from __future__ import annotations

import io
import shutil
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.integration.viewer.chromium import HeadlessChromium, chromium_path
from voyager.env.minecraft import MinecraftEnv
from voyager.env.world import EmbeddedWorld
from voyager.viewer import Viewer, ViewerError, start_viewer

pytestmark = pytest.mark.integration

SEED = 3
RENDER_TIMEOUT_S = 90.0
SKY = np.array([173, 216, 230])  # prismarine-viewer's clear colour ("lightblue")
MIN_TERRAIN_SHARE = 0.25
MIN_COLOURS = 50


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedWorld]:
    if shutil.which("node") is None:
        pytest.skip("Node is not installed: the world and the viewer need Node >= 20")
    logs = tmp_path_factory.mktemp("viewer-world")
    with EmbeddedWorld(SEED, world_dir=logs / "world", log_path=logs / "world.log") as world:
        yield world


@pytest.fixture(scope="module")
def bot(world: EmbeddedWorld, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MinecraftEnv]:
    env = world.connect(log_dir=tmp_path_factory.mktemp("viewer-bot"))
    env.reset(seed=SEED, options={"mode": "hard"})
    yield env
    env.close()


@pytest.fixture()
def viewer(world: EmbeddedWorld, bot: MinecraftEnv, tmp_path: Path) -> Iterator[Viewer]:
    with start_viewer(
        world.host, world.port, username=bot.username, log_path=tmp_path / "viewer.log"
    ) as running:
        yield running


def terrain_share(png: bytes) -> tuple[float, int]:
    """The share of pixels that are not sky, and how many distinct colours the picture has."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3).astype(int)
    not_sky = np.abs(pixels - SKY).sum(axis=1) > 30
    return float(not_sky.mean()), len(np.unique(pixels, axis=0))


def test_the_viewer_serves_its_page_on_127_0_0_1(viewer: Viewer) -> None:
    assert viewer.url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(viewer.url, timeout=10) as page:
        assert "index.js" in page.read().decode()


def test_the_page_shows_the_terrain_around_the_bot(viewer: Viewer, tmp_path: Path) -> None:
    if chromium_path() is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    with HeadlessChromium() as browser:
        browser.open(viewer.url)
        deadline = time.monotonic() + RENDER_TIMEOUT_S
        share, colours = 0.0, 0
        while time.monotonic() < deadline and share < MIN_TERRAIN_SHARE:
            time.sleep(2)
            png = browser.screenshot()
            share, colours = terrain_share(png)
        (tmp_path / "viewer.png").write_bytes(png)
        assert share >= MIN_TERRAIN_SHARE, (
            f"only {share:.0%} of the page is not sky; screenshot {tmp_path / 'viewer.png'}; "
            f"console: {browser.console[-5:]}"
        )
        assert colours >= MIN_COLOURS, f"{colours} colours: flat shapes, not textured terrain"


def test_the_viewer_stops_and_leaves_the_server(viewer: Viewer) -> None:
    viewer.stop()
    assert not viewer.running
    assert viewer.process.returncode == 0


def test_a_viewer_of_no_server_fails_with_a_clear_error(tmp_path: Path) -> None:
    if shutil.which("node") is None:
        pytest.skip("Node is not installed")
    with pytest.raises(ViewerError, match=r"could not start: connection to 127\.0\.0\.1:1 failed"):
        start_viewer("127.0.0.1", 1, log_path=tmp_path / "viewer.log", timeout=20)
