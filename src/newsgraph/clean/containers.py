"""Where the article body sits in the page tree, used to mend trafilatura's choice of text.

trafilatura returns text without positions. We find the page element each output line came
from, take the smallest container that holds most of the output, and then:
- drop lines that come from template blocks (related lists, newsletter boxes, share bars, author
  boxes: class/id tokens and link density say so) or from outside the container after it;
- add the paragraphs trafilatura skipped inside the container, or inside repeated chunks of the
  same container (templates that split one body into several blocks around ad slots).
Every rule names a phenomenon of page templates, never a site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

# Elements whose whole text trafilatura turns into one output line.
LINE_TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "td", "th", "dd", "dt"}
    | {"pre", "figcaption", "caption"}
)
LINK_LINE_TAGS = frozenset({"p", "li", "dd", "dt", "td"})
# The container is the deepest element holding this share of the located text.
CONTAINER_SHARE = 0.7
# A p/li line with more of its text in links than this is a teaser or "read more" line.
MAX_LINE_LINKS = 0.8
# A skipped paragraph is recovered when it has this many characters and few links.
MIN_RECOVERED_CHARS = 60
MAX_RECOVERED_LINKS = 0.3
# Elements a skipped paragraph may be recovered from.
PARAGRAPH_TAGS = frozenset({"p", "h2", "h3", "h4", "blockquote", "li"})
# Class/id tokens of template blocks that are not the article: a phenomenon of templates.
TEMPLATE_TOKENS = re.compile(
    r"(?:^|[^a-z])(?:related|recommend\w*|newsletter\w*|promo\w*|share|sharing|social|subscri\w*|"
    r"signup|sign-up|recirc\w*|more-?stories|read-?more|readmore|also-?read|trending|popular|"
    r"outbrain|taboola|author-?bio|author-?info|about-?the-?author|bio-?box|sidebar|widget|"
    r"ad|ads|advert\w*|sponsor\w*|teaser\w*|breadcrumbs?|tags|tag-?list|comments?|discussion|"
    r"replies|nav|navigation|menu|footer|byline|credits?|disclaimer|paywall|modal|popup|tooltip|"
    r"visually-?hidden|sr-only|screen-?reader\w*|captions?|gallery|slideshow|carousel|"
    r"prev|previous|next|next-?prev|pagination|recent|latest)(?:$|[^a-z])"
)
# Tags that hold no body text of their own, wherever they sit.
TEMPLATE_TAGS = frozenset({"aside", "nav", "footer", "form", "figure", "figcaption", "header"})
WORD = re.compile(r"\w+")
# A line not found whole is looked up by its start: the text before its first inline element.
START_CHARS = 24
LIST_MARK = re.compile(r"^[-•*]\s")
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "form"})


def shingles_of(text: str) -> list[tuple[str, ...]]:
    """Runs of four word tokens: how the benchmark compares texts, and how we spot repeats."""
    tokens = WORD.findall(text)
    return [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]


def norm(text: str) -> str:
    """Text with its runs of white space made single spaces."""
    return " ".join(text.split())


@dataclass(slots=True)
class PageIndex:
    """Block elements of a page by their normalised text, and every element's document order."""

    by_text: dict[str, HtmlElement] = field(default_factory=dict)
    by_start: dict[str, HtmlElement] = field(default_factory=dict)
    order: dict[HtmlElement, int] = field(default_factory=dict)


def index_page(tree: HtmlElement) -> PageIndex:
    """Normalised text -> deepest element with that text, and each element's position.

    Line elements are keyed by their whole text; other elements (a div holding bare text) by
    their own text only: their whole text would cost a pass over every nested level.
    """
    index = PageIndex()
    by_text, by_start, order = index.by_text, index.by_start, index.order
    for position, element in enumerate(tree.iter()):
        tag = element.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            continue
        order[element] = position
        if tag in LINE_TAGS:
            text = norm(element.text_content())
            if text:
                # Ancestors come first in document order: the deepest element wins.
                by_text[text] = element
        elif element.text and not element.text.isspace():
            text = norm(element.text)
            if len(text) >= START_CHARS:
                by_text.setdefault(text, element)
                by_start.setdefault(text[:START_CHARS], element)
        tail = element.tail
        # Text after a <br> or an inline element is a line of the parent's.
        if tail and len(tail) >= START_CHARS and not tail.isspace():
            parent = element.getparent()
            if parent is not None:
                text = norm(tail)
                by_text.setdefault(text, parent)
                by_start.setdefault(text[:START_CHARS], parent)
    return index


def line_key(line: str) -> str:
    """An output line as the page element's text would read: no list mark, no table bars."""
    line = LIST_MARK.sub("", line.strip())
    if line.startswith("|"):
        line = line.strip("| ").replace(" | ", " ")
    return norm(line)


def locate(index: PageIndex, line: str) -> HtmlElement | None:
    """The page element an output line came from, or None when it cannot be told."""
    key = line_key(line)
    found = index.by_text.get(key)
    if found is None and len(key) >= START_CHARS:
        found = index.by_start.get(key[:START_CHARS])
    return found


def template_marked(element: HtmlElement, stop: HtmlElement | None) -> bool:
    """True when the element or an ancestor below `stop` has a template block's class/id token."""
    node: HtmlElement | None = element
    while node is not None and node is not stop:
        if node.tag in TEMPLATE_TAGS:
            return True
        names = f"{node.get('class', '')} {node.get('id', '')}".lower()
        if names.strip() and TEMPLATE_TOKENS.search(names):
            return True
        node = node.getparent()
    return False


def main_container(elements: list[HtmlElement], weights: list[int], share: float) -> HtmlElement:
    """The deepest element whose subtree holds at least `share` of the located output."""
    totals: dict[HtmlElement, int] = {}
    depth: dict[HtmlElement, int] = {}
    for element, weight in zip(elements, weights, strict=True):
        chain = [element, *element.iterancestors()]
        for level, ancestor in enumerate(reversed(chain)):
            totals[ancestor] = totals.get(ancestor, 0) + weight
            depth[ancestor] = level
    need = share * sum(weights)
    return max((e for e, total in totals.items() if total >= need), key=depth.__getitem__)


def linked_line(element: HtmlElement, key: str, limit: float) -> bool:
    """A paragraph or list item that is mostly link text: a teaser or "read more" line.

    Only an element whose whole text is the line can tell; headings and quotes are left alone
    (product names and embedded posts are links and still the article).
    """
    if element.tag not in LINK_LINE_TAGS or norm(element.text_content()) != key:
        return False
    return link_density(element, key) > limit


def link_density(element: HtmlElement, text: str) -> float:
    """Share of an element's text that sits inside links."""
    if not text:
        return 0.0
    linked = sum(len(norm(a.text_content())) for a in element.iter("a"))
    return linked / len(text)


def common_ancestor(one: HtmlElement, other: HtmlElement) -> HtmlElement | None:
    """The nearest element that holds both."""
    ancestors = {id(node) for node in other.iterancestors()}
    ancestors.add(id(other))
    node: HtmlElement | None = one
    while node is not None and id(node) not in ancestors:
        node = node.getparent()
    return node


def inside(element: HtmlElement, container: HtmlElement) -> bool:
    """True when `element` is `container` or lies within it."""
    node: HtmlElement | None = element
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False


def refine(tree: HtmlElement, text: str, titles: tuple[str, ...] = ()) -> str:
    """trafilatura's text mended with the page tree: template lines out, skipped paragraphs in.

    `titles` are the page's headline forms (h1, og:title, <title>): a line opening the text that
    reads as one of them is the headline, not the body.
    """
    lines = drop_headline([line for line in text.splitlines() if line.strip()], titles)
    if not lines:
        return text
    index = index_page(tree)
    located = [locate(index, line) for line in lines]
    found = [(e, len(line)) for e, line in zip(located, lines, strict=True) if e is not None]
    if not found:
        return "\n".join(lines)
    container = main_container([e for e, _ in found], [w for _, w in found], CONTAINER_SHARE)
    placed = [
        (None if element is None else index.order.get(element), line)
        for line, element in zip(lines, located, strict=True)
        if element is None or keeps(element, line, container, index)
    ]
    extra = sorted(recover(tree, container, set(located), text, index))
    merged: list[str] = []
    for position, line in placed:
        # A skipped paragraph goes before the first kept line that follows it in the page;
        # kept lines keep trafilatura's order (lines of one element may come out of order).
        while extra and position is not None and extra[0][0] < position:
            merged.append(extra.pop(0)[1])
        merged.append(line)
    merged.extend(line for _, line in extra)
    return "\n".join(merged)


def keeps(element: HtmlElement, line: str, container: HtmlElement, index: PageIndex) -> bool:
    """Whether a located line stays: not after the body, not a template block before it, not
    a line of links."""
    if not inside(element, container):
        if index.order.get(element, 0) > index.order.get(container, 0):
            return False  # below the body: related lists, newsletter boxes, footers
        if template_marked(element, common_ancestor(element, container)):
            return False
    # Template tokens inside the body's own container are not trusted: templates mark body
    # blocks with words such as "hidden" or "share" too (it cost recall when tried).
    return not linked_line(element, line_key(line), MAX_LINE_LINKS)


def drop_headline(lines: list[str], titles: tuple[str, ...]) -> list[str]:
    """The lines without the headline when one of the first three repeats it."""
    forms = {norm(title).casefold() for title in titles if title}
    for i, line in enumerate(lines[:3]):
        key = line_key(line).casefold()
        # <title> adds " - Site" after the headline, hence the prefix test.
        if len(key) >= 10 and (key in forms or any(form.startswith(key) for form in forms)):
            return lines[:i] + lines[i + 1 :]
    return lines


def recover(
    tree: HtmlElement,
    container: HtmlElement,
    located: set[HtmlElement | None],
    text: str,
    index: PageIndex,
) -> list[tuple[int, str]]:
    """Paragraphs of the container (and of its template's other chunks) that were skipped:
    prose of some length, few links, outside template blocks and not already in the text."""
    found: list[tuple[int, str]] = []
    known: set[tuple[str, ...]] | None = None  # the text's shingles, made when first needed
    for chunk in chunks_of(tree, container):
        for element in chunk.iter(*PARAGRAPH_TAGS):
            if element in located or any(a in located for a in element.iterancestors()):
                continue
            if any(d in located for d in element.iterdescendants()):
                continue
            paragraph = norm(element.text_content())
            if len(paragraph) < MIN_RECOVERED_CHARS:
                continue
            if link_density(element, paragraph) > MAX_RECOVERED_LINKS:
                continue
            if template_marked(element, chunk) or next(element.iter(*SKIP_TAGS), None) is not None:
                continue
            if known is None:
                known = set(shingles_of(text))
            own = shingles_of(paragraph)
            # Half its shingles already in the text: a copy (a pull quote, a mobile twin).
            if not own or sum(s in known for s in own) * 2 >= len(own):
                continue
            known.update(own)
            found.append((index.order.get(element, 0), paragraph))
            located.add(element)
    return found


def chunks_of(tree: HtmlElement, container: HtmlElement) -> list[HtmlElement]:
    """The container and the blocks cut from the same template: same tag, same class list."""
    classes = container.get("class", "").strip()
    if not classes:
        return [container]
    return [
        element
        for element in tree.iter(container.tag)
        if element is container
        or (
            element.get("class", "").strip() == classes
            and not inside(element, container)
            and not template_marked(element, common_ancestor(element, container))
        )
    ]
