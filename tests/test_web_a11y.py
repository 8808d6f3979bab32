"""Accessibility in the browser: axe-core (the copy pinned with axe-playwright-python,
never a CDN) finds no serious or critical violation on the search, article and person
pages over the seed articles.

Same set-up as tests/test_web_browser.py (Debian's Chromium through Playwright; in CI
a missing browser fails instead of skipping).
"""
from __future__ import annotations

from typing import Any

import pytest

from test_web_browser import _unavailable, browser, page, server, store_url  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

SERIOUS = ("serious", "critical")


def _axe() -> Any:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _unavailable("axe-playwright-python is not installed (pip install -e '.[dev]')")
    return Axe()


def _serious(pg: Any, axe: Any) -> list[str]:
    res = axe.run(pg)
    out = []
    for v in res.response["violations"]:
        if v.get("impact") in SERIOUS:
            where = "; ".join(" ".join(n.get("target", [])) for n in v.get("nodes", [])[:5])
            out.append(f"{v['id']} ({v['impact']}): {v['help']} at {where}")
    return out


def _pages(store_url: str) -> list[str]:  # noqa: F811 - the fixture's value
    from saywho.store import Store

    st = Store(store_url)
    try:
        arts = st.articles(limit=5)
        people = st.people(top=1)
    finally:
        st.close()
    assert arts and people
    return ["/", "/?q=Cleverly", "/?outlet=&type=direct&kind=person", f"/articles/{arts[0].hash}",
            "/person?name=" + people[0].name.replace(" ", "+"), "/timeline?person=" + people[0].name.replace(" ", "+"),
            "/statements", "/corroboration", "/report"]


def test_no_serious_accessibility_violations(page: Any, server: str, store_url: str) -> None:  # noqa: F811
    axe = _axe()
    found: dict[str, list[str]] = {}
    for path in _pages(store_url):
        page.goto(server + path)
        page.wait_for_selector("main")
        bad = _serious(page, axe)
        if bad:
            found[path] = bad
    assert found == {}, found
    assert page.errors == []


def test_axe_comes_from_the_pinned_package() -> None:
    from pathlib import Path

    axe = _axe()
    import axe_playwright_python

    bundled = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    assert axe.axe_script == bundled.read_text()
    assert "axe" in axe.axe_script[:500].lower()
