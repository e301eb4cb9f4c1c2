"""``voyager eval``: the paper's evaluation protocol as one command (see docs/eval.md).

Suites (``curriculum/suites/*.toml``) x seeds x trials, each trial a run of
the public command in its own run folder, on a process pool or Ray; a shared
LLM gateway for the cost ceiling and the concurrency limit; results as
tables, plots and a page; comparisons with bootstrap intervals; exports of
the rounds for fine-tuning.
"""
