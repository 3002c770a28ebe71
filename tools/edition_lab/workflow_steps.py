"""Run one CI job's ``run:`` steps here, in order, as GitHub runs them (``bash -e``), to see a
workflow's own commands pass before its first push (tools/previews.md).

    python -m edition_lab.workflow_steps .github/workflows/pull-request.yml fast \\
        --skip "Keep apt downloads" --skip "Base packages" \\
        --set github.event.pull_request.base.sha=$(git rev-parse HEAD~1)

Steps that use an action are named and skipped (the checkout is the folder it runs in; Node 20
and the Debian packages are the machine's). ``${{ … }}`` expressions are replaced from
``--set NAME=VALUE`` (empty when not given). A step whose ``if:`` asks for ``failure()`` runs
only after a failed step; other steps stop at the first failure, as on GitHub. Run it in a fresh
clone with the container's environment, e.g. ``env -i PATH=/usr/bin:/bin HOME=…
GITHUB_ACTIONS=true``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml


def expand(text: str, values: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: values.get(m.group(1), ""), text)


def run_job(workflow: Path, job: str, values: dict[str, str], skip: set[str]) -> int:
    data: dict[str, Any] = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    steps: list[dict[str, Any]] = data["jobs"][job]["steps"]
    env = {
        k: str(v) for k, v in {**data.get("env", {}), **data["jobs"][job].get("env", {})}.items()
    }
    failed = False
    for step in steps:
        name = str(step.get("name") or step.get("uses") or step["run"].splitlines()[0])
        condition = str(step.get("if", ""))
        if name in skip:
            print(f"--- skipped (asked): {name}")
        elif "uses" in step:
            print(f"--- action, not run here: {step['uses']}")
        elif "failure()" in condition and not failed:
            print(f"--- skipped (nothing failed): {name}")
        elif failed and "failure()" not in condition and "cancelled()" not in condition:
            print(f"--- skipped (a step failed): {name}")
        else:
            step_env = {k: expand(str(v), values) for k, v in step.get("env", {}).items()}
            started = time.perf_counter()
            done = subprocess.run(
                ["bash", "-e", "-c", expand(str(step["run"]), values)],
                env={**os.environ, **env, **step_env},
                check=False,
            )
            took = time.perf_counter() - started
            print(f"--- {name}: exit {done.returncode} ({took:.1f} s)", flush=True)
            failed = failed or done.returncode != 0
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workflow", type=Path)
    parser.add_argument("job")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--skip", action="append", default=[], metavar="STEP NAME")
    args = parser.parse_args()
    values = dict(item.split("=", 1) for item in args.set)
    return run_job(args.workflow, args.job, values, set(args.skip))


if __name__ == "__main__":
    sys.exit(main())
