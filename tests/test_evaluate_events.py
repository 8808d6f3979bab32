"""The engagement scorer's matching rules (scripts/evaluate_events.py) on tiny
hand-made gold/prediction files: type, participant overlap, date granularity,
one-to-one matching and which articles are scored."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "evaluate_events.py"
_spec = importlib.util.spec_from_file_location("evaluate_events", SCRIPT)
assert _spec and _spec.loader
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)


def E(type_: str, parts: list[Any], date: str | None = None, **kw: Any) -> dict[str, Any]:
    """A minimal event."""
    return {"type": type_, "participants": parts, "date": date, **kw}


def run(gold_events: list[dict[str, Any]], pred_events: list[dict[str, Any]]) -> dict[str, Any]:
    """Score one article."""
    return ev.score({"a": {"id": "a", "events": gold_events}}, {"a": {"id": "a", "events": pred_events}})


def totals(result: dict[str, Any]) -> tuple[int, int, int]:
    """(matched, predicted, gold) over all types."""
    return sum(result["tp"].values()), sum(result["pred"].values()), sum(result["gold"].values())


def test_type_must_match() -> None:
    r = run([E("call", ["Hillary Clinton", "Alicia Machado"])], [E("meeting", ["Hillary Clinton", "Alicia Machado"])])
    assert totals(r) == (0, 1, 1)


def test_other_never_matches() -> None:
    r = run([E("meeting", ["Barack Obama", "Xi Jinping"])], [E("other", ["Barack Obama", "Xi Jinping"])])
    assert totals(r) == (0, 1, 1)
    assert r["pred"]["other"] == 1


def test_one_shared_participant_is_enough() -> None:
    r = run([E("meeting", ["Barack Obama", "Xi Jinping"])], [E("meeting", ["Mr. Xi", "Chinese officials"])])
    assert totals(r) == (1, 1, 1)


def test_no_shared_participant_is_a_miss() -> None:
    r = run([E("meeting", ["Barack Obama", "Xi Jinping"])], [E("meeting", ["Vladimir Putin"])])
    assert totals(r) == (0, 1, 1)


@pytest.mark.parametrize("a,b,same", [
    ("Trump", "Donald Trump", True),
    ("President Barack Obama", "Barack Obama", True),
    ("Enrique Pena Nieto", "Enrique Peña Nieto", True),     # accents stripped
    ("DONALD J. TRUMP", "Donald Trump", True),                # case, middle initial
    ("Bill Clinton", "Hillary Clinton", False),               # same surname, different person
    ("Clinton", "Hillary Clinton", True),                     # surname-only matches
    ("the FBI", "FBI", True),
])
def test_name_normalisation(a: str, b: str, same: bool) -> None:
    assert ev.names_match(ev.normalise_name(a), ev.normalise_name(b)) is same


def test_participant_objects_are_accepted() -> None:
    r = run([E("call", ["Hillary Clinton"])], [E("call", [{"name": "Clinton", "role": "caller"}])])
    assert totals(r) == (1, 1, 1)


@pytest.mark.parametrize("gold,pred,ok", [
    ("2016-09-30", "2016-09-30", True),
    ("2016-09", "2016-09-30", True),      # shared granularity: month
    ("2016-09-30", "2016-09", True),
    ("2016", "2016-07-01", True),
    ("2016-09-30", "2016-09-29", False),
    ("2016-09", "2016-10-01", False),
    (None, "2016-09-30", True),           # gold null agrees with any date
    (None, None, True),
    ("2016-09-30", None, False),          # predicted null loses a stated date
])
def test_date_granularity(gold: str | None, pred: str | None, ok: bool) -> None:
    r = run([E("visit", ["Jill Stein"], gold)], [E("visit", ["Jill Stein"], pred)])
    assert totals(r)[0] == (1 if ok else 0)


def test_one_to_one() -> None:
    # Two predictions of the same call: one matches, the other is a false positive.
    r = run([E("call", ["Hillary Clinton", "Alicia Machado"], "2016-09-30")],
            [E("call", ["Clinton", "Machado"], "2016-09-30"), E("call", ["Hillary Clinton"], "2016-09-30")])
    assert totals(r) == (1, 2, 1)


def test_greedy_prefers_the_better_pair() -> None:
    # Pred 0 could match either gold event; it should go to the one sharing more
    # participants so that pred 1 can still match the other.
    gold = [E("meeting", ["Barack Obama", "Xi Jinping"], "2013-06"), E("meeting", ["Barack Obama", "Pacific Island leaders"])]
    pred = [E("meeting", ["Barack Obama", "Xi Jinping"], "2013-06"), E("meeting", ["Obama"], "2016-09")]
    r = run(gold, pred)
    assert totals(r) == (2, 2, 2)


def test_exact_date_breaks_ties() -> None:
    gold = [E("meeting", ["Barack Obama", "Xi Jinping"], "2014-11-11"), E("meeting", ["Barack Obama", "Xi Jinping"], None)]
    pred = [E("meeting", ["Obama", "Xi"], "2014-11-11"), E("meeting", ["Obama", "Xi"], "2016-09-04")]
    assert ev.match_article(gold, pred) == [(0, 0), (1, 1)]


def test_only_gold_articles_are_scored(tmp_path: Path) -> None:
    gold = [{"id": "g1", "events": [E("visit", ["Ban Ki-moon"], None, evidence=[[10, 20]])]},
            {"id": "g2", "events": []}]
    pred = [{"id": "g1", "events": [E("visit", ["Ban Ki-moon"], "2016-09-20")]},
            {"id": "g2", "events": [E("message", ["Ted Cruz", "Donald Trump"])]},
            {"id": "other", "events": [E("call", ["X"]) for _ in range(5)]}]
    gp, pp = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gp.write_text("".join(json.dumps(x) + "\n" for x in gold))
    pp.write_text("".join(json.dumps(x) + "\n" for x in pred))
    out = subprocess.run([sys.executable, str(SCRIPT), str(gp), str(pp), "--misses"],
                         capture_output=True, text=True, check=True).stdout
    assert "| **all** | 1 | 2 | 1 | 0.500 | 1.000 | 0.667 |" in out
    assert "| call |" not in out                       # the ignored article's calls are not counted
    assert "pred\tg2\tmessage\tTed Cruz; Donald Trump" in out
    assert "ignored (not in gold): 1" in out


def test_missing_prediction_line_counts_as_no_events() -> None:
    r = ev.score({"a": {"id": "a", "events": [E("call", ["A B"])]}}, {})
    assert totals(r) == (0, 0, 1)
