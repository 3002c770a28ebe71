"""How page furniture is worded, on web pages in general: the rules that name residue.

Each pattern describes a kind of line every news or blog page may carry (a credit line, a
byline, a date, a share counter, a "Related" label, a promotion's call to action), never one
site's strings. Most are language-neutral (digits, signs, punctuation, the shape of a date);
where words are needed, the commonest English ones are given with a few equivalents, and the
converter never relies on them alone: the article is found by the shape of its prose
(:mod:`reading_edition.convert.capture_text`), these rules only name what lies around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A line that ends like a sentence: final punctuation, then closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?…。！？:;][\"'”’»)\]]*$|[\"”’»]$")


@dataclass(frozen=True)
class LineFacts:
    """What the wording rules need to know of a line's shape besides its text."""

    words: int
    sentence: bool
    stop_share: float
    digit_share: float


#: Short exclamation promoting other content of the site.
_PROMO_WORDS = re.compile(
    r"\b(quiz|newsletter|subscribe|sign up|signup|follow us|download|podcast|webinar|"
    r"white ?paper|poll|competition|giveaway|free trial|register now|don[’']t miss)\b",
    re.IGNORECASE,
)
#: A bare label with nothing after it ("Read also :", "Related articles:", "Tags:").
_EMPTY_LABEL = re.compile(
    r"^(read (also|more)|see also|related( articles| stories| content)?|more on this|"
    r"tags|topics|share( this( article)?)?|also read)\s*:?\s*$",
    re.IGNORECASE,
)
#: Author-bio show/hide toggles, possibly several on one line.
_BIO_TOGGLE = re.compile(
    r"click to (read|show|hide|view|open|close|see) (the )?author[’']?s?[’']? ?bio",
    re.IGNORECASE,
)
#: Share buttons and other widget labels that stand alone on a line.
_WIDGET = re.compile(
    r"^((share|tweet|email|print|comment)( (on|via|this|to) [\w ]+)?|advertisement|"
    r"sponsored( content)?|comments?( \(\d+\))?|close( (this|the|share|image|video)?"
    r"\s*(panel|window|dialog|gallery|menu))?)\s*$"
    # A blog's shortcode left unrendered: "[button link=...] Send us your review[/button]".
    r"|^\[\w+\b[^\]]*\].*\[/\w+\]$",
    re.IGNORECASE,
)
#: An image credit: a short caption, a copyright sign or credit word, an agency or site.
_CREDIT_CORE = (
    r"(?:[^\n©]{0,80}?(?:©|\(c\)|photo(?:graph)?:|image:|picture:|credit:|source:)"
    r"\s*-?\s*[\w&'’ .,/-]{0,60}?"
    r"(?:\.(?:com|net|org|co\.uk|de|fr|es|io)|getty images|reuters|afp|ap|shutterstock|"
    r"alamy|istock(?:photo)?|fotolia|flickr|wikimedia commons|pa))"
)
FUSED_CREDIT = re.compile(rf"^(?P<credit>{_CREDIT_CORE})(?=[A-Z“\"‘'])", re.IGNORECASE)
_CREDIT_LINE = re.compile(rf"^{_CREDIT_CORE}\s*$", re.IGNORECASE)
#: Picture agencies and stock libraries, named in credit lines of any language.
_AGENCY = (
    r"getty(?: images)?|reuters|afp|associated press|ap photo|\bap\b|shutterstock|alamy|"
    r"istock(?:photo)?|fotolia|adobe ?stock|stock\.adobe\.com|flickr|wikimedia(?: commons)?|"
    r"bloomberg|epa|"
    r"unsplash|pexels|dpa|anadolu|xinhua|pa images|pa wire|nasa"
)
#: A short credit line: "Photo: Name", "(Image: © X)", "Name | Agency", "Credit: X", "© X".
_CREDIT_SHORT = re.compile(
    rf"^\(?\s*(photo(?:graph)?s?|image|picture|pic|credit|foto|bild|source|courtesy|"
    rf"illustration|video)\s*(by|of|:|©)|©|\(c\)\s|^image (copyright|caption)|"
    rf"(^|[|/,\s-])({_AGENCY})\s*\)?$|^photo by |^courtesy |credit:\s*\S+|"
    rf"\b(fotolia|shutterstock|istock|getty images)\b",
    re.IGNORECASE,
)
#: A caption closed by its picture's credit: "... compared to its equivalent. Credit: ESA",
#: "... in Nogales, Ariz. (AP)", "... in 2001 [File: Reuters]", "... (AP Photo/Evan Vucci)",
#: "... like rats. (JANE DOE/SCIENCE PHOTO LIBRARY)".
_TRAILING_CREDIT = re.compile(
    rf"(?:\b(?:credits?|photo(?:graph)?s?|image|picture|illustration|foto)(?: by)?:\s*"
    rf"[^.!?:;]{{1,50}}|\((?:{_AGENCY})(?: photo)?(?:\s*/[^)]{{1,40}})?\)"
    rf"|\(\s*(?-i:[A-Z][A-Z.'’ -]+/[A-Z][\w.'’ /-]+)\)"
    rf"|\[[^\]]{{0,30}}\b(?:{_AGENCY}|file|photo|image)\b[^\]]{{0,30}}\])\s*$",
    re.IGNORECASE,
)
#: Run-together category tags ("SuitesRegulationSecurity").
_RUN_TOGETHER = re.compile(r"[a-z][A-Z]")
#: Relative timestamps of lists of other posts ("14 hours ago", "1 day ago").
AGO = re.compile(
    r"\b\d+\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|months?|years?)"
    r"\s+ago\b|\b(yesterday|today|just now)\b",
    re.IGNORECASE,
)
_MONTH = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?"
)
#: A date or time: numeric (language-neutral) or with an English month name.
_DATE = re.compile(
    rf"\b\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}\b|\b\d{{1,2}}[:.h]\d\d\s*(am|pm|a\.m\.|p\.m\.)?"
    rf"|\b({_MONTH})\.?\s+\d{{1,2}}\b|\b\d{{1,2}}(st|nd|rd|th)?\.?\s+({_MONTH})\b"
    rf"|\b(19|20)\d\d\b",
    re.IGNORECASE,
)
#: A byline: "By Name", or its equivalents in a few languages; "Posted by", "Written by".
BYLINE = re.compile(
    r"^((posted|written|published|reported|words|text|story)\s+(on\s+.{1,40}?\s+)?by|by|von|par|"
    r"por|di|door|"
    r"oleh|av|af)\b[\s:]+\S",
    re.IGNORECASE,
)
#: A writer's name and social-media handle ("Jane Doe @janedoe / 2 days").
_NAME_AND_HANDLE = re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}\s+@\w+")
#: Where a byline's name ends and the page's words beside it begin: the writer's handle
#: ("@janedoe"), a relative time ("/ 2 days", "2 hours ago") or an update note ("Updated ...").
#: What follows is residue, never part of the author's name.
BYLINE_EXTRA = re.compile(
    r"\s+@\w|\s*[/|·•–—-]\s*\d+\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|d|"
    r"weeks?|months?|years?)\b|\s+\d+\s*(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|"
    r"months?|years?)\s+ago\b|[\s,|·•–—-]*\b(last\s+updated|updated)\b",
    re.IGNORECASE,
)
#: "By" alone on a line, the writer's name on the next.
LONE_BY = re.compile(r"^(by|von|par|por|di|door|oleh)\s*:?$", re.IGNORECASE)
#: Counters: share and comment counts, picture counters, page numbers ("438.3K", "1 of 23").
_COUNTER = re.compile(
    r"^[\d.,\s]*[kKmM]?\s*(shares?|comments?|views?|likes?|reads?)?$|"
    r"^(image\s+)?\d+\s*(of|/)\s*/?\s*\d+$|^\(\d+\)$",
    re.IGNORECASE,
)
#: Labels that open a block of links to other content, or close the article.
_SECTION_LABEL = re.compile(
    r"^(related( \w+)?|recent( \w+)?|recommended( \w+)?|read (also|more|next)|also read|"
    r"see (also|more)|more( \w+){0,3}|you may also like|you might also like|most (popular|read|"
    r"viewed|shared)( \w+){0,3}|trending( \w+)?|popular( \w+)?|latest( \w+)?|top stories|"
    r"tags|topics|filed under|categories|share( this( \w+)?)?|comments?|leave a (comment|reply)|"
    r"(about|über|à propos de|sobre|acerca de) (the author|\w+ \w+)|more from( \w+){0,3}|"
    r"sponsored( \w+)?|advert(isement)?|"
    r"newsletter|explore further|further reading|what to read next|don[’']t miss)"
    r"\s*[:.…]*\s*$",
    re.IGNORECASE,
)
#: A label opening the author's biography: "About the author", "About Jane Doe", "Über Jo Roe"
#: (a name: "About the study" heads more of the article).
ABOUT_LABEL = re.compile(
    r"^(?i:about|über|à propos de|sobre|acerca de) "
    r"(?:(?i:the author)|[A-Z][\w'’-]+ [A-Z][\w'’-]+)\s*[:.]?\s*$"
)
#: A line that links to another article of the site by its headline ("Related: The 15 Weirdest
#: Galaxies in Our Universe", "Read more: …"): residue of kind "related" wherever it stands, even
#: where an extractor keeps it inside the article (Live Science's saved pages). On the corpus's
#: saved pages, the three such lines kept were none of them in the ground truth's articleBody.
RELATED_LINE = re.compile(
    r"^(related|read (also|more)|see also|also read|more on this)\s*:\s*\S", re.IGNORECASE
)


def is_related_line(text: str) -> bool:
    """A short line naming another article after "Related:" (up to 16 words)."""
    return bool(RELATED_LINE.match(text)) and len(text.split()) <= 16


#: Opening words of a label followed by other content on the same line ("Related: X").
_INLINE_LABEL = re.compile(
    r"^(related|read (also|more)|see more|also read|more|recommended|watch|listen|"
    r"click here|get the|sign up|subscribe)\b\s*[:>|-]",
    re.IGNORECASE,
)
#: The signature of a reader's comment ("jdoe says:", "Jane wrote:") or a comments header.
_COMMENT = re.compile(
    r"^\S.{0,40}\s(says|said|wrote|writes)\s*:$|^\d+\s+(comments?|responses?|replies)\b|"
    r"^(leave a (comment|reply)|post a comment|add a comment|join the discussion|"
    r"comments? (are )?closed|reply)\s*[:.]?$",
    re.IGNORECASE,
)
#: Labels after which the page offers other content: the article has ended.
END_LABEL = re.compile(
    r"^(read (these|this) next|you (may|might) (also )?like|more from|recommended( for you)?|"
    r"most (popular|read|viewed|shared)|related (posts|stories|articles|coverage|news)|"
    r"recent posts|latest (news|posts|stories)|trending( now)?|more stories|"
    r"what to read next|further reading|explore further|about the author|"
    r"(über|à propos de|sobre|acerca de) (den autor|l'auteur|el autor|o autor))\b.{0,40}$",
    re.IGNORECASE,
)
#: Notices about the site rather than the article: cookies, JavaScript, terms of use.
_SITE_NOTICE = re.compile(
    r"\b(this (web)?site uses cookies|we use cookies|cookie (policy|settings|preferences)|"
    r"(requires|enable|turn on) javascript|javascript (is )?(required|disabled)|"
    r"(by (registering|signing up|subscribing)|you agree to (our|the)) .{0,40}"
    r"(terms|privacy)|(will )?open(s)? in a new (window|tab)|you are (now )?(signed|logged) in)",
    re.IGNORECASE,
)
#: A time stamp led by its label, however its digits ran together ("PUBLISHED TUE, NOV 19
#: 20197:05 AM EST", "Updated: 18 Nov 2019").
_STAMP = re.compile(
    r"^(published|updated|posted|last updated|first published)\b[\s:]*\w*[\s,]*\w*\s*\d",
    re.IGNORECASE,
)
#: A copyright notice ("© 2025 Publisher", "Copyright 2019").
_COPYRIGHT = re.compile(r"^(©|\(c\)\s|copyright\b)", re.IGNORECASE)
#: A note that the article also appears elsewhere on the site: "This article can also be found
#: in the Premium Editorial Download: ...", "This story first appeared in ...".
_ALSO_IN = re.compile(
    r"^(this|the) (article|story|piece|interview|feature) (can |is |was |will )?(also )?"
    r"(be )?(found|available|published|featured|appeared|appears|first appeared)\b",
    re.IGNORECASE,
)
#: Calls to action of promotions: subscribe, download, sign up, click here, newsletter.
_PROMO_ACTION = re.compile(
    r"\b(subscribe|sign up|sign-up|newsletter|download|click here|premium|join us|"
    r"follow us|get the app|free trial|register|log ?in|sign in|unlock|members? only)\b",
    re.IGNORECASE,
)

REASONS = {
    "category-tags": "Category tags of the web page, run together when the page was captured.",
    "image-credit": "Credit line of a picture on the web page; the picture is not part of "
    "the capture.",
    "image-caption": "Caption of a picture on the web page; the picture is not part of "
    "the capture.",
    "promo": "Promotion for other content of the site, not part of the article.",
    "empty-label": "A page label whose links were not captured; nothing follows it.",
    "bio-toggle": "Buttons that show and hide an author biography; no biography was captured.",
    "widget": "Label of a page widget (sharing, comments, advertising).",
    "navigation": "Menus and links of the page before the article.",
    "page-footer": "Links, lists and notices of the page after the article.",
    "link-list": "A list of links to other pages (other headlines, sections), inside the article.",
    "section-label": "Label of a block of links or of a page section, not part of the article.",
    "byline": "The byline; kept in the witness metadata, not in the reading text.",
    "byline-extra": "Words beside the byline's name (the writer's handle, a relative time, an "
    "update note); not part of the author's name, and not part of the article.",
    "date": "A date or time of the page (publication, update, or of a listed post); the "
    "article's date is kept in the witness metadata.",
    "counter": "A counter of the page (shares, comments, pictures), not part of the article.",
    "author-bio": "The author's biography, about the writer rather than part of the article.",
    "repeated": "A line repeated from elsewhere on the page (caption or headline shown twice).",
    "comments": "Readers' comments below the article, not part of it.",
    "site-notice": "A notice of the site (cookies, JavaScript, terms), not part of the article.",
    # Kinds of the blocks of a saved HTML page, read from where the block sits in the page.
    "page-title": "The page's title (the browser tab's), not part of the article.",
    "page-header": "The page's header (site name, menus, sign-in).",
    "sidebar": "A column beside the article (other stories, widgets).",
    "form": "A form of the page (search, sign-up, comment).",
    "related": "Links to other articles of the site.",
    "before-article": "Text of the page before the article (menus, headers, teasers).",
    "after-article": "Text of the page after the article (lists, notices, footers).",
    "in-article": "A block between the article's paragraphs that the extractor left out "
    "(an advert, a caption, a box of links).",
}


def wording_kind(text: str, after_credit: bool) -> str | None:
    """The residue kinds the first converter knew, by wording alone (the seed's kinds)."""
    if _BIO_TOGGLE.search(text) and not _BIO_TOGGLE.sub("", text).strip():
        return "bio-toggle"
    if _EMPTY_LABEL.match(text):
        return "empty-label"
    if _WIDGET.match(text):
        return "widget"
    if _CREDIT_LINE.match(text):
        return "image-credit"
    if re.match(r"image caption\b", text, re.IGNORECASE):
        return "image-caption"
    credit = _TRAILING_CREDIT.search(text)
    if credit and 4 <= len(text[: credit.start()].split()) <= 80:
        return "image-caption"  # the credit alone is an image-credit line, below
    s = text.split()
    if len(_RUN_TOGETHER.findall(text)) >= 2 and not SENTENCE_END.search(text) and len(s) <= 12:
        return "category-tags"
    if text.rstrip().endswith("!") and len(s) <= 15 and _PROMO_WORDS.search(text):
        return "promo"
    if after_credit and len(s) <= 8 and not SENTENCE_END.search(text):
        return "image-caption"
    return None


def is_date(text: str, sh: LineFacts) -> bool:
    """A short line that is mostly a date or time ("Nov 19, 2019 8:03 am ET", "14 hours ago")."""
    if sh.words > 14 or (sh.sentence and sh.words > 8):
        return False
    if AGO.search(text) and sh.words <= 6:
        return True
    hits = [m.group(0) for m in _DATE.finditer(text)]
    if not hits or (len(hits) == 1 and re.fullmatch(r"(19|20)\d\d", hits[0]) and sh.words > 3):
        return False  # a year alone is a date only on a line of its own ("2019")
    return sh.digit_share >= 0.2 or len(hits) >= 2


#: What an article's last lines say when they are the site's calls to action, not the article:
#: subscribe, follow us on a network, send a tip, the terms of the site.
_TAIL_CALL = re.compile(
    r"\b(subscribe|sign up|newsletters?|free trial|download the app|get the app|"
    r"follow (us|\S+(?: \S+)?) on (instagram|facebook|twitter|youtube|x)|"
    r"have a (news )?tip|(may|can) be reached at|constitutes acceptance|user agreement|"
    r"click here)\b",
    re.IGNORECASE,
)


def tail_call(text: str, sh: LineFacts) -> bool:
    """A line that, at the end of an article, is the site's call to action."""
    return sh.words <= 40 and bool(_TAIL_CALL.search(text))


def furniture_kind(text: str, sh: LineFacts) -> str | None:
    """Kinds of page furniture recognised by the wording and shape of one line."""
    if sh.words <= 12 and _COMMENT.search(text):
        return "comments"
    if _COUNTER.match(text) and sh.words <= 4:
        return "counter"
    if (BYLINE.match(text) or _NAME_AND_HANDLE.match(text)) and (
        (sh.words <= 12 and not sh.sentence) or (sh.words <= 20 and _DATE.search(text))
    ):
        return "byline"  # "By Jo Lee, Sam Roe on Monday, November 18th, 2019 at 11:08 a.m."
    if _COPYRIGHT.match(text) and sh.words <= 16:
        return "page-footer"
    if _SITE_NOTICE.search(text):
        return "site-notice"
    if is_date(text, sh) or (sh.words <= 20 and _STAMP.match(text)):
        return "date"
    if sh.words <= 14 and _CREDIT_SHORT.search(text) and not (sh.sentence and sh.words > 8):
        return "image-credit"
    if _SECTION_LABEL.match(text) or (sh.words <= 8 and END_LABEL.match(text)):
        return "section-label"
    if sh.words <= 16 and _INLINE_LABEL.match(text):
        return "promo"
    if sh.words <= 30 and _ALSO_IN.match(text):
        return "promo"
    if sh.words <= 12 and _PROMO_ACTION.search(text) and sh.stop_share < 0.4:
        return "promo"
    return None
