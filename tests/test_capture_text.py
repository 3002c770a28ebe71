"""Text captures: the article found by its prose, the page around it removed and recorded.

The two fixtures are hand-written in the style of real pages (not copied from any): a news page
whose author bio, "Recent Posts" list and "14 hours ago" stamps must go, and an interview whose
first line is a picture credit and which carries a "Premium Editorial Download" promotion;
and two more: a promo line between standfirst and byline, and a sign-off after the last
paragraph.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reading_edition.convert.capture_text import learn_stop_words, read_capture
from reading_edition.convert.converter import (
    ConversionError,
    convert,
    convert_file,
    myst_text,
    to_myst,
)
from reading_edition.text.fidelity import compare
from reading_edition.text.reading_source import read_article, residue_records

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_61ef67e55749334d.txt"
CAPTURES = Path(__file__).parent / "fixtures" / "captures"
#: The seed converted by the converter as it was before issue 17 (`python -m tools convert`).
SEED_ARTICLE = Path(__file__).parent / "fixtures" / "converter" / "seed-article.md"


def _capture(name: str) -> str:
    return (CAPTURES / name).read_text(encoding="utf-8")


def _removed(text: str) -> dict[int, tuple[str, str]]:
    return {r.line: (r.kind, r.text) for r in convert(text, "t").removals}


def _fidelity_holds(text: str) -> bool:
    result = convert(text, "t")
    blocks = [result.title, *([result.standfirst] if result.standfirst else [])]
    blocks += [body for _, body in result.body]
    records = [{"line": r.line, "text": r.text} for r in result.removals]
    return compare(text, records, blocks).ok


def test_seed_converts_as_before_byte_for_byte() -> None:
    assert convert_file(SEED, "../seeds/000_61ef67e55749334d.txt") == SEED_ARTICLE.read_text(
        encoding="utf-8"
    )


def test_news_page_bio_recent_posts_and_timestamps_are_removed() -> None:
    text = _capture("silicon-style-recent-posts.txt")
    result = convert(text, "news")
    assert result.title == "Ransomware Gang Claims Attack On Regional Water Supplier"
    assert result.standfirst and result.standfirst.startswith("Water supplier confirms")
    assert result.facts.author == "Tom Jowitt"
    assert result.facts.date == "2025-12-19"  # "Tom Jowitt, December 19, 2025, 1:04 pm"
    removed = _removed(text)
    # The author's bio: the name on its own line, then the biography.
    assert removed[39] == ("author-bio", "Tom Jowitt")
    assert removed[40][0] == "author-bio" and removed[40][1].startswith("Tom Jowitt is a")
    # "Recent Posts" and its list: headlines, authors and relative timestamps.
    assert removed[42] == ("section-label", "Recent Posts")
    for line in (45, 48, 51):
        assert removed[line][0] == "date" and removed[line][1].endswith("ago")
    for line in (43, 44, 46, 47, 49, 50):
        assert removed[line][0] == "page-footer"
    # None of them became a heading or a paragraph of the article.
    body = [body for _, body in result.body]
    for kept_out in ("Merry Christmas", "Silicon UK staff", "14 hours ago", "Tom Jowitt"):
        assert kept_out not in body
    assert ("h", "Leak site") in result.body  # the article's own subheading is kept
    assert removed[26] == ("image-credit", "Image credit: Pixabay")
    assert removed[27] == ("image-caption", "Water pipes")
    assert body[-1].startswith("The Information Commissioner's Office said")
    assert _fidelity_holds(text)


def test_interview_credit_first_line_and_download_promotion() -> None:
    text = _capture("computerweekly-style-interview.txt")
    result = convert(text, "interview")
    # The picture credit opening the capture is not the headline; the headline is not taken
    # for the standfirst.
    assert result.title == "Interview: How a logistics group rebuilt its data platform in a year"
    assert result.standfirst and result.standfirst.startswith("The chief data officer")
    removed = _removed(text)
    assert removed[1] == ("image-credit", "JRB - Fotolia")
    assert result.facts.author == "Alex Marsh, Senior Editor"
    assert removed[4] == ("byline", "By") and removed[6][0] == "date"
    # The promotion box, up to the blank line after it, is removed whole.
    assert [removed[n][0] for n in (14, 15, 16, 17)] == ["promo"] * 4
    assert removed[14][1] == "Premium Editorial Download"
    body = [body for _, body in result.body]
    assert not any("this week’s issue" in b or "Download" in b for b in body)
    assert ("h", "Starting with the data nobody wanted") in result.body
    assert "What would you do differently?" in body
    assert all(removed[n][0] == "page-footer" for n in (31, 32, 33, 34))
    assert _fidelity_holds(text)


def test_a_promo_line_between_standfirst_and_byline_is_not_the_headline() -> None:
    """A credit, the headline, the standfirst, then "This article can also be found in the
    Premium Editorial Download: ..." before the byline: the promo is residue."""
    text = _capture("promo-before-body.txt")
    result = convert(text, "promo")
    assert result.title == "Telecoms operators turn to shared networks to cut rural costs"
    assert result.standfirst and result.standfirst.startswith("Operators in three countries")
    removed = _removed(text)
    assert removed[7] == ("image-credit", "Nokia - stock.adobe.com")
    assert removed[10][0] == "promo" and removed[10][1].startswith("This article can also")
    assert result.facts.author == "Sam Whitfield, Networking Editor"
    assert _fidelity_holds(text)


def test_calls_to_action_closing_the_article_are_promotions() -> None:
    text = _capture("promo-before-body.txt").replace(
        "in the villages they cover.\n",
        "in the villages they cover.\n\nGet the week's telecoms news in your inbox every Monday: "
        "sign up for our newsletter.\n\nFollow Computer Weekly on Twitter and LinkedIn for more "
        "of our coverage.\n",
    )
    result = convert(text, "calls")
    assert result.body[-1][1].startswith("Regulators have so far approved the deals")
    kinds = {r.text[:15]: r.kind for r in result.removals}
    assert kinds["Get the week's "] == "promo" and kinds["Follow Computer"] == "promo"
    assert _fidelity_holds(text)


def test_the_sign_off_stays_in_the_text_as_paragraphs() -> None:
    text = _capture("sign-off.txt")
    result = convert(text, "sign-off")
    assert result.body[-2:] == [("p", "Merry Christmas"), ("p", "Silicon UK staff")]
    removed = _removed(text)
    assert removed[21] == ("section-label", "Recent Posts")  # what follows is still residue
    assert _fidelity_holds(text)
    # Footer lines of the same shape that name no author stay out.
    footer = text.replace("Silicon UK staff\n\nRecent", "Report Error\n\nRecent")
    assert convert(footer, "footer").body[-1][0] == "p"
    assert "Report Error" not in [body for _, body in convert(footer, "footer").body]


def test_kinds_of_residue_in_one_page() -> None:
    text = "\n".join(
        [
            "Home",
            "World",
            "Business",
            "",
            "Port workers end a week-long strike after pay deal",
            "",
            "By Sam Ortega",
            "Nov 19, 2019 8:03 am ET",
            "",
            "1.2K",
            "Shares",
            "",
            "Dock workers returned to work on Monday after their union accepted a pay offer "
            "that the port's owners had refused to make only a week ago.",
            "",
            "Photo: Lee Marsh/Reuters",
            "",
            "The strike had left dozens of container ships waiting at anchor off the coast, and "
            "shops in the region had begun to run short of some imported goods.",
            "",
            "Advertisement",
            "",
            "Related: Ports across Europe brace for more strikes",
            "",
            "The union said the agreement would be put to a vote of all its members in the "
            "coming weeks, and that it expected the deal to be approved.",
            "",
            "jdoe says:",
            "About time they got paid properly.",
            "",
            "© 2019 The Daily Example",
        ]
    )
    result = convert(text, "kinds")
    kinds = {r.text: r.kind for r in result.removals}
    assert result.title == "Port workers end a week-long strike after pay deal"
    assert result.facts.author == "Sam Ortega"  # without "By"
    assert result.facts.date == "2019-11-19"  # "Nov 19, 2019 8:03 am ET"
    assert kinds["Home"] == "navigation"
    assert kinds["1.2K"] == "counter"
    assert kinds["Photo: Lee Marsh/Reuters"] == "image-credit"
    assert kinds["Advertisement"] == "widget"
    assert kinds["Related: Ports across Europe brace for more strikes"] == "promo"
    assert kinds["jdoe says:"] == "comments"
    assert kinds["© 2019 The Daily Example"] == "page-footer"
    assert len(result.body) == 3 and all(kind == "p" for kind, _ in result.body)
    assert _fidelity_holds(text)


def test_function_words_are_learnt_from_the_capture_not_from_english() -> None:
    lines = [
        "Die Stadt hat am Dienstag beschlossen, die alte Fähre zum Festland weiter zu betreiben "
        "und die Kosten mit dem Land zu teilen.",
        "Der Bürgermeister sagte, die Entscheidung sei für die Menschen auf der Insel von großer "
        "Bedeutung und die Fähre bleibe.",
        "Die Fähre fährt seit mehr als sechzig Jahren und ist für die Schule und das Krankenhaus "
        "die einzige Verbindung.",
    ]
    stops = learn_stop_words(lines)
    assert {"die", "und"} <= stops
    assert "the" not in stops


def test_a_portuguese_page_is_sorted_by_shape() -> None:
    text = "\n".join(
        [
            "Início",
            "Notícias",
            "Esportes",
            "",
            "Cidade decide manter a balsa para o continente",
            "Por Ana Souza",
            "22/10/2019 às 20:13",
            "",
            "A câmara municipal decidiu na terça-feira manter a balsa que liga a cidade ao "
            "continente, apesar do aumento dos custos de combustível.",
            "",
            "Segundo o prefeito, a decisão foi tomada depois de uma consulta aos moradores, que "
            "votaram em grande maioria pela manutenção do serviço.",
            "",
            "A balsa transporta passageiros e correio há mais de sessenta anos e é a única ligação "
            "da ilha com o hospital e a escola.",
            "",
            "Leia também",
            "Escola da ilha pode fechar",
            "Pesca tem nova redução de cotas",
        ]
    )
    result = convert(text, "pt")
    assert result.title == "Cidade decide manter a balsa para o continente"
    assert result.facts.author == "Ana Souza" and result.facts.date == "2019-10-22"
    assert len(result.body) == 3
    assert {r.kind for r in result.removals if r.line >= 16} == {"page-footer"}
    assert _fidelity_holds(text)


def test_reading_is_typed_and_complete() -> None:
    text = _capture("silicon-style-recent-posts.txt")
    reading = read_capture(text)
    lines = {n for n, line in enumerate(text.splitlines(), 1) if line.strip()}
    accounted = {r.line for r in reading.removals} | {n for _, n, _ in reading.body}
    accounted |= {reading.headline.line, reading.standfirst.line}
    assert accounted == lines  # every line is kept, or removed and recorded


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("# Not a heading", "\\# Not a heading"),
        ("1. Not a list", "1\\. Not a list"),
        ("Use *stars* and {term}`roles`", "Use \\*stars\\* and \\{term\\}\\`roles\\`"),
        (":::{raw} html", "\\:::\\{raw\\} html"),
        ("Plain – words: kept.", "Plain – words: kept."),
    ],
)
def test_captured_lines_never_become_markup(line: str, shown: str) -> None:
    assert myst_text(line) == shown


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=40))
def test_any_text_converts_or_is_a_located_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        result = convert(text, "fuzz")
    except ConversionError as err:
        assert str(err).startswith("fuzz")
        return
    assert result.title and any(kind == "p" for kind, _ in result.body)
    assert _fidelity_holds(text)


_WORDS = st.sampled_from(
    [
        "the",
        "a",
        "of",
        "and",
        "to",
        "in",
        "council",
        "ferry",
        "said",
        "Tuesday.",
        "By",
        "Photo:",
        "©",
        "Getty",
        "Images",
        "12",
        "hours",
        "ago",
        "#",
        "*",
        "-",
        "1.",
        ":::",
        "{term}`x`",
        "^[",
        "<b>",
        "&amp;",
        "Related",
        "Share",
        "“quoted”",
        "Peña",
        "über",
        "и",
        "漢字",
        "\t",
        "\u00a0",
    ]
)
_LINES = st.lists(st.lists(_WORDS, max_size=30).map(" ".join), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_LINES, st.sampled_from(["\n", "\n\n"]))
def test_page_like_text_converts_and_traces_or_is_a_located_error(
    lines: list[str], joiner: str
) -> None:
    text = joiner.join(lines)
    try:
        result = convert(text, "fuzz")
    except ConversionError as err:
        assert str(err).startswith("fuzz")
        return
    assert _fidelity_holds(text)
    # The MyST, read back as the checker reads it, gives the same words: no captured line was
    # read as markup.
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "article.md"
        article.write_text(to_myst(result, "w.txt"), encoding="utf-8")
        reading = read_article(article)
        report = compare(text, residue_records(article), [reading.headline, *reading.blocks])
    assert report.ok, report.message


_PARAGRAPHS = [
    "Dock workers returned to work on Monday after their union accepted a pay offer that the "
    "port's owners had refused to make only a week ago.",
    "The strike had left dozens of container ships waiting at anchor off the coast, and shops "
    "in the region had begun to run short of some imported goods.",
    "The union said the agreement would be put to a vote of all its members in the coming "
    "weeks, and that it expected the deal to be approved by a wide margin.",
    "The port's owners said that they were glad the dispute was over and that they would now "
    "work to clear the backlog of ships as quickly as they could.",
    "Shipping lines had begun to send their vessels to other ports along the coast, and some "
    "said they would not return until the backlog had been cleared.",
]


def _page(*blocks: str) -> str:
    """A capture: menu, headline, byline and date, then ``blocks`` one to a line, blank lines
    between (a block holding a newline is lines packed together, as a widget's are)."""
    head = ["Home", "World", "", "Port workers end a week-long strike after pay deal", ""]
    return "\n".join([*head, "By Sam Ortega", "Nov 19, 2019 8:03 am ET", "", "\n\n".join(blocks)])


def test_a_caption_closed_by_its_credit_is_a_caption() -> None:
    for caption in (
        "Container ships wait at anchor off the coast during the strike. Credit: Lee Marsh",
        "Dock workers leave the port's main gate on Monday morning, Nov. 18, 2019. (AP)",
        "Roughly 200 ships were waiting at the height of the strike [File: Reuters]",
        "Union members vote on the offer at a meeting in the port's hall. (AP Photo/Lee Marsh)",
    ):
        text = _page(*_PARAGRAPHS[:2], caption, *_PARAGRAPHS[2:])
        result = convert(text, "caption")
        assert caption not in [body for _, body in result.body], caption
        assert {r.text: r.kind for r in result.removals}[caption] == "image-caption"
        assert len(result.body) == len(_PARAGRAPHS)
        assert _fidelity_holds(text)
    # A credit alone is a credit line, not a caption.
    text = _page(*_PARAGRAPHS[:2], "Image credit: Lee Marsh", *_PARAGRAPHS[2:])
    assert {r.text: r.kind for r in convert(text, "c").removals}["Image credit: Lee Marsh"] == (
        "image-credit"
    )


def test_captions_packed_above_a_credit_are_captions() -> None:
    """A picture's caption shown whole and cut short ("... more"), then its credit, with no
    blank line between: both lines are captions, though each reads as prose."""
    full = (
        "Dock workers leave the port's main gate on Monday morning after their union accepted "
        "the pay offer of the port's owners. The strike lasted a week."
    )
    short = full.rsplit(" The strike", 1)[0] + " The strike ... more"
    text = _page(*_PARAGRAPHS[:3], f"{full}\n{short}\nPhoto: Lee Marsh", *_PARAGRAPHS[3:])
    result = convert(text, "captions")
    kinds = {r.text: r.kind for r in result.removals}
    assert kinds[full] == kinds[short] == "image-caption"
    assert [body for _, body in result.body] == _PARAGRAPHS
    assert _fidelity_holds(text)


def test_a_call_to_action_with_little_after_it_ends_the_article() -> None:
    """A sentence calling the reader to subscribe near the end, then the newsletter's form and
    the publisher's blurb: the call and all after it are residue; the same call with most of
    the article still to come is left alone."""
    call = "Stay up to date with the port. Subscribe to our newsletter."
    after = [
        "Please activate your subscription from the email we sent you.",
        "The Daily Example brings the port's news to your desk.",
    ]
    text = _page(*_PARAGRAPHS, call, *after)
    result = convert(text, "cut")
    kinds = {r.text: r.kind for r in result.removals}
    assert [body for _, body in result.body] == _PARAGRAPHS
    assert kinds[call] == "promo" and {kinds[a] for a in after} == {"page-footer"}
    assert _fidelity_holds(text)
    early = _page(_PARAGRAPHS[0], call, *_PARAGRAPHS[1:])
    assert [body for _, body in convert(early, "early").body][-4:] == _PARAGRAPHS[1:]


def test_prose_above_the_byline_is_headline_or_standfirst_not_the_first_paragraph() -> None:
    """A question as the headline, a long byline with its date, a standfirst above a date:
    none of them opens the article."""
    question = "What is the value of the goods that wait at the port every single day?"
    byline = "By Sam Ortega , Jo Lee on Monday, November 18th, 2019 at 11:08 a.m."
    quote = '"Two hundred ships a week are waiting off the coast of this town."'
    for above in ([], [quote]):  # a pull quote above the headline: no paragraph either
        text = "\n\n".join(["Home", "World", *above, question, byline, *_PARAGRAPHS])
        result = convert(text, "question")
        assert result.title == question
        assert result.facts.author == "Sam Ortega, Jo Lee" and result.facts.date == "2019-11-18"
        assert [body for _, body in result.body] == _PARAGRAPHS
        assert _fidelity_holds(text)

    headline = "Port workers end a week-long strike after pay deal"
    standfirst = "The union accepted the owners' offer after a week in which no ship was unloaded."
    text = "\n\n".join(["Home", headline, standfirst, "20 Nov 2019 08:00 GMT", *_PARAGRAPHS])
    result = convert(text, "standfirst")
    assert (result.title, result.standfirst) == (headline, standfirst)
    assert [body for _, body in result.body] == _PARAGRAPHS
    assert _fidelity_holds(text)


def test_a_byline_after_a_caption_is_the_byline_and_a_caption_is_no_headline() -> None:
    headline = "Port workers end a week-long strike after pay deal"
    caption = "Container ships wait off the coast, like every day this week. (JO LEE/PORT PHOTOS)"
    text = "\n".join(["Home", headline, caption, "By Sam Ortega", "November 18, 2019", ""])
    text += "\n" + "\n\n".join(_PARAGRAPHS)
    result = convert(text, "caption-byline")
    assert result.title == headline
    assert result.facts.author == "Sam Ortega"
    assert {r.text: r.kind for r in result.removals}[caption] == "image-caption"
    assert [body for _, body in result.body] == _PARAGRAPHS
    # A caption over its credit, nearest the prose, is not taken for the headline.
    text = "\n\n".join(["Home", headline, f"{caption[:40]}\nPhoto: Jo Lee"])
    assert convert(text + "\n\n" + "\n\n".join(_PARAGRAPHS), "c").title == headline


def test_a_table_in_the_article_is_part_of_its_text() -> None:
    """A standings table (tab-separated cells, as a capture lays a table out) between an
    article's two short paragraphs: its rows are text of the article, not a list of links,
    even when the table outweighs the prose; a table's row is no headline."""
    rows = ["Pos.\tTeam\tPoints\tWins\tLosses"] + [
        f"{n}\tTeam {name}\t{100 - 3 * n}\t{20 - n}\t{n}"
        for n, name in enumerate(["Ortega", "Lee", "Marsh", "Doe", "Roe", "Poe"], start=1)
    ]
    intro = "These are the final standings of the season after the last race of the year."
    outro = "The first four teams of the standings go through to next season's final rounds."
    teasers = [
        "Click on the picture above to see the ranking of the drivers of this season today.",
        "Click here to see the times of every practice and race of the coming season's calendar.",
    ]
    columns = [f"» Column {n}\n\n{t}\n" for n, t in enumerate(teasers)]
    page = ["Home", "Standings", "", "Final standings of the season", "", intro, "", *rows]
    text = "\n".join([*page, "", outro, "", "Comments", "", *columns])
    result = convert(text, "table")
    body = [body for _, body in result.body]
    assert result.title == "Final standings of the season"
    assert body[: len(rows) + 2] == [intro, *rows, outro]
    assert _fidelity_holds(text)
    myst = to_myst(result, "table.txt")
    assert all(row.replace("\t", " ") in myst.replace("\t", " ") for row in rows)


def test_a_biography_under_an_about_label_a_shortcode_and_a_click_here_are_residue() -> None:
    shortcode = '[button link="https://example.com/send/" type="big"] Send us your review[/button]'
    click = (
        "Get the Daily Example delivered to your letterbox every month of the year. Click here "
        "for more information."
    )
    bio = (
        "As a reporter, he has written about the port and its ships for ten years, and he lives "
        "in the city with his family."
    )
    for tail in ([shortcode, click], ["Über Sam Ortega", bio]):
        text = _page(*_PARAGRAPHS, *tail)
        result = convert(text, "tail")
        kinds = {r.text: r.kind for r in result.removals}
        assert [body for _, body in result.body] == _PARAGRAPHS
        assert _fidelity_holds(text)
    assert kinds["Über Sam Ortega"] == "section-label" and kinds[bio] == "author-bio"
    kinds = {r.text: r.kind for r in convert(_page(*_PARAGRAPHS, shortcode, click), "t").removals}
    assert kinds[shortcode] == "widget" and kinds[click] == "promo"
    # A subheading "About the study" is not a biography's label: what follows it stays.
    study = _page(*_PARAGRAPHS[:3], "About the study", *_PARAGRAPHS[3:])
    assert [body for _, body in convert(study, "s").body][-2:] == _PARAGRAPHS[3:]


def test_a_label_announcing_other_content_after_the_article_closes_it() -> None:
    """'Read this next' after the article, then teasers standing alone between blank lines as
    paragraphs do, enough to outweigh the label: the article ends at the label. The same label
    before most of the article is a box inside it, and the article goes on."""
    teasers = [
        f"{title}\nWritten by Jo Lee\n\n{blurb}\n\nREAD MORE"
        for title, blurb in [
            (
                "Harbour cranes: how they work",
                "The cranes that unload container ships are among the largest machines of any "
                "port, and this article looks at how they are built and worked.",
            ),
            (
                "A short history of the port",
                "The port was first built more than two hundred years ago, and it has grown "
                "with every new kind of ship that came to use its quays.",
            ),
            (
                "Why ships wait at anchor",
                "Ships wait at anchor off a port when its quays are full, and the wait can be "
                "long when the workers who unload them are on strike.",
            ),
        ]
    ]
    text = _page(*_PARAGRAPHS, "READ THIS NEXT", *teasers)
    result = convert(text, "teasers")
    assert [body for _, body in result.body] == _PARAGRAPHS
    assert _fidelity_holds(text)
    early = _page(_PARAGRAPHS[0], "READ THIS NEXT\nHarbour cranes: how they work", *_PARAGRAPHS[1:])
    assert [body for _, body in convert(early, "early").body] == _PARAGRAPHS


def test_a_bylines_handle_and_relative_time_are_residue_not_the_authors_name() -> None:
    """ "Jane Doe @janedoe / 2 days": the author is "Jane Doe"; the handle, a relative time
    or an update note beside the name are recorded as residue of the byline's line, and the
    reading text still traces to the capture."""
    headline = "Port workers end a week-long strike after pay deal"
    for byline, extra in (
        ("Sam Ortega @samortega / 2 days", "@samortega / 2 days"),
        ("By Sam Ortega | 3 hours ago", "| 3 hours ago"),
        ("Sam Ortega @sam_o", "@sam_o"),
        ("By Sam Ortega, Updated Nov 19, 2019 8:03 am ET", ", Updated Nov 19, 2019 8:03 am ET"),
    ):
        text = "\n\n".join(["Home", "World", headline, byline, *_PARAGRAPHS])
        result = convert(text, "handle")
        name = byline[: byline.index(extra)].rstrip()
        assert result.facts.author == name.removeprefix("By "), byline
        kinds = {r.text: r.kind for r in result.removals}
        assert kinds[name] == "byline" and kinds[extra] == "byline-extra", kinds
        assert [body for _, body in result.body] == _PARAGRAPHS
        assert _fidelity_holds(text)


def test_the_articles_date_is_its_date_line_without_the_writers_name() -> None:
    """A date line that names the writer ("Jane Doe, 3 May 2024", "11/19/2019 by Jo Lee")
    gives the byline its name and the date field the date alone; the residue record keeps the
    line whole, so the reading text still traces to the capture."""
    headline = "Port workers end a week-long strike after pay deal"
    for line, date in (
        ("Sam Ortega, December 19, 2025, 1:04 pm", "2025-12-19"),
        ("Sam Ortega - Nov 19, 2019, 10:31 pm CST", "2019-11-19"),
        ("Associated Press November 19, 2019, 9:02 AM", "2019-11-19"),
        ("11/19/2019 by Sam Ortega", "2019-11-19"),
        ("Nov 19, 2019 8:03 am ET", "2019-11-19"),
    ):
        text = "\n\n".join(["Home", "World", headline, line, *_PARAGRAPHS])
        result = convert(text, "dated")
        assert result.facts.date == date, line
        assert line in {r.text for r in result.removals}
        assert [body for _, body in result.body] == _PARAGRAPHS
        assert _fidelity_holds(text)


def test_the_page_dates_words_become_an_iso_date_only_when_certain() -> None:
    """The article's date as ISO, from the words the page gives it; a day and month that could
    be either way round, a time alone or another language's month give None ("unknown")."""
    from reading_edition.convert.page_dates import iso_date

    for words, iso in (
        ("Nov. 20, 2019 6:02 AM EST", "2019-11-20"),
        ("Updated: 18 Nov 2019, 19:11", "2019-11-18"),
        ("- Nov. 18th 2019 12:12 pm PT", "2019-11-18"),
        ("19.11.2019, 08:57", "2019-11-19"),
        ("21/06/2014 Tony Carter", "2014-06-21"),
        ("5:45 AM PST 11/19/2019", "2019-11-19"),
        ("2019-11-19T12:48:14Z Space", "2019-11-19"),
        ("2019", "2019"),
        ("11/10/2019", None),
        ("11/20/19 6:38 AM", None),
        ("Monday 6:30PM", None),
        ("sexta-feira, 22 de outubro de 2010 às 20:13", None),
        ("February 30, 2019", None),
    ):
        assert iso_date(words) == iso, words


def test_a_bylines_role_timestamp_and_section_are_not_the_authors_name() -> None:
    from reading_edition.convert.capture_text import byline_author

    for byline, name in (
        ("By Tim Childers - Live Science Contributor 2019-11-19T12:48:14Z Space", "Tim Childers"),
        ("By Mike Wall 2019-11-18T20:51:19Z Science & Astronomy", "Mike Wall"),
        ("by Jeff Foust — November 18, 2019", "Jeff Foust"),
        ("By Tess Bonn - 11/19/19 06:56 AM EST", "Tess Bonn"),
        ("By Megan Rowe meganr@spokesman.com(509) 459-5382", "Megan Rowe"),
        ("Posted by Michael David Smith on November 19, 2019, 6:21 AM EST", "Michael David Smith"),
        ("Von Moritz Bachmann publiziert am 30. Juli 2018", "Moritz Bachmann"),
        ("By Staff Reports -", "Staff Reports"),
        ("By DANICA KIRKA and JILL LAWLESS", "DANICA KIRKA and JILL LAWLESS"),
        ("By Sandee LaMotte, CNN", "Sandee LaMotte, CNN"),
        ("Tom Jowitt", "Tom Jowitt"),
    ):
        assert byline_author(byline) == name, byline


CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
#: Live Science: a byline that holds the writer's role, the ISO timestamp and the section.
LIVE_SCIENCE = "3c5bf8db4272925bf1dd5713fc325e179fd0d1cc6fb8c77aa2d917cfd2518a32"


@pytest.mark.skipif(not (CORPUS / "captures").is_dir(), reason=f"no corpus at {CORPUS}")
def test_a_corpus_text_capture_gives_the_author_and_date_its_saved_page_gives() -> None:
    """The text capture's author and date are those of the same page's metadata (the saved
    page in the corpus: its author and date, the ground truth beside its articleBody and URL),
    and its byline stays whole in the residue record."""
    from reading_edition.convert.converter import convert_path

    text = convert_path(CORPUS / "captures" / f"{LIVE_SCIENCE}.txt")
    page = convert_path(CORPUS / "html" / f"{LIVE_SCIENCE}.html.gz")
    assert (text.facts.author, text.facts.date) == (page.facts.author, page.facts.date)
    assert (text.facts.author, text.facts.date) == ("Tim Childers", "2019-11-19")
    byline = "By Tim Childers - Live Science Contributor 2019-11-19T12:48:14Z Space"
    assert byline in {r.text.strip() for r in text.removals}
