"""What the benchmarks read about running processes, from /proc: the tree, memory, files, ports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Process:
    pid: int
    command: str  # the program and its arguments, as names: "node --permission main.js"
    rss_kb: int
    # proportional set size: shared pages (Node's own code, in every node process) split
    # between the processes that map them, so the PSS of a tree adds up to what it costs
    pss_kb: int

    @property
    def kind(self) -> str:
        """What the process is in a Voyager run: world, bot, viewer, python or other."""
        for marker, kind in (
            ("server.js", "world"),
            ("main.js", "bot"),
            ("viewer", "viewer"),
            ("python", "python"),
        ):
            if marker in self.command:
                return kind
        return "other"


def descendants(root: int) -> list[int]:
    """``root`` and every process below it, parents first."""
    parents: dict[int, int] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError):
                continue
    tree, todo = [root], [root]
    while todo:
        parent = todo.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        tree += children
        todo += children
    return tree


def process(pid: int) -> Process | None:
    """The process's command and resident memory, or None once it is gone."""
    try:
        status = (PROC / str(pid) / "status").read_text()
        argv = (PROC / str(pid) / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    rss = [line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")]
    command = " ".join(Path(arg.decode(errors="replace")).name for arg in argv if arg)
    rss_kb = int(rss[0]) if rss else 0
    return Process(pid, command, rss_kb, _pss_kb(pid) or rss_kb)


def _pss_kb(pid: int) -> int:
    try:
        rollup = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0
    pss = [line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")]
    return int(pss[0]) if pss else 0


def tree(root: int) -> list[Process]:
    return [p for pid in descendants(root) if (p := process(pid)) is not None]


def open_files(pid: int) -> int:
    try:
        return len(list((PROC / str(pid) / "fd").iterdir()))
    except OSError:
        return 0


def listening_ports(pids: list[int]) -> set[int]:
    """TCP ports in LISTEN state whose socket belongs to one of ``pids``."""
    inodes: set[str] = set()
    for pid in pids:
        try:
            for fd in (PROC / str(pid) / "fd").iterdir():
                target = str(fd.readlink())
                if target.startswith("socket:["):
                    inodes.add(target[len("socket:[") : -1])
        except OSError:
            continue
    ports: set[int] = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (PROC / "net" / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports
