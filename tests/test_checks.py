"""The check family's contract, and the checks on the draft as text."""

from __future__ import annotations

import pytest

from workbench.checks import REGISTRY, Problem, check, run_checks
from workbench.checks.base import Context
from workbench.checks.text import repeated_run
from workbench.model import Severity

SOURCE = "商湯的股價在公告後的兩天基本保持不變,市場反應平淡。"
GOOD = "SenseTime's share price was largely unchanged in the two days after the announcement."


def names(findings: tuple[object, ...]) -> list[str]:
    return [f.check for f in findings]  # type: ignore[attr-defined]


def test_every_check_has_a_kebab_case_name_a_severity_and_a_description() -> None:
    assert len(REGISTRY) >= 15
    for name, item in REGISTRY.items():
        assert name == item.name
        assert name.replace("-", "").isalpha() and name == name.lower()
        assert isinstance(item.severity, Severity)
        assert item.description, f"{name} has no docstring"


def test_registering_a_name_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        check("empty", Severity.ERROR)(lambda context: iter(()))


def test_a_check_name_that_is_not_kebab_case_is_refused() -> None:
    with pytest.raises(ValueError, match="kebab-case"):
        check("Leftover_Chinese", Severity.ERROR)(lambda context: iter(()))


def test_unknown_check_names_in_only_or_skip_are_an_error_not_a_silent_no_op() -> None:
    with pytest.raises(ValueError, match="unknown check 'leftover-chines'"):
        run_checks(SOURCE, GOOD, only=["leftover-chines"])
    with pytest.raises(ValueError, match="unknown check"):
        run_checks(SOURCE, GOOD, skip=["nope"])


def test_findings_carry_the_registered_name_and_severity() -> None:
    findings = run_checks(SOURCE, "SenseTime 股價 unchanged.", only=["leftover-chinese"])
    assert [(f.check, f.severity) for f in findings] == [("leftover-chinese", Severity.ERROR)]


def test_a_problem_may_override_the_default_severity() -> None:
    def downgrade(context: Context) -> list[Problem]:
        return [Problem("soft", severity=Severity.WARNING)]

    check("test-downgrade", Severity.ERROR)(downgrade)
    try:
        (finding,) = run_checks(SOURCE, GOOD, only=["test-downgrade"])
        assert finding.severity is Severity.WARNING
    finally:
        del REGISTRY["test-downgrade"]


def test_a_good_plain_sentence_has_no_findings() -> None:
    assert run_checks(SOURCE, GOOD) == ()


def test_leftover_chinese_characters_are_an_error_naming_them() -> None:
    (finding,) = run_checks(
        SOURCE, "商湯's share price was unchanged after the announcement.", only=["leftover-chinese"]
    )
    assert finding.severity is Severity.ERROR
    assert "商湯" in finding.message


@pytest.mark.parametrize("punct", ["，", "。", "「", "）", "：", "\u3000"])
def test_full_width_punctuation_is_leftover_chinese(punct: str) -> None:
    draft = f"SenseTime's share price was unchanged{punct} after the announcement."
    assert names(run_checks(SOURCE, draft, only=["leftover-chinese"])) == ["leftover-chinese"]


def test_ascii_punctuation_and_currency_signs_are_not_leftover_chinese() -> None:
    draft = 'It raised HK$5.78 billion (US$740 million) - "a record", it said; shares rose 14%.'
    assert run_checks(SOURCE, draft, only=["leftover-chinese"]) == ()


def test_an_empty_draft_is_one_error_and_nothing_else() -> None:
    findings = run_checks(SOURCE, "   ")
    assert [(f.check, f.severity) for f in findings] == [("empty", Severity.ERROR)]


def test_a_draft_identical_to_the_source_is_one_unchanged_error_and_nothing_else() -> None:
    # Leftover Chinese and a short length are what a copy is; saying them too would bury the one fix.
    findings = run_checks(SOURCE, SOURCE)
    assert [(f.check, f.severity) for f in findings] == [("unchanged", Severity.ERROR)]


def test_a_latin_source_kept_as_is_is_not_unchanged() -> None:
    assert run_checks("GenAI", "GenAI", only=["unchanged"]) == ()


@pytest.mark.parametrize(
    "draft",
    [
        "The company said said said it would grow.",
        "SenseTime is a leader in the field of the field of the field of the field of AI.",
        "It will focus on generative AI and cloud, generative AI and cloud.",
    ],
)
def test_decoding_loops_are_repetition_warnings(draft: str) -> None:
    (finding,) = run_checks(SOURCE, draft, only=["repetition"])
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize(
    "draft",
    [
        "The firm had had a difficult year.",
        "Shares rose... and then fell... and then rose.",
        "It is a very, very large market, and a market of markets.",
    ],
)
def test_ordinary_repeats_are_not_loops(draft: str) -> None:
    assert repeated_run(draft) is None


def test_a_draft_far_too_short_for_its_source_is_a_length_warning() -> None:
    (finding,) = run_checks(SOURCE, "Shares.", only=["length-ratio"])
    assert finding.severity is Severity.WARNING
    assert "missing" in finding.message


def test_a_draft_far_too_long_for_its_source_is_a_length_warning() -> None:
    draft = GOOD + " " + "Investors were told a long story about many other things besides. " * 4
    (finding,) = run_checks(SOURCE, draft, only=["length-ratio"])
    assert "add or repeat" in finding.message


def test_short_sources_such_as_headings_are_not_judged_on_length() -> None:
    assert (
        run_checks(
            "重點:", "Highlights of the restructuring plan announced by the company:", only=["length-ratio"]
        )
        == ()
    )
