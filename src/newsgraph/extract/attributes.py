"""One cached pass for what spaCy's attribute ruler and rule lemmatizer compute, token by token.

The stock components cost a quarter of the English pipeline's time: the ruler runs a Matcher
with some 180 one-token patterns over every token, and the lemmatizer walks its rule tables
again for every proper noun, number and punctuation mark it meets (it caches only some paths).
Yet for all but a handful of patterns the outcome of both depends only on the token's own
spelling, tag and dependency label. `FastAttributes` evaluates the one-token patterns and the
lemma once per (spelling, tag, label) and writes the results for a whole Doc with one
`Doc.from_array`; the few patterns that look at a neighbour are found from the spelling they
name.
The output is the stock components' output, token for token (tests/extract/test_attributes.py
holds it to that on real pages); a pipeline whose patterns use anything this module does not
evaluate keeps its stock components.
"""

# No `from __future__ import annotations`: spaCy resolves the factory's hints at run time.
import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token

_KEYS = {"LOWER", "TAG", "DEP", "IS_SPACE"}
_OPS = {"IN", "NOT_IN", "REGEX"}
_SET_IN_BULK = {"POS", "MORPH", "LEMMA"}
_CACHE_LIMIT = 500_000

Rule = tuple[int, dict[str, Any]]


class Unsupported(ValueError):
    """The pipeline's attribute patterns use something this module does not evaluate."""


def _holds(condition: dict[str, Any], values: dict[str, Any]) -> bool:
    for key, want in condition.items():
        value = values[key]
        if isinstance(want, dict):
            for op, arg in want.items():
                if op == "IN" and value not in arg:
                    return False
                if op == "NOT_IN" and value in arg:
                    return False
                if op == "REGEX" and not re.search(arg, value):
                    return False
        elif value != want:
            return False
    return True


def _spellings(condition: dict[str, Any]) -> set[str] | None:
    """The lower-case spellings a token condition allows, or None if it names none."""
    lower = condition.get("LOWER")
    if isinstance(lower, str):
        return {lower}
    if isinstance(lower, dict) and set(lower) == {"IN"}:
        return set(lower["IN"])
    return None


def _anchor(pattern: list[dict[str, Any]]) -> tuple[int, set[str]]:
    """The first position of `pattern` that names its spelling, and the spellings it allows."""
    for at, condition in enumerate(pattern):
        spellings = _spellings(condition)
        if spellings is not None:
            return at, spellings
    raise Unsupported(f"a pattern of several tokens names no spelling: {pattern}")


def _check(condition: dict[str, Any]) -> None:
    for key, want in condition.items():
        if key not in _KEYS:
            raise Unsupported(f"pattern attribute {key}")
        if isinstance(want, dict) and not set(want) <= _OPS:
            raise Unsupported(f"pattern operator {sorted(set(want) - _OPS)}")


def _indexed(lookups: Lookups) -> Lookups:
    """`lookups` with each part of speech's word list in `lemma_index` as a set: the rule
    lemmatizer asks whether each form it derives is a known word (`form in index`), and on
    the stock tables each asking walks a list of up to 57,000 words. Same answers, no walk."""
    fast = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        if name == "lemma_index":
            fast.add_table(name, {key: frozenset(words) for key, words in table.items()})
        else:
            fast.set_table(name, table)
    return fast


def _set(token: Token, attrs: dict[str, Any]) -> None:
    for key, value in attrs.items():
        if key == "MORPH":
            token.set_morph(value)  # type: ignore[attr-defined]
        else:
            setattr(token, key.lower() + "_", value)


class FastAttributes:
    """Drop-in for the `attribute_ruler` + `lemmatizer` pair of a spaCy pipeline."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise Unsupported(
                f"lemmatizer mode {lemmatizer.mode!r}, overwrite {lemmatizer.overwrite}"
            )
        self.lemmatizer = lemmatizer
        self.vocab = ruler.vocab
        self.single: list[Rule] = []
        # patterns of several tokens, each found from the token whose spelling it names
        self.context: list[tuple[int, list[dict[str, Any]], int, Rule]] = []
        anchors: set[str] = set()
        saved: list[dict[str, Any]] = list(ruler.patterns)
        for number, rule in enumerate(saved):
            for pattern in rule["patterns"]:
                for condition in pattern:
                    _check(condition)
            attrs = dict(rule["attrs"])
            if all(len(pattern) == 1 for pattern in rule["patterns"]):
                for pattern in rule["patterns"]:
                    self.single.append((number, {"when": pattern[0], **attrs}))
            else:
                for pattern in rule["patterns"]:
                    at, spellings = _anchor(pattern)
                    anchors |= spellings
                    self.context.append((at, pattern, rule["index"], (number, attrs)))
        self.anchors = numpy.array(sorted(self.vocab.strings.add(a) for a in anchors), "uint64")
        self.single.sort(key=lambda rule: rule[0])
        # Index the one-token rules so that a new token is checked against a few of them:
        # by the spelling they ask for, and the rest (no spelling, or a pattern) always.
        self.by_lower: dict[str, list[Rule]] = {}
        self.unindexed: list[Rule] = []
        self.spelling_free: list[Rule] = []
        for number, one in self.single:
            allowed = _spellings(one["when"])
            if allowed is not None:
                for value in allowed:
                    self.by_lower.setdefault(value, []).append((number, one))
            elif "LOWER" in one["when"]:
                self.unindexed.append((number, one))
            else:
                self.spelling_free.append((number, one))
        self.by_shape: dict[tuple[str, str, bool], list[Rule]] = {}
        # Labels no rule names all act alike (no equality or IN holds, every NOT_IN does), so
        # the cache keys them as one: fewer first-time tokens to work out.
        named: set[str] = set()
        conditions = [one["when"] for _, one in self.single]
        conditions += [c for _, pattern, _, _ in self.context for c in pattern]
        for condition in conditions:
            want = condition.get("DEP")
            if isinstance(want, str):
                named.add(want)
            elif isinstance(want, dict):
                if "REGEX" in want:
                    raise Unsupported("a pattern matches labels by regular expression")
                named.update(*(v for k, v in want.items() if k in ("IN", "NOT_IN")))
        self.label_class = {
            self.vocab.strings.add(label): label_id
            for label_id, label in enumerate(sorted(named), 1)
        }
        # (orth, tag, dep) -> (POS, MORPH, LEMMA ids, other attributes or None, rules that hold)
        self.cache: dict[
            tuple[int, int, int], tuple[int, int, int, dict[str, Any] | None, list[Rule]]
        ] = {}
        # (orth, POS, MORPH) -> lemma: the rule lemmatizer reads nothing else of a token, yet
        # caches only the forms it finds in its tables, so that a proper noun, a number or a
        # base form is worked out again for every (spelling, tag, label) the cache above meets
        self.lemmas: dict[tuple[int, int, int], str] = {}
        # the lemmatizer is this component's alone once `install` has taken it out of the
        # pipeline (and if the swap fails, this line is not reached)
        lemmatizer.lookups = _indexed(lemmatizer.lookups)

    def _rules_for(self, token: Token) -> list[Rule]:
        """The one-token rules that hold for `token` (in any order: `_apply` sorts them)."""
        values = {
            "LOWER": token.lower_,
            "TAG": token.tag_,
            "DEP": token.dep_,
            "IS_SPACE": token.is_space,
        }
        shape = (token.tag_, token.dep_, token.is_space)
        rules = self.by_shape.get(shape)
        if rules is None:
            rules = [(n, r) for n, r in self.spelling_free if _holds(r["when"], values)]
            self.by_shape[shape] = rules
        candidates = self.by_lower.get(token.lower_, []) + self.unindexed
        return rules + [(n, r) for n, r in candidates if _holds(r["when"], values)]

    def _apply(self, token: Token, rules: Iterable[Rule]) -> dict[str, Any]:
        """Set on `token` what `rules` (in order) and then the lemmatizer give it."""
        merged: dict[str, Any] = {}
        for _, rule in sorted(rules, key=lambda r: r[0]):
            merged.update({k: v for k, v in rule.items() if k not in ("when", "index")})
        _set(token, merged)
        if token.lemma == 0:
            key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
            lemma = self.lemmas.get(key)
            if lemma is None:
                lemma = self.lemmas[key] = self.lemmatizer.lemmatize(token)[0]
            token.lemma_ = lemma
        return merged

    def _solve(self, token: Token) -> tuple[int, int, int, dict[str, Any] | None, list[Rule]]:
        rules = self._rules_for(token)
        merged = self._apply(token, rules)
        extra = {k: v for k, v in merged.items() if k not in _SET_IN_BULK} or None
        return token.pos, token.morph.key, token.lemma, extra, rules  # type: ignore[attr-defined]

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        keys = doc.to_array([ORTH, TAG, DEP]).tolist()
        out = numpy.empty((len(doc), 3), dtype="uint64")
        extras: list[tuple[int, dict[str, Any]]] = []
        cache = self.cache
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
            self.lemmas.clear()
        for i, (orth, tag, dep) in enumerate(keys):
            key = (orth, tag, self.label_class.get(dep, 0))
            found = cache.get(key)
            if found is None:
                found = cache[key] = self._solve(doc[i])
            out[i, 0], out[i, 1], out[i, 2] = found[0], found[1], found[2]
            if found[3] is not None:
                extras.append((i, found[3]))
        doc.from_array([POS, MORPH, LEMMA], out)  # type: ignore[arg-type]
        for i, attrs in extras:
            _set(doc[i], attrs)
        self._context(doc, keys)
        return doc

    def _context(self, doc: Doc, keys: list[list[int]]) -> None:
        """Patterns that look at a neighbour: redo the tokens they touch, rules in order."""
        lowers = doc.to_array([LOWER])
        near = numpy.flatnonzero(numpy.isin(lowers, self.anchors))
        if not len(near):
            return
        strings = self.vocab.strings

        def values(j: int) -> dict[str, Any]:
            orth, tag, dep = keys[j]  # as the parser left them, as the stock ruler sees them
            return {
                "LOWER": strings[int(lowers[j])],
                "TAG": strings[tag],
                "DEP": strings[dep],
                "IS_SPACE": self.vocab[orth].is_space,
            }

        touched: dict[int, list[Rule]] = {}
        seen: set[tuple[int, int]] = set()
        for i in near.tolist():
            for number, (at, pattern, index, rule) in enumerate(self.context):
                start = i - at
                if start < 0 or start + len(pattern) > len(doc) or (number, start) in seen:
                    continue
                if all(_holds(c, values(start + k)) for k, c in enumerate(pattern)):
                    seen.add((number, start))
                    target = start + (index if index >= 0 else len(pattern) + index)
                    touched.setdefault(target, []).append(rule)
        for i, rules in touched.items():
            token = doc[i]
            # back to what the parser left, then every rule that holds, in rule order
            orth, tag, dep = keys[i]
            token.tag, token.dep, token.lemma = tag, dep, 0
            self._apply(token, self.cache[(orth, tag, self.label_class.get(dep, 0))][4] + rules)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("newsgraph_attributes")
def make_fast_attributes(nlp: Language, name: str) -> FastAttributes:
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    if not isinstance(ruler, AttributeRuler) or not isinstance(lemmatizer, Lemmatizer):
        raise Unsupported("the pipeline's attribute_ruler or lemmatizer is not spaCy's own")
    return FastAttributes(ruler, lemmatizer)


@Language.component("newsgraph_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """A paragraph break ends a sentence: the token after whitespace holding a line break
    starts one. Without this the parser runs a sentence on into the next paragraph ("...
    'disappointing.' ⏎ 'I'm going to defend Dodd-Frank,' Clinton said.") and hangs one
    paragraph's clauses on the other's verbs. The parser keeps sentence starts set before it."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
            k = tok.i  # the break and the marks closing the paragraph stay with its sentence
            while k > 0 and (k == tok.i or (doc[k].is_punct and not doc[k - 1].whitespace_)):
                doc[k].is_sent_start = False
                k -= 1
            if k > 0 and doc[k].is_punct:
                doc[k].is_sent_start = False
    return doc


def install(nlp: Language) -> bool:
    """Mark paragraph breaks as sentence starts before the parser runs, and swap the stock
    ruler and lemmatizer of `nlp` for `FastAttributes`; False if the swap cannot be made."""
    names = nlp.pipe_names
    if "parser" in names and "newsgraph_paragraphs" not in names:
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
        names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return False
    if names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return False
    try:
        nlp.add_pipe("newsgraph_attributes", before="attribute_ruler")
    except Unsupported:
        return False
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    return True
