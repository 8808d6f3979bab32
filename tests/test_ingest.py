"""Readers of every input kind, on inputs written for the tests: metadata, dates,
language, duplicates, sniffing, URLs from a local server, and bad inputs (each one
clear line naming the input and the reason; the batch goes on)."""
from __future__ import annotations

import gzip
import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from saywho.errors import InputError
from saywho.readers import read_inputs, sniff
from saywho.readers.dates import text_date
from saywho.model import Article

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "fixtures" / "ingest"))
import build  # noqa: E402

BODY = (
    "The health secretary announced a new plan for hospital waiting lists on Wednesday. "
    "Officials said the money would be spent over three years on extra staff and scanners.\n"
    "“We are determined to bring waiting times down,” the health secretary told reporters.\n"
    "Opposition MPs said the plan did not go far enough and called for a full inquiry into delays.\n"
)
ARTICLE = {"id": "health-plan", "text": BODY, "published": "2023-05-10", "outlet": "Example Gazette"}


def page(**kw) -> str:
    return build.page({**ARTICLE, **kw})


def read(*paths, **kw) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], **kw))


def only_article(items) -> Article:
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) == 1, items
    return arts[0]


def test_html_page_metadata_and_text(tmp_path: Path) -> None:
    p = tmp_path / "story.html"
    p.write_text(page(), encoding="utf-8")
    art = only_article(read(p))
    assert art.text.strip() == BODY.strip()
    assert (art.id, art.published, art.published_source) == ("story", "2023-05-10", "metadata")
    assert art.outlet == "Example Gazette" and art.author == "Jane Reporter"
    assert art.url == "https://news.example.org/politics/health-plan"
    assert art.title and art.title.startswith("The health secretary")


@pytest.mark.parametrize("text,published,want", [
    ("LONDON, March 4, 2024 (Reuters) - Ministers met on Monday.", None, ("2024-03-04", "dateline")),
    ("Published: 12 June 2022\nThe mayor said the plan was sound.", None, ("2022-06-12", "dateline")),
    ("Good talks today.\n— A Minister (@aminister) February 2, 2021\nMore later.", None, (None, None)),
    ("The mayor said the plan was sound.", "2020-01-01", ("2020-01-01", "option")),
    ("The mayor said the plan was sound.", None, (None, None)),
])
def test_publication_date_and_its_source(tmp_path: Path, text: str, published, want) -> None:
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    art = only_article(read(p, published=published))
    assert (art.published, art.published_source) == want


def test_text_date_needs_a_year() -> None:
    assert text_date("LONDON, March 4 (Reuters) - Ministers met.") is None


def test_jsonl_own_date_wins_over_option(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text('{"id": "x", "text": "The mayor said the plan was sound.", "published": "2019-09-09"}\n')
    art = only_article(read(p, published="2020-01-01"))
    assert (art.published, art.published_source) == ("2019-09-09", "given")


def test_non_english_article_is_skipped_with_reason(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(
        "Le président de la République a déclaré mercredi que le gouvernement présenterait un nouveau "
        "projet de loi sur les retraites avant la fin de l'année. Les syndicats ont aussitôt dénoncé une "
        "réforme injuste et appelé à une journée de grève nationale la semaine prochaine.", encoding="utf-8")
    (tmp_path / "en.txt").write_text(BODY, encoding="utf-8")
    items = read(tmp_path)
    (err,) = [i for i in items if isinstance(i, InputError)]
    assert "fr.txt" in str(err) and "language 'fr', not English" in str(err)
    assert only_article(items).language == "en"


def test_identical_articles_are_processed_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.html").write_text(page(), encoding="utf-8")  # same text once extracted
    (tmp_path / "c.txt").write_text(BODY + "\nA later line about something else entirely was added.", encoding="utf-8")
    items = read(tmp_path)
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in arts] == ["a", "c"]
    assert any("same text as a" in w for w in arts[1].warnings)
    assert arts[0].hash != arts[1].hash


def test_warc_reads_html_responses_and_counts_the_rest(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(build.warc_gz([("https://news.example.org/a", "2023-05-11T08:00:00Z", page()),
                                 ("https://news.example.org/b", "2023-05-12T08:00:00Z",
                                  page(text=BODY.replace("Wednesday", "Thursday")))]))
    arts = [i for i in read(p)]
    assert all(isinstance(a, Article) for a in arts)
    assert [a.url for a in arts] == ["https://news.example.org/a", "https://news.example.org/b"]
    assert arts[0].published == "2023-05-10"  # the page's own date beats the capture date
    assert any("non-article record(s) skipped" in w and "request 2" in w for w in arts[-1].warnings)


def test_warc_capture_date_when_page_has_none(tmp_path: Path) -> None:
    bare = f"<html><body><article>{''.join(f'<p>{x}</p>' for x in BODY.splitlines())}</article></body></html>"
    p = tmp_path / "c.warc.gz"
    p.write_bytes(build.warc_gz([("https://x.example/1", "2021-07-01T10:00:00Z", bare)]))
    art = only_article(read(p))
    assert (art.published, art.published_source) == ("2021-07-01", "capture")


def test_feed_full_entries_and_summary_only_reported(tmp_path: Path) -> None:
    p = tmp_path / "news.rss"
    p.write_text(build.rss([ARTICLE], [{"title": "Teaser", "link": "https://x.example/t", "summary": "Short."}]))
    art = only_article(read(p))
    assert art.text.strip() == BODY.strip()
    assert (art.published, art.published_source, art.title[:3]) == ("2023-05-10", "feed", "The")
    assert any("'Teaser' has only a summary" in w for w in art.warnings)


def test_feed_with_only_summaries_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "teasers.rss"
    p.write_text(build.rss([], [{"title": "Teaser", "link": "https://x.example/t", "summary": "Short."}]))
    (err,) = read(p)
    assert isinstance(err, InputError) and "no entry with full content" in str(err) and "Teaser" in str(err)


def test_atom_feed(tmp_path: Path) -> None:
    paras = "".join(f"&lt;p&gt;{x}&lt;/p&gt;" for x in BODY.splitlines())
    p = tmp_path / "a.atom"
    p.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        '<id>urn:x</id><updated>2023-05-10T00:00:00Z</updated><entry><title>Plan</title><id>urn:1</id>'
        '<link href="https://x.example/1"/><updated>2023-05-10T09:00:00Z</updated>'
        f'<content type="html">{paras}</content></entry></feed>', encoding="utf-8")
    art = only_article(read(p))
    assert art.text.strip() == BODY.strip() and art.url == "https://x.example/1"


@pytest.mark.parametrize("data,kind", [
    (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
    (gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n", mtime=0), "warc"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel>', "feed"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    (b"<!DOCTYPE html><html><head>", "html"),
    (b'{"id": "a", "text": "x"}\n', "jsonl"),
    (b"Plain words of a story.", "text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", None),
])
def test_sniff(data: bytes, kind) -> None:
    assert sniff(data) == kind


def test_directory_walk_takes_kind_from_extension_or_content(tmp_path: Path) -> None:
    (tmp_path / "page").write_text(page(), encoding="utf-8")  # no extension: sniffed as HTML
    (tmp_path / "notes.md").write_text("# not an article\n")  # unknown text file in a directory: left alone
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    art = only_article(read(tmp_path))
    assert art.outlet == "Example Gazette"


# ---------------------------------------------------------------- bad input

def _bad_inputs(tmp: Path) -> list[tuple[Path, str]]:
    full = page().encode()
    warc = build.warc_gz([("https://x.example/1", "2023-05-11T08:00:00Z", page())] * 3)
    cases = {
        "binary.html": (b"\x00\x01\x02\xff" * 500, "binary data, not an HTML page"),
        "empty.html": (b"   \n", "empty page"),
        "nav-only.html": (b"<html><body><nav><a href='/'>Home</a></nav><footer>(c) Site</footer></body></html>",
                          "no article text found"),
        "truncated.warc.gz": (warc[: len(warc) * 2 // 3], "truncated WARC"),
        "cut-in-a-page.warc.gz": (warc[: len(warc) // 2], "truncated WARC"),
        "broken.rss": (b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>A</title><description>x',
                       "malformed feed"),
        "huge.html": (full + b"<!--" + b"x" * 6_000_000 + b"-->", "too large"),
        "missing.txt": (None, "no such file or directory"),
    }
    out = []
    for name, (data, reason) in cases.items():
        if data is not None:
            (tmp / name).write_bytes(data)
        out.append((tmp / name, reason))
    return out


def test_each_bad_input_gets_one_clear_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path)
    good = tmp_path / "good.html"
    good.write_text(page(text=BODY.replace("Wednesday", "Friday")), encoding="utf-8")  # not a copy of the WARC's
    items = read(*(p for p, _ in bad), good)
    errors = [i for i in items if isinstance(i, InputError)]
    for path, reason in bad:
        mine = [e for e in errors if e.source.startswith(str(path))]
        assert mine, f"no error for {path.name}: {errors}"
        assert any(reason in e.reason for e in mine), (path.name, [str(e) for e in mine])
        assert all("\n" not in str(e) for e in mine)
    # the truncated WARC still gives the records before the cut, and the good page is read
    arts = [i for i in items if isinstance(i, Article)]
    assert any(a.source == str(good) for a in arts)


def test_truncated_html_is_read_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "cut.html"
    full = page()
    p.write_text(full[: full.index("</article>")], encoding="utf-8")
    art = only_article(read(p))
    assert "health secretary" in art.text
    assert any("looks truncated" in w for w in art.warnings)


def test_size_cap_is_configurable(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text(page(), encoding="utf-8")
    (err,) = read(p, max_bytes=1000)
    assert isinstance(err, InputError) and "too large" in err.reason and "limit 1,000" in err.reason


# ---------------------------------------------------------------- URLs, from a server on 127.0.0.1

@pytest.fixture(scope="module")
def server():
    pages = {"/story": (200, "text/html; charset=utf-8", page().encode()),
             "/feed": (200, "application/rss+xml", build.rss([ARTICLE]).encode()),
             "/big": (200, "text/html", page().encode() + b"<!--" + b"y" * 200_000 + b"-->"),
             "/gone": (404, "text/html", b"<html><body>Not found</body></html>")}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            status, ctype, body = pages.get(self.path, (404, "text/plain", b"no"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a) -> None:
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_url_is_fetched_and_read(server: str, monkeypatch) -> None:
    monkeypatch.setenv("SAYWHO_FETCH_PRIVATE", "1")
    art = only_article(read_inputs([f"{server}/story"]))
    assert art.url == f"{server}/story" and art.published == "2023-05-10"
    art = only_article(read_inputs([f"{server}/feed"]))
    assert art.published_source == "feed"


@pytest.mark.parametrize("path,reason", [("/gone", "404"), ("/big", "too large")])
def test_bad_urls(server: str, monkeypatch, path: str, reason: str) -> None:
    monkeypatch.setenv("SAYWHO_FETCH_PRIVATE", "1")
    (err,) = read_inputs([server + path], max_bytes=100_000)
    assert isinstance(err, InputError) and err.source == server + path and reason in err.reason


def test_private_addresses_are_refused_by_default(server: str, monkeypatch) -> None:
    monkeypatch.delenv("SAYWHO_FETCH_PRIVATE", raising=False)
    (err,) = read_inputs([f"{server}/story"])
    assert isinstance(err, InputError) and "private or loopback" in err.reason


# ---------------------------------------------------------------- the command line

def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "saywho.cli", "extract", *args], input=stdin,
                          capture_output=True, timeout=300)


def test_cli_stdin_html_and_exit_codes(tmp_path: Path) -> None:
    import json

    r = _cli("-", "--input-format", "html", "--format", "jsonl", "--text", stdin=page().encode())
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["published_source"] == "metadata" and d["text"].strip() == BODY.strip()
    assert isinstance(d["skipped"], list) and len(d["hash"]) == 16
    bad = tmp_path / "bin.html"
    bad.write_bytes(b"\x00" * 100)
    good = tmp_path / "good.html"
    good.write_text(page(), encoding="utf-8")
    r = _cli(str(bad), str(good), "--format", "jsonl", "-q")
    assert r.returncode == 1
    assert len(r.stdout.decode().splitlines()) == 1
    assert f"{bad}: binary data, not an HTML page" in r.stderr.decode()
