"""The CI workflows a user can copy, run here as they are written (issues 12 and 19).

``.github/workflows/validate.yml`` installs the pinned frictionless and runs the one
documented command, ``frictionless validate datapackage.json --checklist checks/figures.json``,
then installs idlibstats from the lock and runs ``idlibstats validate --format github``
(one annotation per problem); ``.github/workflows/test.yml`` runs ``make test``. The
commands are read from the YAML and run with this venv's frictionless and idlibstats (no
network: the pins are checked against the lock instead of installed).

Each command runs in this process through its own command-line entry point (frictionless'
Typer program, ``idlibstats.cli.main``), in the folder the workflow runs it in: the same
argument parsing, output and exit status as the installed command, without a new process
importing frictionless or pandas each time (3 to 4 s of CPU each). One run goes through the
installed ``frictionless`` command itself, as a workflow calls it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import simpleeval
import yaml
from badinput import FIGURES, set_cell
from conftest import ROOT, restamp_package
from frictionless.console import console as frictionless_console
from typer.testing import CliRunner

from idlibstats.cli import main as idlibstats_main
from idlibstats.datapackage.validation.checklist import load_checklist

WORKFLOWS = ROOT / ".github" / "workflows"
COMMAND = "frictionless validate datapackage.json --checklist checks/figures.json"
IDLIBSTATS_COMMAND = "idlibstats validate --format github"
BIN = Path(sys.executable).parent


def _runs(name: str) -> list[str]:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def _uses(name: str) -> list[str]:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def _locked(name: str) -> str:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(name)}==([^\s\\;]+)", lock, re.M | re.I)
    assert match, f"{name} is not pinned in requirements.lock"
    return match.group(1)


def _run_step(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a workflow's command line in ``cwd``, in this process (see the module's note)."""
    argv = shlex.split(command)
    assert argv[0] in ("frictionless", "idlibstats")
    here = Path.cwd()
    os.chdir(cwd)
    try:
        if argv[0] == "frictionless":
            result = CliRunner().invoke(frictionless_console, argv[1:], prog_name="frictionless")
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                result.exception)
            status, out, err = result.exit_code, result.stdout, ""
        else:
            out_io, err_io = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out_io), contextlib.redirect_stderr(err_io):
                status = idlibstats_main(argv[1:])
            out, err = out_io.getvalue(), err_io.getvalue()
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(argv, status, out, err)


def _run_installed_step(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a workflow's command line in ``cwd`` as the installed command, a new process."""
    argv = shlex.split(command)
    assert argv[0] in ("frictionless", "idlibstats")
    return subprocess.run([str(BIN / argv[0]), *argv[1:]], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)


def test_validate_workflow_installs_the_pinned_frictionless_and_runs_the_command() -> None:
    assert _uses("validate.yml") == ["actions/checkout", "actions/setup-python"]
    install, validate, install_idlibstats, annotate = _runs("validate.yml")
    assert install == f"python -m pip install frictionless=={_locked('frictionless')}"
    assert validate == COMMAND
    # idlibstats from the hashed lock, then the checkout itself, built by the locked hatchling
    assert install_idlibstats == ("python -m pip install --require-hashes -r requirements.lock"
                                  " -c requirements.lock"
                                  " && python -m pip install --no-deps --no-build-isolation .")
    assert annotate == IDLIBSTATS_COMMAND


def test_the_idlibstats_step_passes_the_package_and_annotates_a_broken_copy(
        package_copy: Path) -> None:
    done = _run_step(_runs("validate.yml")[-1], ROOT)
    assert (done.returncode, done.stdout) == (0, ""), done.stderr
    set_cell(FIGURES, 8, "period_start", "2019-12-31")(package_copy)
    restamp_package(package_copy)
    done = _run_step(_runs("validate.yml")[-1], package_copy)
    assert done.returncode == 1
    lines = done.stdout.splitlines()  # two rules broken in row 8: one annotation each
    assert len(lines) == 2 and all(line.startswith(
        "::error file=data/figures.csv,line=8,title=row-constraint::data/figures.csv, row 8, "
        "fields ") for line in lines), lines


def test_the_command_is_the_documented_one() -> None:
    assert f"`{COMMAND}`" in (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"\t$(BIN)/{COMMAND}\n" in makefile
    # One command covers every checklist: a second file would be silently skipped by it.
    assert [p.name for p in (ROOT / "checks").glob("*.json")] == ["figures.json"]


def test_the_workflow_command_passes_the_package() -> None:
    done = _run_step(_runs("validate.yml")[1], ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "INVALID" not in done.stdout
    tables = len(json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))[
        "resources"])
    assert done.stdout.count("VALID") == tables  # every table, not only figures


def test_the_workflow_command_catches_end_before_start(package_copy: Path) -> None:
    set_cell(FIGURES, 8, "period_start", "2019-12-31")(package_copy)
    restamp_package(package_copy)
    done = _run_installed_step(_runs("validate.yml")[1], package_copy)
    assert done.returncode == 1
    assert "row-constraint" in done.stdout and "INVALID" in done.stdout
    report = json.loads(_run_step(COMMAND + " --json", package_copy).stdout)
    bad = {task["name"]: task["errors"] for task in report["tasks"] if not task["valid"]}
    assert list(bad) == ["figures"]
    # the start after the end also puts claimed_on before the start: two rules, one row
    assert {(e["type"], e["rowNumber"]) for e in bad["figures"]} == {("row-constraint", 8)}
    assert any("period_end >= period_start" in e["message"] for e in bad["figures"])


def test_every_row_rule_lets_tables_without_its_columns_pass() -> None:
    """frictionless 5.21 reads a column a table lacks as None while validating it."""
    for path in (ROOT / "checks").glob("*.json"):
        schema = next(r for r in json.loads((ROOT / "datapackage.json").read_text(
            encoding="utf-8"))["resources"] if r["name"] == path.stem)["schema"]
        types = {f["name"]: f.get("type", "string") for f in schema["fields"]}
        for checked in load_checklist(path, types):
            formula, names = checked.text, dict.fromkeys(checked.names)
            assert simpleeval.EvalWithCompoundTypes(names=names).eval(formula), (
                f"{path.name}: `{formula}` fails on a table without {', '.join(names)}: "
                "start it with `NAME is None or ...` for each column it reads")


def test_test_workflow_runs_make_test() -> None:
    assert _uses("test.yml") == ["actions/checkout", "actions/setup-python"]
    (run,) = _runs("test.yml")
    argv = shlex.split(run)
    assert argv[0] == "make" and argv[-1] == "test"
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["validate.yml", "test.yml"])
def test_workflows_run_on_push_and_pull_request(name: str) -> None:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert {"push", "pull_request"} <= set(triggers)
