"""The CI workflows as GitHub runs them: what each job's container lacks is provided before the
step that needs it, pull requests get a preview link without running their code with a
writable token, build problems reach the pull request's lines, downloads are cached, and main
builds the edition once. Read from the workflow files themselves (no runner here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
#: The workflows `edition init` writes into a new edition.
TEMPLATES = (
    ROOT / "tools" / "reading_edition" / "convert" / "templates" / "dot-github" / "workflows"
)
#: Steps that need Node.js 20 (the Makefile's node-deps: Ace by DAISY, Lighthouse).
NEEDS_NODE = re.compile(r"\.ci/run|make (test|audit|node-deps)\b")


def workflow(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return data


def triggers(data: dict[Any, Any]) -> dict[str, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1).
    found = data.get("on", data.get(True))
    return found if isinstance(found, dict) else {str(found): None}


def all_jobs() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path.name, name, job)
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for name, job in workflow(path.name)["jobs"].items()
    ]


def uses(step: dict[str, Any]) -> str:
    return str(step.get("uses", ""))


@pytest.mark.parametrize(("file", "name", "job"), all_jobs(), ids=lambda v: str(v)[:30])
def test_debian_jobs_get_node_20_before_they_need_it(
    file: str, name: str, job: dict[str, Any]
) -> None:
    """debian:bookworm's nodejs is 18: a job that runs the suite sets up Node 20 first."""
    node = None
    for step in job.get("steps", []):
        if uses(step).startswith("actions/setup-node@"):
            node = int(str(step["with"]["node-version"]).split(".")[0])
        if NEEDS_NODE.search(str(step.get("run", ""))):
            assert node is not None and node >= 20, f"{file}/{name}: {step.get('name')}"


@pytest.mark.parametrize(("file", "name", "job"), all_jobs(), ids=lambda v: str(v)[:30])
def test_every_action_is_pinned_to_a_commit(file: str, name: str, job: dict[str, Any]) -> None:
    for step in job.get("steps", []):
        if uses(step):
            assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", uses(step)), (file, name, uses(step))


@pytest.mark.parametrize(("file", "name", "job"), all_jobs(), ids=lambda v: str(v)[:30])
def test_container_jobs_cache_apt_and_pip(file: str, name: str, job: dict[str, Any]) -> None:
    """A job that installs Debian and Python packages keeps their downloads between runs
    (apt's docker-clean hook removed, so that the .deb files stay to be cached)."""
    steps = job.get("steps", [])
    runs = " ".join(str(s.get("run", "")) for s in steps)
    if "apt-get install" not in runs:
        return
    caches = [s for s in steps if uses(s).startswith("actions/cache@")]
    assert caches, f"{file}/{name} caches nothing"
    paths = " ".join(str(c["with"]["path"]) for c in caches)
    assert "/var/cache/apt/archives" in paths and ".cache/pip" in paths
    assert "docker-clean" in runs
    env = {**workflow(file).get("env", {}), **job.get("env", {})}
    assert env.get("PIP_CACHE_DIR", "").endswith(".cache/pip")


def test_the_preview_link_runs_no_code_of_the_pull_request() -> None:
    """`pull_request_target` has a token that can write: its workflow checks out nothing and
    runs no command, only the action that writes the Read the Docs link."""
    data = workflow("read-the-docs-preview.yml")
    assert "pull_request_target" in triggers(data)
    for job in data["jobs"].values():
        for step in job["steps"]:
            assert "run" not in step
            assert not uses(step).startswith("actions/checkout@")
            assert uses(step).startswith("readthedocs/actions/preview@")
    for path in WORKFLOWS.glob("*.yml"):
        if path.name != "read-the-docs-preview.yml":
            assert "pull_request_target" not in triggers(workflow(path.name)), path.name


def test_build_problems_reach_the_pull_requests_lines() -> None:
    steps = workflow("pull-request.yml")["jobs"]["fast"]["steps"]
    build = next(s for s in steps if "make html" in str(s.get("run", "")))
    warnings = re.search(r"-w ([^\s\"']+)", build["run"])
    assert warnings, build["run"]
    later = steps[steps.index(build) + 1 :]
    assert any(
        f"edition build-annotations {warnings.group(1)}" in str(s.get("run", "")) for s in later
    )


def test_the_reviewers_zip_says_how_to_open_it() -> None:
    """Opened from disk the site's fonts and scripts are blocked: the zip carries a README
    saying to serve it."""
    steps = workflow("pull-request.yml")["jobs"]["fast"]["steps"]
    upload = next(s for s in steps if uses(s).startswith("actions/upload-artifact@"))
    folder = upload["with"]["path"]
    before = " ".join(str(s.get("run", "")) for s in steps[: steps.index(upload)])
    assert f"{folder}/README.txt" in before and "python3 -m http.server" in before


def test_main_builds_the_edition_once() -> None:
    """The suite builds HTML, PDF and EPUB; main publishes HTML only and builds nothing else."""
    steps = workflow("main.yml")["jobs"]["build"]["steps"]
    runs = [str(s.get("run", "")) for s in steps]
    assert any(".ci/run" in r for r in runs)
    assert not any(re.search(r"make (edition|latexpdf|pdf|epub)\b", r) for r in runs), runs


def test_codeowners_names_real_owners_or_is_absent() -> None:
    for path in (
        ROOT / ".github" / "CODEOWNERS",
        ROOT / "CODEOWNERS",
        ROOT / "docs" / "CODEOWNERS",
    ):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"YOUR-|@ORG\b|example", text), path


#: check-jsonschema's copy of SchemaStore's schema for GitHub workflow files.
SCHEMA = ("--builtin-schema", "vendor.github-workflows")


def test_the_workflows_are_valid_for_github(tmp_path: Path) -> None:
    """Every workflow file against GitHub's workflow schema (SchemaStore's, vendored in
    check-jsonschema), then through actionlint (with ShellCheck): a misspelt key, a wrong type,
    an unknown runner, a bad expression or a shell mistake fails here, not on the first push.
    The workflow `edition init` writes for a new edition too (its template only escapes
    GitHub's own ``${{ }}`` from Jinja)."""
    files = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    for template in sorted(TEMPLATES.glob("*.yml.jinja")):
        text = template.read_text(encoding="utf-8")
        rendered = tmp_path / template.name.removesuffix(".jinja")
        rendered.write_text(text.replace("{% raw %}", "").replace("{% endraw %}", ""))
        assert not re.search(r"\{%|(?<!\$)\{\{", rendered.read_text()), template.name
        files.append(str(rendered))
    assert len(files) > len(list(WORKFLOWS.glob("*.yml")))
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *SCHEMA, *files],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # actionlint: expressions and their contexts, job dependencies, runner labels, and the
    # `run:` scripts through ShellCheck. Both binaries come in wheels pinned in
    # requirements.txt, installed beside this Python (no download when they run).
    tools = Path(sys.executable).parent
    actionlint, shellcheck = tools / "actionlint", tools / "shellcheck"
    assert actionlint.is_file() and shellcheck.is_file(), f"make venv installs them into {tools}"
    done = subprocess.run(
        [str(actionlint), "-no-color", f"-shellcheck={shellcheck}", *files],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def container_image(job: dict[str, Any]) -> str | None:
    container = job.get("container")
    if isinstance(container, dict):
        return str(container.get("image"))
    return str(container) if container else None


#: Steps that use the edition's Python environment (`make venv` and what depends on it).
NEEDS_PYTHON = re.compile(r"\.ci/run|\bmake\b|\.venv/bin/")


@pytest.mark.parametrize(("file", "name", "job"), all_jobs(), ids=lambda v: str(v)[:30])
def test_every_job_has_the_python_it_needs(file: str, name: str, job: dict[str, Any]) -> None:
    """The pinned environment is made with `python3 -m venv` on Python 3.11 (Debian bookworm's,
    the one the pins are tested with): in the bookworm container apt installs python3 and
    python3-venv first; on the bare runner (python3 is 3.12 there) setup-python gives 3.11
    last, so that it comes first on PATH. A job that asks for Python 3.13 sets it up too."""
    image = container_image(job)
    python: str | None = None
    for step in job.get("steps", []):
        run = str(step.get("run", ""))
        apt = image == "debian:bookworm" and "apt-get install" in run
        if apt and re.search(r"\bpython3\b", run) and "python3-venv" in run:
            python = "3.11"
        if uses(step).startswith("actions/setup-python@"):
            python = str(step["with"]["python-version"]).split()[-1]
        if NEEDS_PYTHON.search(run):
            assert python == "3.11", f"{file}/{name}: {step.get('name') or run[:40]}"
        for value in step.get("env", {}).values():
            if "python313" in str(value):
                ids = [s.get("id") for s in job["steps"] if uses(s).startswith("actions/setup")]
                assert "python313" in ids, f"{file}/{name}"


#: Debian bookworm's python3 (the CI container's, `python3 -m venv` in `make venv`): 3.11.2 for
#: the life of bookworm. A pin whose release needs a newer 3.11 installs here (pyenv's 3.11.7)
#: and fails on GitHub's first push (soupsieve 3.x needs 3.11.5).
BOOKWORM_PYTHON = "3.11.2"


def test_every_pin_installs_on_the_containers_python() -> None:
    """Each package pinned in requirements.txt, as installed in this environment, accepts
    bookworm's Python (its Requires-Python), so `make venv` in the CI container resolves."""
    from importlib import metadata

    from packaging.specifiers import SpecifierSet

    refused = []
    pins = [
        line.split("==")
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    ]
    assert len(pins) > 20
    for name, version in pins:
        found = metadata.distribution(name)
        assert found.version == version.strip(), f"{name}: {found.version} installed, pin {version}"
        needs = found.metadata.get("Requires-Python") or ""
        if not SpecifierSet(needs).contains(BOOKWORM_PYTHON):
            refused.append(f"{name}=={version} needs Python {needs}")
    assert not refused, refused
