"""What the pages show, over HTTP against a real database: the queue's rows (amount as written
and normalised, USD equivalent with its rate and date, the highlighted sentence), filters on
effective values, hostile text shown as text, the figure page, and the timeline chart and table."""

from __future__ import annotations

import re

from review_client import Env, post
from review_seed import HOSTILE_IMG, HOSTILE_SCRIPT


def item_html(page: str, figure_id: int) -> str:
    start = page.index(f'id="f-{figure_id}"')
    end = page.find('<li class="item"', start)
    return page[start : end if end > 0 else len(page)]


def test_a_queue_row_shows_everything_a_reviewer_needs(review_env: Env) -> None:
    env = review_env
    page = env.client("ann").get("/").get_data(as_text=True)
    row = item_html(page, env.ids["ft-dec"][0])
    assert "Rmb160bn" in row and "CNY 160bn" in row and "160,000,000,000 CNY" in row
    # USD equivalent at the latest bundled rate on or before 2025-12-18, naming the rate and its date
    assert re.search(r"≈ <strong>\$22\.\d+bn</strong>", row) and "USD/CNY of 2025-06-30" in row
    assert "2026" in row and "Financial Times" in row and "ByteDance" in row and "capex" in row
    assert "<mark>Rmb160bn</mark>" in row  # the amount highlighted in its sentence
    assert "ByteDance to lift AI capital spending to Rmb160bn" in row and "2025-12-18" in row
    assert 'href="https://news.example/ft-dec"' in row and 'rel="noopener noreferrer"' in row
    order = [int(i) for i in re.findall(r'<li class="item" id="f-(\d+)"', page)]
    assert order[0] == env.ids["hostile"][0] and order[-2:] == env.ids["reuters-jan"]  # newest article first
    assert "<strong class=\"big\">9</strong> pending" in page and "0 of 9 decided" in page


def test_hostile_text_is_shown_as_text(review_env: Env) -> None:
    env = review_env
    client = env.client("ann")
    fid = env.ids["hostile"][0]
    for path in ("/", f"/figures/{fid}"):
        page = client.get(path).get_data(as_text=True)
        assert HOSTILE_SCRIPT not in page and HOSTILE_IMG not in page
        assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
        assert len(re.findall(r"<script\b", page)) == 1  # only the app's own script tag


def test_filters_match_effective_values(review_env: Env) -> None:
    env = review_env
    client = env.client("ann")
    fid = env.ids["bloomberg-feb"][0]

    def ids(query: str) -> list[int]:
        return [int(i) for i in re.findall(r'<li class="item" id="f-(\d+)"', client.get(query).get_data(as_text=True))]

    assert ids("/?source=bloomberg") == [fid]
    assert ids("/?metric=revenue") == [env.ids["scmp-jan"][0]]
    assert ids("/?outlet=Financial+Times&year=2025") == [env.ids["ft-dec"][1]]
    post(client, f"/figures/{fid}/correct", {"version": "0", "amount": "10bn", "currency": "MYR", "year": "2027",
                                             "source": "Bloomberg News", "subject": "ByteDance", "metric": "capex"})
    assert ids("/?status=approved&year=2027") == [fid]
    assert ids("/?status=approved&source=Bloomberg") == []  # the corrected source no longer matches
    assert ids("/?status=all&source=bloomberg+news") == [fid]
    assert fid not in ids("/")  # decided: off the pending queue


def test_the_figure_page_highlights_every_figure_of_the_article(review_env: Env) -> None:
    env = review_env
    first, second = env.ids["ft-dec"]
    page = env.client("ann").get(f"/figures/{first}").get_data(as_text=True)
    text = page[page.index('<section class="article-text">') :]
    assert '<mark class="current">Rmb160bn</mark>' in text
    assert f'href="/figures/{second}"' in text and ">Rmb150bn</mark>" in text
    assert "The company said the figures were inaccurate." in text  # the whole text


def test_the_timeline_charts_approved_effective_values_by_source(review_env: Env) -> None:
    env = review_env
    client = env.client("ann")
    assert "No approved figures yet" in client.get("/timeline").get_data(as_text=True)
    approve = [*env.ids["reuters-jan"], env.ids["information-dec"][0], env.ids["scmp-jan"][1]]
    post(client, "/decisions/bulk", {"action": "approve", "pick": [f"{fid}:0" for fid in approve]})
    post(client, f"/figures/{env.ids['ft-dec'][0]}/correct", {
        "version": "0", "amount": "160bn", "currency": "CNY", "year": "2027", "source": "Financial Times",
        "subject": "ByteDance", "metric": "capex"})  # fmt: skip
    index = client.get("/timeline").get_data(as_text=True)
    assert 'href="/timeline?subject=ByteDance"' in index
    page = client.get("/timeline?subject=ByteDance").get_data(as_text=True)
    svg = page[page.index("<svg class=\"chart\"") : page.index("</svg>")]
    marks = re.findall(r'<circle cx="[\d.]+" cy="[\d.]+" r="7" fill="(#[0-9A-F]{6})"', svg)
    # Reuters' yuan figure and its dollar equivalent are one claim; FT, The Information, Morgan Stanley
    assert len(marks) == 4 and len(set(marks)) == 4
    assert [y for y in re.findall(r'font-weight="600" fill="#111827">(\d{4})<', svg)] == ["2025", "2026", "2027"]
    for day in ("2025-01-23", "2025-12-18", "2025-12-29", "2026-01-10"):
        assert f">{day}</text>" in svg  # each mark labelled with the date it was first reported
    table = page[page.index('<table class="claims">') :]
    assert table.index("2025</td>") < table.index("2027</td>")  # the corrected year, not the extracted 2026
    assert "$23bn–25bn" in table and "Morgan Stanley" in table
    assert "unattributed" not in table and "Rival" not in page  # other subjects stay out
    assert client.get("/timeline?subject=Nobody").status_code == 200
