"""The bridge protocol, checked on both sides against its one definition (voyager/env/protocol.py).

Python: a session through ``BotProcess`` whose every result is validated
against the method table. JavaScript: ``scripts/protocol.js`` drives the bot
process the same way and validates every line against the JSON Schema made
from that table, which the bot process itself also checks its methods by.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from bridge_helpers import Server

from voyager.env.bridge import BotProcess, node_command, read_primitives
from voyager.env.protocol import check_result

SCRIPT = Path(__file__).parent / "scripts" / "protocol.js"


def test_every_result_of_a_session_fits_the_method_table(builtin_world: Server) -> None:
    process = BotProcess(node_command("node"), log=None)
    try:
        calls = [
            ("health", {}),
            ("skills", {"version": "v1", "skills": {"hi": "async function hi(bot) {}"}}),
            (
                "start",
                {
                    "host": builtin_world.host,
                    "port": builtin_world.port,
                    "username": "protocol_py",
                    "version": "1.20.4",
                    "reset": "hard",
                    "primitives": read_primitives(),
                    "adminToken": builtin_world.admin_token,
                    "inventory": {"dirt": 1},
                },
            ),
            (
                "step",
                {"program": "await hi(bot); bot.chat('x'); throw new Error('y')", "timeout": 20},
            ),
            ("observe", {}),
            ("pause", {}),
            ("resume", {}),
        ]
        for method, params in calls:
            check_result(method, process.request(method, params, 60))
    finally:
        process.close()


def test_the_bot_process_speaks_the_schema_as_javascript_sees_it(builtin_world: Server) -> None:
    result = subprocess.run(
        ["node", str(SCRIPT), str(builtin_world.port), str(builtin_world.admin_token)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "ok every line of the session fits" in result.stdout
