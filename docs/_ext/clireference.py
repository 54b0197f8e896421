"""The command line reference as Markdown, generated from ``idlibstats``'s argparse parser.

Each command's section is its ``--help`` text as argparse prints it, so the page cannot
drift from the code.
"""

from __future__ import annotations

import argparse
import os
from unittest import mock

from idlibstats import cli

__all__ = ["cli_markdown"]

#: Width of the help texts (argparse reads it from ``COLUMNS``), so the page is stable.
WIDTH = 88


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps its subcommands only here
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _helps(parser: argparse.ArgumentParser) -> dict[str, str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {choice.dest: choice.help or "" for choice in action._choices_actions}
    return {}


def cli_markdown() -> str:
    """Return one section per command: its one-line summary and its ``--help`` text.

    Returns
    -------
    str
        MyST Markdown: ``idlibstats --help``, then ``idlibstats COMMAND --help`` for every
        command, in the parser's order.
    """
    with mock.patch.dict(os.environ, {"COLUMNS": str(WIDTH)}):
        parser = cli._parser()
        lines = ["## `idlibstats`", "", "```text", parser.format_help().rstrip(), "```", ""]
        helps = _helps(parser)
        for name, sub in _subcommands(parser).items():
            summary = helps.get(name, "")
            lines += [f"## `idlibstats {name}`", "", f"{summary[:1].upper()}{summary[1:]}.", "",
                      "```text", sub.format_help().rstrip(), "```", ""]
    return "\n".join(lines)
