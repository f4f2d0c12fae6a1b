"""The English built-in rules read as phrases: parts far apart in one sentence, negations, word classes."""

from __future__ import annotations

import pytest

from linter import lint_text


def rules(text: str) -> set[str]:
    return {f.rule for f in lint_text(text, lang="en").findings}


def has_part(text: str, part: str) -> bool:
    return lint_text(text, lang="en").anatomy[part]


def test_we_and_met_far_apart_in_one_sentence_is_a_connection() -> None:
    text = ("Hi Olga,\n\nwe and the two people from my old platform team, who still argue about "
            "monorepos whenever they get the chance, met briefly at the late-night session of the Leeds "
            "infrastructure meetup in October.\n\nBest,\nTom")
    assert has_part(text, "connection")
    assert "no-connection" not in rules(text)


def test_we_and_met_in_different_sentences_is_no_connection() -> None:
    text = "Hi Olga, we are a small agency. Many of our clients met the new rules early. Best, Tom"
    assert not has_part(text, "connection")


@pytest.mark.parametrize("text", [
    "Hi Olga, although we've never met, I'd like to ask about your migration plan. Best, Tom",
    "Hi Olga, we have not spoken before, but I would value your view on monorepos. Best, Tom",
    "Hi Olga, we haven't met yet, so a short note on who I am. Best, Tom",
])
def test_a_negated_meeting_is_no_connection(text: str) -> None:
    assert not has_part(text, "connection")
    assert "no-connection" in rules(text)


@pytest.mark.parametrize("text", [
    "Hi Olga, our team met every deadline of the audit last year. Best, Tom",
    "Hi Olga, last week we spoke with our customers about the outage. Best, Tom",
])
def test_meeting_a_deadline_or_other_people_is_no_connection(text: str) -> None:
    assert not has_part(text, "connection")


@pytest.mark.parametrize("text", [
    "Hi Olga, Ravi from the platform guild pointed me to you about build caches.",
    "Hi Olga, I've met you once, at the Leeds infrastructure meetup.",
    "Hi Olga, I finally read your long article on build caches from the spring.",
    "Hi Olga, thanks again for the tips after your session in Bristol.",
])
def test_connections_in_other_phrasings(text: str) -> None:
    assert has_part(text, "connection"), text


def test_contractions_with_either_apostrophe_are_one_class() -> None:
    straight = "Hi Olga, I'd be happy to share our notes on build caches."
    curly = "Hi Olga, I’d be happy to share our notes on build caches."
    assert has_part(straight, "offer") and has_part(curly, "offer")


def test_a_greeting_needs_a_name_not_a_group() -> None:
    assert has_part("Hey K,\nthanks for the intro.", "greeting")
    assert not has_part("Hi there,\nthanks for the intro.", "greeting")
    assert not has_part("Dear Sir or Madam,\nthanks for the intro.", "greeting")
