"""`brief import` as a user runs it: saved pages and feeds from tests/fixtures/import (in the
shapes of real Arabic news pages: navigation, share buttons, related links, ads, comments),
pages and feeds served by a local HTTP server, and every way a source can fail."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from brief.article.model import read_article

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"
TODAY = dt.date.today().isoformat()

ALKHALEEJ = [
    "بحث مسؤولون أمنيون من الدول العربية، أمس الأربعاء، في مقر الأمانة العامة لمجلس وزراء "
    "الداخلية العرب بتونس، سبل تعزيز التعاون المشترك لمواجهة الجرائم الإلكترونية التي باتت "
    "عابرة للحدود.",
    "وقال الأمين العام للمجلس في كلمة الافتتاح إن «الجريمة الإلكترونية لم تعد شأناً محلياً، بل "
    "أصبحت تهديداً يتطلب استجابة عربية موحدة وتبادلاً سريعاً للمعلومات».",
    "وناقش المشاركون على مدى يومين مشروع هيكل تنظيمي نموذجي لأجهزة مكافحة الجرائم الإلكترونية، "
    "إلى جانب خطة عربية لمواجهة الجرائم المرتكبة باستخدام تقنيات الذكاء الاصطناعي.",
    "ومن المنتظر أن يرفع المؤتمر توصياته إلى الدورة المقبلة لمجلس وزراء الداخلية العرب لاعتمادها.",
]
AGENCY = [
    "اعتمد مجلس وزراء الداخلية العرب في ختام دورته العادية بتونس اليوم الأربعاء خطة مرحلية "
    "جديدة للاستراتيجية العربية لمكافحة الاستعمال غير المشروع للمخدرات والمؤثرات العقلية.",
    "وأوضح البيان الختامي أن الخطة تمتد ثلاث سنوات، وتركز على تبادل المعلومات بين أجهزة "
    "المكافحة وتدريب الكوادر المتخصصة وتطوير التشريعات الوطنية.",
    "كما دعا المجلس الدول الأعضاء إلى تعزيز الرقابة على المنافذ الحدودية والموانئ، والتعاون مع "
    "المنظمات الدولية المعنية.",
    "وشارك في أعمال الدورة وزراء الداخلية وممثلوهم من 19 دولة عربية، إضافة إلى ممثلين عن جامعة "
    "الدول العربية.",
]
SUMMIT = [
    "انطلقت في مدينة الكويت، اليوم الأربعاء، أعمال القمة الأمنية الخليجية بمشاركة قادة الأجهزة "
    "الأمنية في دول مجلس التعاون، لبحث تعزيز التنسيق في مجال أمن الحدود ومكافحة التهريب.",
    "وأكد رئيس القمة في كلمته أن التحديات الأمنية الراهنة «تفرض علينا العمل بروح الفريق "
    "الواحد»، مشيراً إلى أهمية الربط الإلكتروني بين مراكز المعلومات.",
    "ومن المقرر أن تصدر عن القمة في ختام أعمالها غداً الخميس جملة من التوصيات تُرفع إلى اجتماع "
    "وزراء الداخلية المقبل.",
]
# Nothing the page has around its article may reach the article.
AROUND = [
    "الرئيسية", "محليات", "فيسبوك", "واتساب", "إعلان", "اقرأ أيضاً", "منتدى الشرطة العربي",
    "أخبار ذات صلة", "التعليقات", "أبو فهد", "خطوة ممتازة", "الأكثر قراءة", "جميع الحقوق",
    "تصوير", "عاجل", "المشاهدات", "أخبار أخرى", "تويتر", "اترك تعليقاً", "نتمنى أن تخرج",
    "المقال السابق", "أحدث المقالات", "ذات صلة",
]  # fmt: skip


class Site(http.server.BaseHTTPRequestHandler):
    """Pages, a feed, and what goes wrong: a 404, a page that never answers in time, one too
    large, an image, redirects (one too many, one to a file: address)."""

    base = ""

    def do_GET(self) -> None:
        routes = {
            "/news/cyber-tunis.html": ("text/html; charset=utf-8", FIXTURES / "alkhaleej.html"),
            "/ar/narcotics-plan": ("text/html; charset=windows-1256", FIXTURES / "agency.html"),
            "/2025/11/gulf-security-summit/": ("text/html", FIXTURES / "summit.html"),
        }
        if self.path in routes:
            content_type, path = routes[self.path]
            return self.answer(200, content_type, path.read_bytes())
        if self.path == "/ar/narcotics-plan-no-meta":  # the charset only in the header
            page = (FIXTURES / "agency.html").read_bytes()
            page = re.sub(rb"<meta http-equiv=[^>]*>", b"", page)
            return self.answer(200, "text/html; charset=windows-1256", page)
        if self.path == "/feed.xml":
            feed = (FIXTURES / "feed.xml").read_text(encoding="utf-8").replace("{base}", self.base)
            return self.answer(200, "application/rss+xml", feed.encode())
        if self.path == "/slow.html":
            time.sleep(3)
            return self.answer(200, "text/html", (FIXTURES / "summit.html").read_bytes())
        if self.path == "/huge.html":
            return self.answer(200, "text/html", b"<html><body><p>" + b"x" * 3_000_000)
        if self.path == "/logo.png":
            return self.answer(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        if self.path.startswith("/loop"):
            return self.redirect(f"/loop{len(self.path)}")
        if self.path == "/to-file":
            return self.redirect("file:///etc/passwd")
        if self.path == "/moved":
            return self.redirect("/news/cyber-tunis.html")
        return self.answer(404, "text/html", b"<html><body><h1>404</h1></body></html>")

    def answer(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client may give up (the size limit, the timeout): as it should.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    Site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site.base
    server.shutdown()
    server.server_close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    result = brief("init", str(tmp_path / "news"))
    assert result.returncode == 0, result.stderr
    return tmp_path / "news"


def brief(
    *args: str, cwd: Path = ROOT, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_PROXY": "127.0.0.1"}
    result = subprocess.run(
        [sys.executable, "-m", "brief", *args], capture_output=True, cwd=cwd, input=stdin, env=env
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def imported(corpus: Path, *sources: str, stdin: bytes | None = None) -> list[str]:
    result = brief("import", "--corpus", str(corpus), *sources, stdin=stdin)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def article_and_annotation(corpus: Path, article_id: str) -> tuple[list[str], dict[str, object]]:
    """The article's lines as the file has them, and its annotation as data."""
    text = (corpus / "seeds" / f"{article_id}.txt").read_text(encoding="utf-8")
    annotation = yaml.safe_load((corpus / "annotations" / f"{article_id}.yaml").read_text("utf-8"))
    return text.split("\n"), annotation


def test_a_saved_page_becomes_an_article_and_a_draft(corpus: Path) -> None:
    (article_id,) = imported(corpus, str(FIXTURES / "alkhaleej.html"))
    lines, annotation = article_and_annotation(corpus, article_id)
    title = "وزراء الداخلية العرب يبحثون في تونس مكافحة الجرائم الإلكترونية"
    # brief's article format: the title, then one paragraph a line (blank lines between).
    assert lines == [title, "", *"\n\n".join(ALKHALEEJ).split("\n"), ""]
    assert not any(noise in "\n".join(lines) for noise in AROUND)
    saved = dt.date.fromtimestamp((FIXTURES / "alkhaleej.html").stat().st_mtime).isoformat()
    assert annotation == {
        "schema": 2,
        "article": article_id,
        "status": "draft",
        "title": {"ar": title},
        "source": {
            "url": "https://alkhaleej-today.example/news/2025/10/02/cyber-tunis",
            "outlet": "الخليج اليوم",
            "author": "سلمان العتيبي",
            "published": "2025-10-02",
            "retrieved": saved,
        },
    }
    assert article_id.startswith("000_") and len(article_id) == 20
    article = read_article(corpus / "seeds" / f"{article_id}.txt")
    assert article.title == title
    assert [p.text for p in article.paragraphs[1:]] == ALKHALEEJ
    assert brief("validate", "--strict", "--corpus", str(corpus)).returncode == 0


def test_a_page_in_windows_1256_from_a_url(corpus: Path, site: str) -> None:
    (article_id,) = imported(corpus, f"{site}/ar/narcotics-plan")
    lines, annotation = article_and_annotation(corpus, article_id)
    title = "مجلس وزراء الداخلية العرب يعتمد خطة لمكافحة المخدرات"
    assert lines == [title, "", *"\n\n".join(AGENCY).split("\n"), ""]
    assert not any(noise in "\n".join(lines) for noise in AROUND)
    assert annotation["source"] == {
        "url": f"{site}/ar/narcotics-plan",  # the page names no canonical address
        "outlet": "وكالة أنباء الساحل",
        "author": "ليلى بن عمر",
        "published": "2025-03-05",
        "retrieved": TODAY,
    }


def test_a_page_whose_charset_only_its_http_header_names(corpus: Path, site: str) -> None:
    (article_id,) = imported(corpus, f"{site}/ar/narcotics-plan-no-meta")
    lines, annotation = article_and_annotation(corpus, article_id)
    assert lines == [
        "مجلس وزراء الداخلية العرب يعتمد خطة لمكافحة المخدرات",
        "",
        *"\n\n".join(AGENCY).split("\n"),
        "",
    ]
    assert annotation["source"]["author"] == "ليلى بن عمر"


def test_a_feed_of_three_entries_one_with_only_a_summary(corpus: Path, site: str) -> None:
    result = brief("import", "--corpus", str(corpus), f"{site}/feed.xml")
    assert result.returncode == 0, result.stderr
    ids = result.stdout.split()
    assert [i[:4] for i in ids] == ["000_", "001_", "002_"]
    assert f"{site}/feed.xml: a feed of 3 entries" in result.stderr
    assert f"{site}/feed.xml: entry 3 of 3: added {ids[2]}  " in result.stderr
    assert "imported 3, skipped 0, failed 0" in result.stderr
    sources = [article_and_annotation(corpus, i)[1]["source"] for i in ids]
    # The entry with only a summary: its page was fetched, and its canonical address kept.
    lines, annotation = article_and_annotation(corpus, ids[1])
    assert lines == [
        "قمة أمنية خليجية في الكويت تبحث أمن الحدود",
        "",
        *"\n\n".join(SUMMIT).split("\n"),
        "",
    ]
    assert annotation["source"] == {
        "url": "https://alsharq-portal.example/2025/11/gulf-security-summit/",
        "outlet": "بوابة الشرق",
        "author": "فاطمة الزهراني",
        "published": "2025-11-12",
        "retrieved": TODAY,
    }
    # The entries with their text in the feed: the feed's title is the outlet.
    assert sources[0] == {
        "url": f"{site}/2025/11/data-protection/",
        "outlet": "بوابة الشرق",
        "author": "عبدالله القحطاني",
        "published": "2025-11-10",
        "retrieved": TODAY,
    }
    assert sources[2]["author"] == "منى الحربي"
    assert article_and_annotation(corpus, ids[2])[0][2].startswith("نفذت فرق الاستجابة")
    # Again: each entry is skipped.
    again = brief("import", "--corpus", str(corpus), f"{site}/feed.xml")
    assert again.returncode == 0 and again.stdout == ""
    assert again.stderr.count(": skipped: the same text is already there, as ") == 3
    assert "imported 0, skipped 3, failed 0" in again.stderr


def test_progress_counts_the_sources_and_a_feed_counts_its_entries(
    corpus: Path, site: str, tmp_path: Path
) -> None:
    """The reviewer's `brief import page.html feed.xml`, with a source that fails, twice: the
    count stays the sources', the feed's entries are numbered within it, and a failure is
    `brief: SOURCE: reason` whatever the count."""
    page, feed, missing = FIXTURES / "alkhaleej.html", tmp_path / "feed.xml", tmp_path / "no.html"
    feed.write_text((FIXTURES / "feed.xml").read_text("utf-8").replace("{base}", site), "utf-8")
    sources = [str(page), str(feed), str(missing)]
    first = brief("import", "--corpus", str(corpus), *sources)
    assert first.returncode == 1
    ids = first.stdout.split()
    assert [i[:4] for i in ids] == ["000_", "001_", "002_", "003_"]
    lines = first.stderr.splitlines()
    assert [line.split("  ")[0] for line in lines] == [
        f"[1/3] {page}: added {ids[0]}",
        f"[2/3] {feed}: a feed of 3 entries",
        f"[2/3] {feed}: entry 1 of 3: added {ids[1]}",
        f"[2/3] {feed}: entry 2 of 3: added {ids[2]}",
        f"[2/3] {feed}: entry 3 of 3: added {ids[3]}",
        f"brief: {missing}: cannot read: No such file or directory",
        "imported 4, skipped 0, failed 1",
    ]
    again = brief("import", "--corpus", str(corpus), *sources)
    assert again.returncode == 1 and again.stdout == ""
    same = "skipped: the same text is already there, as"
    assert again.stderr.splitlines() == [
        f"[1/3] {page}: {same} {ids[0]}",
        f"[2/3] {feed}: a feed of 3 entries",
        f"[2/3] {feed}: entry 1 of 3: {same} {ids[1]}",
        f"[2/3] {feed}: entry 2 of 3: {same} {ids[2]}",  # its page fetched again
        f"[2/3] {feed}: entry 3 of 3: {same} {ids[3]}",
        f"brief: {missing}: cannot read: No such file or directory",
        "imported 0, skipped 4, failed 1",
    ]


def test_a_feed_as_a_file(corpus: Path, site: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text((FIXTURES / "feed.xml").read_text("utf-8").replace("{base}", site), "utf-8")
    assert len(imported(corpus, str(feed))) == 3


def test_an_entry_whose_page_cannot_be_fetched_is_its_summary(corpus: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    base = f"http://127.0.0.1:{closed_port()}"
    feed.write_text((FIXTURES / "feed.xml").read_text("utf-8").replace("{base}", base), "utf-8")
    result = brief("import", "--corpus", str(corpus), str(feed))
    assert result.returncode == 0, result.stderr
    ids = result.stdout.split()
    assert len(ids) == 3
    title = "قمة أمنية خليجية في الكويت تبحث أمن الحدود"
    assert result.stderr.splitlines()[2:5] == [
        f"{feed}: entry 2 of 3: its page could not be fetched: cannot connect (connection "
        "refused); its summary was imported instead",
        f"{feed}: entry 2 of 3: added {ids[1]}  {title}",
        f"{feed}: entry 3 of 3: added {ids[2]}  تمرين مشترك لفرق الاستجابة للطوارئ السيبرانية",
    ]
    lines, annotation = article_and_annotation(corpus, ids[1])
    summary = "انطلقت في الكويت أعمال القمة الأمنية الخليجية لبحث أمن الحدود ومكافحة التهريب… "
    assert lines == [title, "", summary + "تابع القراءة", ""]
    assert annotation["source"] == {
        "url": f"{base}/2025/11/gulf-security-summit/",
        "outlet": "بوابة الشرق",
        "published": "2025-11-12",
        "retrieved": TODAY,
    }
    assert annotation["notes"] == (
        f"The text is the feed's summary, as on {TODAY} its page could not be fetched: cannot "
        "connect (connection refused)."
    )
    assert brief("validate", "--strict", "--corpus", str(corpus)).returncode == 0


SUMMARIES = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>بوابة الشرق</title>
<item><title>بلا صفحة ولا ملخص</title><link>https://no-such-host.invalid/a</link></item>
<item><title>بلا رابط</title></item>
<item><title>ملخص بفقرتين</title><link>https://no-such-host.invalid/b</link>
<description>&lt;p&gt;الفقرة الأولى &amp;amp; &lt;b&gt;المهمة&lt;/b&gt;.&lt;/p&gt;
&lt;p&gt;الفقرة الثانية.&lt;/p&gt;
&lt;script&gt;track()&lt;/script&gt;</description></item>
</channel></rss>
"""


def test_an_entry_with_neither_page_nor_summary_fails_alone_named(
    corpus: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(SUMMARIES, "utf-8")
    result = brief("import", "--corpus", str(corpus), str(feed))
    assert result.returncode == 1
    (article_id,) = result.stdout.split()
    assert no_resolver_alike(result.stderr).splitlines() == [
        f"{feed}: a feed of 3 entries",
        f"brief: {feed}: entry 1 of 3 (بلا صفحة ولا ملخص, https://no-such-host.invalid/a): its "
        "page could not be fetched: no such host; the entry has no summary either",
        f"brief: {feed}: entry 2 of 3 (بلا رابط): it has no link to a page; the entry has no "
        "summary either",
        f"{feed}: entry 3 of 3: its page could not be fetched: no such host; its summary was "
        "imported instead",
        f"{feed}: entry 3 of 3: added {article_id}  ملخص بفقرتين",
        "imported 1, skipped 0, failed 2",
    ]
    # A summary in HTML: a paragraph a line, its entities read, no script.
    lines = article_and_annotation(corpus, article_id)[0]
    assert lines == ["ملخص بفقرتين", "", "الفقرة الأولى & المهمة.", "", "الفقرة الثانية.", ""]
    assert [p.name for p in (corpus / "seeds").iterdir()] == [f"{article_id}.txt"]
    feed.write_text("".join(SUMMARIES.splitlines(True)[:3]) + "</channel></rss>\n", "utf-8")
    one = brief("import", "--corpus", str(corpus), str(feed))
    assert one.returncode == 1 and one.stderr.splitlines()[0] == f"{feed}: a feed of 1 entry"


def test_duplicates_are_skipped_with_a_line(corpus: Path, site: str) -> None:
    (first,) = imported(corpus, str(FIXTURES / "alkhaleej.html"))
    result = brief(
        "import",
        "--corpus",
        str(corpus),
        str(FIXTURES / "alkhaleej.html"),  # the same text
        f"{site}/news/cyber-tunis.html",  # the same page, served
        f"{site}/moved",  # and through a redirect
    )
    assert result.returncode == 0 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"[1/3] {FIXTURES / 'alkhaleej.html'}: skipped: the same text is already there, as {first}"
    )
    same = f"skipped: the same text is already there, as {first}"
    assert lines[1] == f"[2/3] {site}/news/cyber-tunis.html: {same}"
    assert lines[3] == "imported 0, skipped 3, failed 0"
    assert sorted(p.name for p in (corpus / "seeds").iterdir()) == [f"{first}.txt"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing.html", "HTTP 404 Not Found"),
        ("/slow.html", "timed out after 1 s (--timeout)"),
        ("/huge.html", "larger than the 2 MiB a source may be (--max-size)"),
        ("/logo.png", "not an HTML page, a feed or text (Content-Type: image/png)"),
        ("/loop", "more than 5 redirects"),
        ("/to-file", "redirected to file:///etc/passwd: only http:// and https:// addresses"),
    ],
)
def test_each_failure_is_one_line_and_nothing_is_written(
    corpus: Path, site: str, path: str, message: str
) -> None:
    options = ["--timeout", "1", "--max-size", "2"]
    result = brief("import", "--corpus", str(corpus), *options, f"{site}{path}")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"brief: {site}{path}: {message}" + (" are fetched" if path == "/to-file" else ""),
        "imported 0, skipped 0, failed 1",
    ]
    assert list((corpus / "seeds").iterdir()) == []
    assert sorted(p.name for p in (corpus / "annotations").iterdir()) == ["schema.json"]


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A local port that takes connections (the kernel accepts them) and never answers."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield server.getsockname()[1]


def closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as server:
        return int(server.getsockname()[1])


def no_resolver_alike(said: str) -> str:
    """A machine with no resolver at all cannot tell that a .invalid host does not exist: what
    brief then says counts as "no such host" here."""
    return re.sub(r"cannot look up the host \([^)]*\)", "no such host", said)


@pytest.mark.parametrize("failure", ["no such host", "refused", "silent"])
def test_each_network_failure_says_what_it_is(corpus: Path, silent_port: int, failure: str) -> None:
    url, message = {
        "no such host": ("https://no-such-host.invalid/x.html", "no such host"),
        "refused": (f"http://127.0.0.1:{closed_port()}/x", "cannot connect (connection refused)"),
        "silent": (f"http://127.0.0.1:{silent_port}/x", "timed out after 1 s (--timeout)"),
    }[failure]
    result = brief("import", "--corpus", str(corpus), "--timeout", "1", url)
    assert result.returncode == 1 and result.stdout == ""
    assert no_resolver_alike(result.stderr).splitlines() == [
        f"brief: {url}: {message}",
        "imported 0, skipped 0, failed 1",
    ]
    assert list((corpus / "seeds").iterdir()) == []


def test_only_http_and_https_addresses_are_fetched_and_file_names_a_file(corpus: Path) -> None:
    refused = ["ftp://example.com/x", "GOPHER://example.com/", "sftp://host/x.html"]
    result = brief("import", "--corpus", str(corpus), *refused, "file://elsewhere/x.html")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        *(f"brief: {url}: only http:// and https:// addresses are fetched" for url in refused),
        "brief: file://elsewhere/x.html: a file:// address names a file on this machine "
        "(file:///PATH)",
        "imported 0, skipped 0, failed 4",
    ]
    assert list((corpus / "seeds").iterdir()) == []
    (article_id,) = imported(corpus, (FIXTURES / "summit.html").as_uri())
    assert article_and_annotation(corpus, article_id)[0][2] == SUMMIT[0]


def test_files_that_are_not_articles(corpus: Path, tmp_path: Path) -> None:
    image = tmp_path / "photo.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("café".encode("latin-1"))
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)  # never waited on
    sources = [str(image), str(latin), str(tmp_path), "file:///x", str(fifo)]
    result = brief("import", "--corpus", str(corpus), *sources)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"brief: {image}: a binary file, not an HTML page, a feed or text",
        f"brief: {latin}: not UTF-8 text (byte 3)",
        f"brief: {tmp_path}: a folder: name its files (brief import DIR/*.html)",
        "brief: file:///x: cannot read: No such file or directory",
        f"brief: {fifo}: cannot read: a FIFO, not a file",
        "imported 0, skipped 0, failed 5",
    ]
    assert list((corpus / "seeds").iterdir()) == []


def test_a_text_file_and_standard_input(corpus: Path) -> None:
    """A text file is taken as it is (brief's article format); its byline fills the source."""
    seed = ROOT / "seeds" / "000_99551782ef0ee64d.txt"
    (from_file,) = imported(corpus, str(seed))
    assert (corpus / "seeds" / f"{from_file}.txt").read_bytes() == seed.read_bytes()
    source = article_and_annotation(corpus, from_file)[1]["source"]
    assert source["author"] == "ناصر المحيسن" and source["agency"] == "كونا"
    assert source["published"] == "2025-10-01T22:15:00"
    html = (FIXTURES / "summit.html").read_bytes()
    (from_stdin,) = imported(corpus, "-", stdin=html)
    lines, annotation = article_and_annotation(corpus, from_stdin)
    assert lines[2] == SUMMIT[0]
    assert annotation["source"]["retrieved"] == TODAY
    assert from_stdin.startswith("001_")
    large = brief("import", "--corpus", str(corpus), "--max-size", "0.01", "-", stdin=html * 20)
    assert large.returncode == 1 and large.stderr.splitlines() == [
        "brief: standard input: larger than the 0.01 MiB a source may be (--max-size)",
        "imported 0, skipped 0, failed 1",
    ]


def test_a_file_over_a_fractional_max_size_says_it(corpus: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes((FIXTURES / "summit.html").read_bytes() + b" " * 2**20)
    result = brief("import", "--corpus", str(corpus), "--max-size", "0.5", str(page))
    assert result.returncode == 1
    assert "over the 0.5 MiB limit (--max-size)" in result.stderr.splitlines()[0]


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (["--max-redirects", "-1"], "brief import: --max-redirects must be 0 or more"),
        (["--timeout", "0"], "brief import: --timeout and --max-size must be above 0"),
    ],
)
def test_a_limit_out_of_range_is_named(corpus: Path, option: list[str], said: str) -> None:
    result = brief("import", "--corpus", str(corpus), *option, "-", stdin=b"x")
    assert (result.returncode, result.stderr.strip()) == (2, said)
    assert not list((corpus / "seeds").iterdir())


@pytest.mark.parametrize("text", ["\n", " \n\t\n", "\u200b\u200f\n"])
def test_empty_standard_input_is_said_without_a_file_it_never_wrote(
    corpus: Path, text: str
) -> None:
    result = brief("import", "--corpus", str(corpus), "-", stdin=text.encode())
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "brief: standard input: empty article, nothing imported",
        "imported 0, skipped 0, failed 1",
    ]
    assert list((corpus / "seeds").iterdir()) == []


def test_ids_follow_the_corpus_numbers_and_stay_unique(corpus: Path) -> None:
    for seed in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
        (corpus / "seeds" / seed.name).write_bytes(seed.read_bytes())
    ids = imported(corpus, str(FIXTURES / "alkhaleej.html"), str(FIXTURES / "summit.html"))
    assert [i[:4] for i in ids] == ["002_", "003_"]
    listed = brief("list", "--corpus", str(corpus), "--json")
    assert [row["id"] for row in __import__("json").loads(listed.stdout)][2:] == ids
