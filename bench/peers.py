"""Peers measured in the same run as factdiff.

quantulum3 0.10.0's bundled classifier does not load with current scikit-learn (which factdiff
itself needs), and the published NewsQuant figures for quantulum3 were reproduced with it
installed *without* scikit-learn, so that it skips the classifier. It therefore runs in its own
virtual environment, made on first use under ``.bench/`` (or given with ``--quantulum-python`` or
``FACTDIFF_QUANTULUM_PYTHON``), and is driven through a subprocess that reads texts as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

QUANTULUM_VERSION = "0.10.0"
VENV_DIR = Path(__file__).resolve().parent / ".bench" / "quantulum-venv"

# Runs inside the peer's interpreter: times quantulum3 over the texts on one core and prints JSON.
_TIMING_SCRIPT = r"""
import json, sys, time
from quantulum3 import parser
texts = json.load(sys.stdin)
repeat = int(sys.argv[1])
parser.parse("warm up with 3 apples and 5 km")
start = time.process_time()
found = 0
for _ in range(repeat):
    for text in texts:
        found += len(parser.parse(text))
seconds = time.process_time() - start
print(json.dumps({"articles": repeat * len(texts), "seconds": seconds, "quantities": found}))
"""

# Runs inside the peer's interpreter: one JSON list of quantities per input text.
_PARSE_SCRIPT = r"""
import json, sys
from quantulum3 import parser
out = []
for text in json.load(sys.stdin):
    items = []
    for q in parser.parse(text):
        items.append({"value": q.value, "unit": q.unit.name, "surface": q.surface, "span": list(q.span),
                      "uncertainty": q.uncertainty})
    out.append(items)
print(json.dumps(out))
"""


def quantulum_python(explicit: str | None = None) -> str:
    """The interpreter that runs quantulum3, making its virtual environment when needed."""
    given = explicit or os.environ.get("FACTDIFF_QUANTULUM_PYTHON")
    if given:
        return given
    python = VENV_DIR / "bin" / "python"
    if not python.exists():
        print(f"making a virtual environment for quantulum3 {QUANTULUM_VERSION} in {VENV_DIR} ...", file=sys.stderr)
        venv.create(VENV_DIR, with_pip=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", f"quantulum3=={QUANTULUM_VERSION}"],
            check=True,
        )
    return str(python)


def _run(python: str, script: str, texts: list[str], *args: str) -> str:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run(
        [python, "-c", script, *args],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "quantulum3 failed")
    return done.stdout


def quantulum_timing(texts: list[str], repeat: int, python: str | None = None) -> dict[str, float]:
    """Articles, CPU seconds and quantities found by quantulum3 over ``texts`` repeated."""
    return json.loads(_run(quantulum_python(python), _TIMING_SCRIPT, texts, str(repeat)))


def quantulum_parse(texts: list[str], python: str | None = None) -> list[list[dict]]:
    """quantulum3's quantities for each text."""
    return json.loads(_run(quantulum_python(python), _PARSE_SCRIPT, texts))
