"""Entity resolution across articles: a bare name joins the one full name its story knows.

Within one article the extractor already merges "Kim" into "Kim Jong Un". An article that only
ever says "Kim" cannot: its story can. When the articles of the same story name exactly one
person whose family (or given) name is that word, the bare name is the same referent; with two candidates
("Kim Jong Un", "Kim Yo Jong") nothing is merged, since a wrong merge is worse than none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from newsgraph.records import Mention


def surname_merges(
    new_mentions: Iterable[Mention], story_people: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(article id, entity id, full-name entity id) for each bare person name of `new_mentions`
    that exactly one full name of the story (`story_people`: entity id -> name) resolves.

    The change is per article: "Kim" in another story may be somebody else."""
    # The family name comes last in "Donald Trump" and first in "Kim Jong Un": match either end.
    by_end: dict[str, set[str]] = {}
    for entity, name in story_people.items():
        words = name.split()
        if len(words) >= 2:
            for word in {words[0], words[-1]}:
                by_end.setdefault(word.casefold(), set()).add(entity)
    merges: set[tuple[str, str, str]] = set()
    for mention in bare_person_names(new_mentions):
        assert mention.entity_id is not None
        candidates = by_end.get(mention.name.strip().casefold(), set()) - {mention.entity_id}
        if len(candidates) == 1:
            merges.add((mention.article_id, mention.entity_id, next(iter(candidates))))
    return sorted(merges)


def bare_person_names(mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions `surname_merges` may resolve: persons named by one word, with an entity.
    A story whose new mentions hold none needs no look-up of the people it knows."""
    return [
        m
        for m in mentions
        if m.type == "PERSON" and m.entity_id is not None and " " not in m.name.strip()
    ]
