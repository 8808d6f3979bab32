"""The trained pronoun ranker ships as plain weights, scored without a learning library."""
from __future__ import annotations

import json
import subprocess
import sys

from saywho.pipeline import extract
from saywho.speakers import ranker


def test_weights_ship_and_load() -> None:
    model = ranker.load_weights()
    assert model is not None
    assert set(model) >= {"bias", "weights", "threshold"}
    assert 0.0 < model["threshold"] < 1.0
    assert all(isinstance(v, float) for v in model["weights"].values())


def test_score_is_the_logistic_of_the_weighted_sum() -> None:
    model = {"bias": -1.0, "weights": {"a": 2.0, "b": -0.5}}
    assert abs(ranker.score(model, {"a": 1.0, "b": 2.0, "unknown": 5.0}) - 0.5) < 1e-9


def test_runtime_needs_no_sklearn() -> None:
    code = ("import sys; import saywho.speakers.ranker, saywho.pipeline; "
            "saywho.pipeline.extract('Tom met Ann. She said: \"Hello there.\"'); print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[-1] == "False"


def test_pronoun_goes_to_a_person_of_its_gender() -> None:
    art = extract('Tom Baker met Ann Lewis in Leeds. She said: "It went well."', id="t")
    assert art.quotes[0].speaker is not None and art.quotes[0].speaker.name == "Ann Lewis"
    assert json.loads(ranker.WEIGHTS.read_text())["weights"]


def _parse(text: str):  # noqa: ANN202 - a spaCy Doc
    from saywho import nlp

    return next(iter(nlp.parse_many([text])))


def test_path_length_counts_arcs_between_tokens_of_a_sentence() -> None:
    doc = _parse("Maria Lopez thanked the coach for his patience.")
    pron = next(t for t in doc if t.lower_ == "his")
    subj = next(t for t in doc if t.text == "Lopez")
    assert ranker._path_length(pron, pron) == 0
    # Lopez -> thanked <- for <- patience <- his (the exact arcs depend on the parse)
    assert 2 <= ranker._path_length(subj, pron) <= 5
    assert ranker._path_length(subj, pron) == ranker._path_length(pron, subj)


def test_mention_context_tells_a_by_object_from_the_main_subject() -> None:
    doc = _parse("The award was presented by Tom Baker to Paul Reed, and he smiled.")
    pron = next(t for t in doc if t.lower_ == "he")
    by_obj = next(t for t in doc if t.text == "Baker")
    f = ranker._mention_context(by_obj, pron, ranker._role(by_obj), 0)
    assert f.get("prep_by") == 1.0 and f["main_subj"] == 0.0
    assert f[f"rr_{ranker._role(by_obj)}_{ranker._role(pron)}"] == 1.0
    doc = _parse("Anna Bell won the race. She was happy.")
    pron = next(t for t in doc if t.lower_ == "she")
    subj = next(t for t in doc if t.text == "Bell")
    f = ranker._mention_context(subj, pron, ranker._role(subj), 1)
    assert f["main_subj"] == 1.0 and f["sent_first"] == 1.0 and "path_0" not in f


def test_the_latest_subject_is_marked_among_the_candidates() -> None:
    from saywho.speakers import resolve_with_lookup
    from saywho.quotes import find_quotes
    from saywho.readers import article_from_text

    text = "Tom Baker met Paul Reed in Leeds. Later Paul Reed visited Tom Baker. He was tired."
    art = article_from_text(text, "t", check_language=False)
    doc = _parse(art.text)
    _, lookup = resolve_with_lookup(doc, find_quotes(doc, art.skipped), art)
    r = lookup._resolver
    pron = next(t for t in doc if t.text == "He")
    feats = {ent.name: f for ent, f in ranker.all_pairs(r, pron, "male", None, None)}
    assert feats["Paul Reed"]["subj_latest"] == 1.0
    assert feats["Tom Baker"]["subj_latest"] == 0.0
