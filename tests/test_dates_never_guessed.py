"""Publication dates are validated wherever they enter, and never guessed: relative
expressions resolve against the publication date only, never the computer's clock."""
from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from saywho.dates import resolve_date
from saywho.errors import InputError
from saywho.model import Article
from saywho.readers import read_inputs
from saywho.readers.core import article_from_text

TEXT = "The mayor said on Monday that the plan was sound. \"It will work,\" she said."


@pytest.mark.parametrize("given,want", [
    ("2025-01-27", "2025-01-27"),
    ("2025-01-27T09:30:00+00:00", "2025-01-27T09:30:00+00:00"),
    ("27 January 2025", "2025-01-27"),
    ("Jan 27, 2025", "2025-01-27"),
    ("2025/01/27", "2025-01-27"),
    ("27/01/2025", "2025-01-27"),
])
def test_unambiguous_dates_are_normalised(given: str, want: str) -> None:
    art = article_from_text(TEXT, "a", published=given)
    assert art.published == want
    if given != want:  # rewritten: a warning that names the input
        assert any(repr(given) in w for w in art.warnings)


@pytest.mark.parametrize("bad", ["03/04/2025", "next week", "soon", "March 2025", "2025-02-30"])
def test_ambiguous_or_unparseable_date_is_an_input_error(bad: str) -> None:
    with pytest.raises(InputError) as e:
        article_from_text(TEXT, "a", published=bad)
    assert repr(bad) in str(e.value) and "\n" not in str(e.value)
    from saywho.dates import normalise_published

    with pytest.raises(ValueError):
        normalise_published(bad)


def test_jsonl_bad_published_fails_that_article_only(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join(json.dumps(d) for d in [
        {"id": "x", "text": TEXT, "published": "03/04/2025"},
        {"id": "y", "text": TEXT, "published": "27/01/2025"},
    ]) + "\n", encoding="utf-8")
    items = list(read_inputs([str(p)]))
    errs = [i for i in items if isinstance(i, InputError)]
    arts = [i for i in items if isinstance(i, Article)]
    assert len(errs) == 1 and "03/04/2025" in str(errs[0])
    assert [(a.id, a.published) for a in arts] == [("y", "2025-01-27")]


def test_cli_published_option_is_validated(tmp_path: Path) -> None:
    from saywho.cli import main

    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    bad = CliRunner().invoke(main, ["extract", str(p), "--published", "03/04/2025", "--format", "jsonl"])
    assert bad.exit_code != 0 and "ambiguous" in bad.output


def test_relative_dates_without_publication_date_stay_unresolved() -> None:
    assert resolve_date("on Monday", None) is None
    assert resolve_date("last year", None) is None
    assert resolve_date("yesterday", "not a date") is None  # a bad base is no base, not "now"
    assert resolve_date("in March 2024", None) == ("2024-03", False)
    assert resolve_date("on Monday", "2025-01-29") == ("2025-01-27", False)


def test_relative_dates_never_read_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateparser.date

    real = dateparser.date.DateDataParser
    unbased: list[object] = []  # recorded, not raised: the resolver swallows parser errors

    class Guarded(real):  # type: ignore[misc, valid-type]
        def __init__(self, *a, settings=None, **kw):  # type: ignore[no-untyped-def]
            if not (settings and isinstance(settings.get("RELATIVE_BASE"), _dt.datetime)):
                unbased.append(settings)
            super().__init__(*a, settings=settings, **kw)

    monkeypatch.setattr(dateparser.date, "DateDataParser", Guarded)
    resolve_date.cache_clear()
    from saywho import dates

    dates._date_parser_cls.cache_clear()
    try:
        for expr in ("on Monday", "two weeks ago", "in 2019", "last June"):
            for base in (None, "2025-01-29"):
                resolve_date(expr, base)
        assert unbased == []
    finally:
        resolve_date.cache_clear()
        dates._date_parser_cls.cache_clear()


def test_embedded_post_date_is_not_the_publication_date(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("The minister wrote on Monday that talks went well.\n"
                 "Good talks today.\n— A Minister (@aminister) January 26, 2025\n"
                 "Officials said more meetings would follow.", encoding="utf-8")
    (art,) = [i for i in read_inputs([str(p)]) if isinstance(i, Article)]
    assert art.published is None and art.published_source is None


def test_extract_rejects_ambiguous_published() -> None:
    from saywho.pipeline import extract

    with pytest.raises(InputError):
        extract(TEXT, published="03/04/2025")
