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
