"""``import saywho`` and ``saywho --help`` load no heavy library (spaCy, pandas,
matplotlib, Dask, SQLAlchemy, pyarrow): each runs in a fresh interpreter."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("spacy", "thinc", "pandas", "matplotlib", "dask", "distributed", "sqlalchemy", "pyarrow", "trafilatura")
ROOT = Path(__file__).resolve().parent.parent

REPORT = ("import json, sys; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & set(%r))))"
          % (HEAVY,))


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_import_saywho_is_light() -> None:
    p = subprocess.run([sys.executable, "-c", f"import saywho, saywho.model, saywho.errors; {REPORT}"],
                       capture_output=True, text=True, env=_env(), timeout=120)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == []


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["ingest", "--help"]])
def test_help_is_light(args: list[str]) -> None:
    code = ("import sys, runpy; sys.argv = ['saywho', *%r]\n"
            "try:\n    runpy.run_module('saywho.cli', run_name='__main__')\n"
            "except SystemExit as e:\n    assert not e.code, e.code\n" % (args,)) + REPORT
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=120)
    assert p.returncode == 0, p.stderr
    assert "Usage:" in p.stdout
    assert json.loads(p.stdout.splitlines()[-1]) == []


def test_python_m_saywho_cli_runs() -> None:
    p = subprocess.run([sys.executable, "-m", "saywho.cli", "--version"], capture_output=True, text=True,
                       env=_env(), timeout=120)
    assert p.returncode == 0 and "saywho" in p.stdout, p.stderr


def test_the_public_api_loads_on_use() -> None:
    import saywho

    assert saywho.Article.__module__ == "saywho.model" and callable(saywho.extract)
    assert saywho.Store.__name__ == "Store"
    with pytest.raises(AttributeError):
        saywho.no_such_name  # noqa: B018
