"""The README's worked example: every number in it is what the code returns."""

from __future__ import annotations

import doctest
import re

from conftest import ROOT


def _worked_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Worked example", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) >= 3, "the worked example lost its code blocks"
    return "\n".join(blocks)


def test_readme_worked_example_runs_as_written():
    source = _worked_example()
    test = doctest.DocTestParser().get_doctest(source, {}, "README worked example", "README",
                                               0)
    assert len(test.examples) >= 15
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) of the README differ from the code"


def test_readme_states_the_monthly_sum_the_code_gives():
    import idlibstats

    total = int(idlibstats.monthly_table()["killed_min"].sum())
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"sums, over 2019, to **{total}**: a floor" in text
