"""The check framework on its own: registration, what a failing check reports, which checks silence others."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from workbench.checkbase import EVERY_OTHER, Check, Problem, register_in
from workbench.model import Finding, Severity


def _fails(message: str) -> Check[str]:
    def function(subject: str) -> Iterator[Problem]:
        yield Problem("seen first", target_span=subject)
        raise ValueError(message)

    return Check("fails", Severity.WARNING, function)


def test_a_short_exception_is_quoted_whole_with_the_sentence() -> None:
    assert list(_fails("bad   input\nhere").run("draft", "「句子」")) == [
        Finding(check="fails", severity=Severity.WARNING, message="seen first", target_span="draft"),
        Finding(
            check="fails",
            severity=Severity.ERROR,
            message="the check failed on 「句子」 (ValueError: bad input here); "
            "this draft is not checked for it, report the sentence",
        ),
    ]


@pytest.mark.parametrize(
    ("length", "shown"),
    [
        (148, "ValueError: " + "x" * 148),  # 160 characters: one comment line, kept whole
        (149, "ValueError: " + "x" * 147 + "…"),  # one more: cut to 160 with an ellipsis
        (400, "ValueError: " + "x" * 147 + "…"),
    ],
)
def test_a_long_exception_is_cut_to_one_comment_line(length: int, shown: str) -> None:
    failure = _fails("x" * length).failure(ValueError("x" * length))
    assert (
        failure.message
        == f"the check failed ({shown}); this draft is not checked for it, report the sentence"
    )
    assert len(shown) <= 160


def test_a_registered_check_is_described_by_its_docstrings_first_line_and_needs_a_draft() -> None:
    registry: dict[str, Check[str]] = {}

    @register_in(registry, "long-words", Severity.INFO)
    def long_words(subject: str) -> Iterator[Problem]:
        """Words longer than twenty letters.

        The press splits them.
        """
        yield from ()

    @register_in(registry, "blank", Severity.ERROR, needs_target=False, silences=[EVERY_OTHER])
    def blank(subject: str) -> Iterator[Problem]:
        yield from ()

    made = registry["long-words"]
    assert (made.description, made.needs_target, made.silences) == (
        "Words longer than twenty letters.",
        True,
        (),
    )
    assert (registry["blank"].description, registry["blank"].needs_target) == ("", False)
    assert registry["blank"].silenced(made) and not made.silenced(registry["blank"])
    assert not registry["blank"].silenced(registry["blank"])  # a check never silences itself
    assert Check("plain", Severity.INFO, long_words).needs_target


def test_a_check_silences_only_the_checks_it_names() -> None:
    def nothing(subject: str) -> Iterator[Problem]:
        yield from ()

    empty = Check("empty", Severity.ERROR, nothing, silences=("length-ratio",))
    ratio = Check("length-ratio", Severity.WARNING, nothing)
    other = Check("ticker-missing", Severity.ERROR, nothing)
    assert empty.silenced(ratio) and not empty.silenced(other) and not ratio.silenced(empty)


@pytest.mark.parametrize("name", ["Long-Words", "long words", "long_words"])
def test_a_check_name_is_kebab_case(name: str) -> None:
    with pytest.raises(ValueError, match="kebab-case"):
        register_in({}, name, Severity.INFO)(lambda subject: ())


def test_a_check_name_is_registered_once() -> None:
    registry: dict[str, Check[str]] = {}
    register_in(registry, "once", Severity.INFO)(lambda subject: ())
    with pytest.raises(ValueError, match="registered twice"):
        register_in(registry, "once", Severity.INFO)(lambda subject: ())
