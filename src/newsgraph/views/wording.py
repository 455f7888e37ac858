"""Words shared by every view: counts in English and a title for every article."""

from __future__ import annotations

from newsgraph.records import Article


def plural(count: int, noun: str) -> str:
    """'1 article', '2 articles', '1 independent source': a count as a person writes it."""
    if count == 1:
        return f"1 {noun}"
    if noun.endswith(("s", "x", "ch", "sh")):
        return f"{count:,} {noun}es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{count:,} {noun[:-1]}ies"
    return f"{count:,} {noun}s"


def title_of(article: Article, limit: int = 90) -> str:
    """The article's title, else its first line of text: never a file path or an id."""
    if article.title and article.title.strip():
        return " ".join(article.title.split())
    first = next((line.strip() for line in article.text.splitlines() if line.strip()), "")
    if not first:
        return "untitled article"
    first = " ".join(first.split())
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"
