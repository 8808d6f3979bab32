"""The stage 4 resolver: collects the article's people and their mentions, then
resolves every quote's speaker mention in text order (``Resolver.run``).

The resolver's state is what resolution is relative to: the entities found so far
(``names.person_for_name`` clusters name forms into them) and the mentions in
text order that salience weighs (``salient``).
"""
from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span

from ..lexicon import ORG_ALIASES, PERSON_NOUNS, SPOKESPERSON_NOUNS, TITLES
from ..model import Article, Person, Quote, Speaker
from ..nlp import LINE_BREAK, entities, text_of
from ..quotes import Found
from ..quotes.marks import SpanIndex, SpanSet
from . import mentions as _mentions
from . import personhood as _personhood
from . import phrase as _phrase
from . import referents as _referents
from .entities import OFFICE_HEADS, Entities, Entity
from .index import MentionList, salient_weights
from .names import NAME_RE, appositions, clean_role, copula_role, norm, person_for_name, premodifiers, role_text, trim_epithet, name_parts

#: A resolved quote: its speaker entity (None: nobody) and kind of speaker.
_Resolved = tuple[Entity | None, str]


#: The label of an organisation found by ", which" after a name the NER called a person.
THING_LABEL = "ORG-which"


def _which_follows(span: Span) -> bool:
    """True when ", which" follows the name (a relative pronoun for things, not people)."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "which"


class Resolver:
    """Stage 4 over one article: its Doc, the quotes stage 3 found, the Article."""

    def __init__(self, doc: Doc, found: list[Found], article: Article) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.found = found
        self.article = article
        self.entities: list[Entity] = []
        self.skipped = [(s.start, s.end) for s in article.skipped]
        self.quote_spans = [(f.start, f.end) for f in found if f.type == "direct"]
        # "is offset i in a quote / a skipped line?" is asked for every mention: indexed
        self._skipped_set = SpanSet(self.skipped)
        self._quote_set = SpanSet(self.quote_spans)
        self._quote_index = SpanIndex(self.quote_spans)
        # mentions in text order: (start, end, entity, is_subject, in_quote), indexed by entity
        self.mentions: list[tuple[int, int, Entity, bool, bool]] = MentionList()
        # (quote start, speaker) in text order, once run
        self.speaker_positions: list[tuple[int, Entity]] = []
        # organisations and places named, in text order: (start, end, entity, NER label)
        self.org_mentions: list[tuple[int, int, Entity, str]] = []
        #: names that ", which" showed to be organisations, by their head's offset
        self.things: dict[int, Entity] = {}
        # people named together ("X and Y"), in text order: (start, members)
        self.pairs: list[tuple[int, list[Entity]]] = []

    def detached(self, memo: dict[int, Any]) -> "Resolver":
        """A copy whose entities and mentions are its own (deep-copied through ``memo``):
        resolving on it leaves this resolver, and the Entities it returned, unchanged."""
        twin = copy.copy(self)
        twin.entities = copy.deepcopy(self.entities, memo)
        twin.mentions = copy.deepcopy(self.mentions, memo)
        twin.speaker_positions = copy.deepcopy(self.speaker_positions, memo)
        twin.org_mentions = copy.deepcopy(self.org_mentions, memo)
        twin.things = copy.deepcopy(self.things, memo)
        twin.pairs = copy.deepcopy(self.pairs, memo)
        return twin

    # ---------------------------------------------------------------- 1-2. names and roles

    def _in_skipped(self, i: int) -> bool:
        return self._skipped_set.has(i)

    def _in_quote(self, i: int) -> bool:
        return self._quote_set.has(i)

    def person_for_name(self, name: str, titles: list[str] | None = None, create: bool = True,
                        gender: str | None = None) -> Entity | None:
        """The person ``name`` names (``names.person_for_name`` on this article's entities)."""
        return person_for_name(self.entities, self.text, name, titles, create=create, gender=gender)

    def collect_people(self) -> None:
        """Every PERSON the NER found, clustered by name, with the roles written around it."""
        # names the NER also labels a body or a people somewhere in the article ("Labour")
        bodies = {e.text for e in entities(self.doc) if e.label_ in ("ORG", "NORP", "GPE")}
        for ent in entities(self.doc):
            if ent.label_ != "PERSON" or self._in_skipped(ent.start_char):
                continue
            if len(ent) == 1 and ent.text in bodies and ent.root.dep_ == "compound" and ent.root.head.pos_ in ("NOUN", "PROPN"):
                # "several Labour MPs", "one senior Labour backbencher": a party or body
                # that modifies a noun, tagged PERSON here and an organisation elsewhere
                continue
            # "George confronts Benji": a span the NER ran across a verb holds two names
            for span in name_parts(trim_epithet(ent)):
                self._collect_person(span)
        self.mentions.sort(key=lambda m: m[0])
        _referents.collect_unlabelled_names(self)
        _personhood.genders_from_binding(self)  # first: a relabelled name needs a gender
        _personhood.collect_relabelled_names(self)
        _personhood.collect_common_word_surnames(self)
        _referents.collect_orgs(self)
        _referents.collect_pairs(self)
        self.collect_descriptions()

    def _collect_person(self, span: Span) -> None:
        """One PERSON name span: its person, with the roles written around it, and its mention."""
        text = NAME_RE.sub("", span.text).strip(" @")
        if "_" in text or not re.search(r"[A-Za-z]", text):
            return
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in span.root.children):
            return  # "a self-described Libertarian Socialist": a description, not a name
        if _which_follows(span):
            # "Valley Metro, which operates the route": "which" is said of a thing,
            # an organisation the NER took for a person
            self.things[span.root.idx] = self.org_entity(text)
            self.org_mentions.append((span.start_char, span.end_char, self.things[span.root.idx], THING_LABEL))
            return
        # titles and roles written before the name: "Tory leader Kemi Badenoch"
        pre = premodifiers(span)
        titles = [t.text for t in pre if t.lower_.rstrip(".") in TITLES]
        e = self.person_for_name(text, titles)
        if e is None:
            return
        # a role comes from a pre-modifier, an apposition or a copula about the name
        for role in (role_text(pre), *appositions(span), copula_role(span)):
            role = clean_role(role, e.name) if role else None
            if role and role.lower() not in {r.lower() for r in e.roles}:
                e.roles.append(role)
                e.titles.add(role.lower())
        s = pre[0].idx if pre else span.start_char
        self.add_mention(s, span.end_char, e, subject=span.root.dep_ in ("nsubj", "nsubjpass"))

    def collect_descriptions(self) -> None:
        """Definite descriptions of people in the narrative ("The president's Pacific
        roots ...", "the Prime Minister") are mentions too: resolved in text order, they
        keep the salience of the person they name for the pronouns after them."""
        from ..quotes import mention_span

        for head in self.doc:
            if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ == "PERSON":
                continue
            lemma = head.lemma_.lower()
            if lemma not in OFFICE_HEADS and not (lemma in PERSON_NOUNS and lemma not in SPOKESPERSON_NOUNS):
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
                continue
            if self._in_skipped(head.idx) or self._in_quote(head.idx):
                continue
            s, e = mention_span(head)
            ent, _ = self.resolve_mention(head.i, (s, e), None)
            if ent is not None and ent.kind == "person":
                self.add_mention(s, e, ent, subject=head.dep_ in ("nsubj", "nsubjpass") or head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass"))
                self.mentions.sort(key=lambda m: m[0])

    def _drop_mention(self, s: int, e: int, keep: Entity) -> None:
        """Take the span [s, e) from the mentions of any entity but ``keep``."""
        # (the list is in text order: only the entries starting at s are looked at)
        lo = bisect.bisect_left(self.mentions, s, key=lambda m: m[0])
        hi = bisect.bisect_right(self.mentions, s, key=lambda m: m[0])
        stale = [m for m in self.mentions[lo:hi] if m[1] == e and m[2] is not keep]
        # (the salience list keeps the entry, as it always has: it is append-only for its
        # indexes; the person's own mentions, which the output lists, lose it)
        for m in stale:
            if (s, e) in m[2].mentions:
                m[2].mentions.remove((s, e))

    def add_mention(self, s: int, e: int, ent: Entity, subject: bool = False) -> None:
        """Record a mention of ``ent`` at [s, e) for salience."""
        ent.mentions.append((s, e))
        self.mentions.append((s, e, ent, subject, self._in_quote(s)))

    # ---------------------------------------------------------------- 3. other mentions

    def org_entity(self, name: str) -> Entity:
        """The organisation ``name`` names (metonyms folded: "No 10" is Downing Street;
        an acronym and its expansion are one: "the FSA", "the Food Standards Agency")."""
        canon = ORG_ALIASES.get(norm(name).lower(), norm(re.sub(r"^(the|a|an)\s+", "", name, flags=re.I)))
        for e in self.entities:
            if e.kind == "organisation" and e.description == canon:
                return e
        for e in self.entities:
            if e.kind == "organisation" and _referents.same_org(e.description or "", canon):
                return e
        e = Entity(key=len(self.entities), kind="organisation", description=canon, names=[canon])
        self.entities.append(e)
        return e

    def described_entity(self, kind: str, desc: str, head: str, definite: bool) -> Entity:
        """The unnamed speaker or group a description names, found again when definite."""
        # "the spokesman" finds "the Prime Minister's official spokesman"; "the Trump
        # campaign" names whose it is and never finds "the Clinton campaign"
        if definite and not re.search(r"\b[A-Z]", re.sub(r"^(the|a|an)\s+", "", desc, flags=re.I)):
            for e in reversed(self.entities):
                if e.kind == kind and (e.head == head or (e.description or "").lower() == desc.lower()):
                    return e
        for e in self.entities:
            if e.kind == kind and (e.description or "").lower() == desc.lower():
                return e
        e = Entity(key=len(self.entities), kind=kind, description=desc, head=head)
        self.entities.append(e)
        return e

    def group_of(self, members: list[Entity]) -> Entity:
        """The group entity of several named people speaking together (found again)."""
        for e in self.entities:
            if e.kind == "group" and e.members and [m.key for m in e.members] == [m.key for m in members]:
                return e
        names = [m.name for m in members]
        desc = ", ".join(names[:-1]) + " and " + names[-1]
        e = Entity(key=len(self.entities), kind="group", description=desc, members=list(members))
        self.entities.append(e)
        return e

    def salient(self, pos: int, want: str, exclude_offices: set[str] | None = None, role_words: set[str] | None = None,
                last_speaker: Entity | None = None, exclude: Entity | None = None) -> Entity | None:
        """The most salient compatible person before ``pos`` (never ``exclude``)."""

        def keep(ent: Entity) -> bool:
            if ent.kind not in ("person",) and want != "plural" or ent is exclude:
                return False
            if want == "male" and ent.gender == "female" or want == "female" and ent.gender == "male":
                return False
            if want == "plural" and ent.kind == "person":
                return False
            return not (exclude_offices and ent.offices() and not (ent.offices() & exclude_offices))

        # inside a quote, the quote's own words are the nearest context
        here = self._quote_at(pos)
        if isinstance(self.mentions, MentionList) and self.mentions.usable():
            scores, counts, ents = salient_weights(self.mentions, pos, keep, here, self._line_breaks())
        else:
            scores, counts, ents = self._salient_scan(pos, keep, here)
        if not scores:
            return None
        for k in scores:
            scores[k] += 0.1 * min(counts[k] - 1, 5)
        if last_speaker is not None and last_speaker.key in scores:
            scores[last_speaker.key] += 1.5
        if role_words:
            for k, ent in ents.items():
                words = {w for t in ent.titles | {r.lower() for r in ent.roles} for w in re.split(r"[\s\-]+", t)}
                if role_words & words:
                    scores[k] += 2.0
                elif ent.roles and exclude_offices:
                    # a person the article gave another role ("former home secretary", "the
                    # Conservative leader") does not hold a unique office ("the prime
                    # minister"): someone not named is a better answer than a wrong person
                    del scores[k]
        if not scores:
            return None
        best = max(scores, key=lambda k: scores[k])
        return ents[best]

    def _salient_scan(self, pos: int, keep: Callable[[Entity], bool], here: tuple[int, int] | None
                      ) -> tuple[dict[int, float], dict[int, int], dict[int, Entity]]:
        """Every mention before ``pos``, weighed (what ``index.salient_weights`` answers
        from its index, for states it cannot answer)."""
        scores: dict[int, float] = {}
        counts: dict[int, int] = {}
        ents: dict[int, Entity] = {}
        for s, e, ent, subj, inq in [m for m in self.mentions if m[0] < pos]:
            if not keep(ent):
                continue
            dist = pos - e
            w = 1.0 / (1.0 + dist / 400.0)
            if subj:
                w *= 2.0
                # the subject of this very paragraph, before the pronoun ("Scott bristles
                # at the suggestion. '...,' he said.") outranks the previous paragraph's speaker
                if not inq and not LINE_BREAK.search(self.text, e, pos):
                    w += 2.0
            if inq:
                w *= 1.5 if here is not None and here[0] <= s < here[1] else 0.3
            # the strongest single mention counts, not the sum: a person named often
            # earlier must not outweigh the one the previous sentence is about
            scores[ent.key] = max(scores.get(ent.key, 0.0), w)
            counts[ent.key] = counts.get(ent.key, 0) + 1
            ents[ent.key] = ent
        return scores, counts, ents

    def _quote_at(self, pos: int) -> tuple[int, int] | None:
        """The first direct quote (in ``found`` order) holding ``pos``."""
        k = min(self._quote_index.holding(pos), default=None)
        return self.quote_spans[k] if k is not None else None

    def _line_breaks(self) -> list[int]:
        """The offsets of the text's line breaks, sorted (computed once)."""
        got = self.__dict__.get("_breaks")
        if got is None:
            got = self.__dict__["_breaks"] = [m.start() for m in LINE_BREAK.finditer(self.text)]
        return got

    def resolve_mention(self, head_i: int | None, span: tuple[int, int], last_speaker: Entity | None,
                        exclude: Entity | None = None) -> _Resolved:
        """The entity a mention names (``mentions.resolve_mention`` on this resolver)."""
        return _mentions.resolve_mention(self, head_i, span, last_speaker, exclude)

    # ---------------------------------------------------------------- the stage

    def run(self) -> Entities:
        """Resolve every quote's speaker; the quotes, the people and the entities."""
        self.collect_people()
        # signatures of social posts name their author
        for f in self.found:
            if f.signed_name and f.mention and not f.carried:
                e = self._signer(f)
                if e is not None:
                    self.add_mention(f.mention[0], f.mention[1], e)
        self.mentions.sort(key=lambda m: m[0])
        resolved = self._resolve_speakers()
        quotes = [self._quote(f, *resolved.get(j, (None, "unnamed"))) for j, f in enumerate(self.found)]
        people = []
        # organisations named in the text answer for their own spans (not listed as people)
        by_span: dict[tuple[int, int], Entity] = {(s, e): ent for s, e, ent, _ in self.org_mentions}
        speakers = {id(e) for e, _ in resolved.values() if e is not None}
        for ent in self.entities:
            if not ent.mentions:
                continue
            for m in ent.mentions:
                by_span[m] = ent
            # a single unrolled mention of a name-shaped entity is often an NER slip
            # ("Diego Garcia" the base): list people who speak, recur, or have a role
            if id(ent) not in speakers and len(set(ent.mentions)) < 2 and not ent.roles:
                continue
            people.append(Person(name=ent.name, kind=ent.kind, mentions=sorted(set(ent.mentions)), roles=list(ent.roles), gender=ent.gender))  # type: ignore[arg-type]
        self.speaker_positions = sorted(
            ((f.start, resolved[j][0]) for j, f in enumerate(self.found) if resolved.get(j, (None, ""))[0] is not None),  # type: ignore[misc]
            key=lambda x: x[0],
        )
        return Entities(quotes=quotes, people=people, entities=self.entities, by_span=by_span, _resolver=self)

    def _resolve_speakers(self) -> dict[int, _Resolved]:
        """Each quote's speaker (by index in ``found``), resolved in text order: a
        signature, the quote it continues, or its speaker mention."""
        resolved: dict[int, _Resolved] = {}
        last_speaker: Entity | None = None
        order = sorted(range(len(self.found)), key=lambda j: self.found[j].start)
        for pos, j in enumerate(order):
            f = self.found[j]
            ent: Entity | None = None
            kind = "unnamed"
            if f.signed_name and not f.carried:
                ent = self._signer(f)
                kind = f.signed_kind
            elif f.carried and f.parent is not None and f.mention is None:
                ent, kind = resolved.get(f.parent, (None, "unnamed"))
            elif f.mention is not None:
                if f.carried:
                    # the quote carried from: the last top-level one with a speaker (never a
                    # quote nested inside another, whose speaker is someone else)
                    prev = next((resolved[k] for k in reversed(order[:pos]) if k in resolved and resolved[k][0] is not None
                                 and self.found[k].parent is None), (None, "unnamed"))
                    ent, kind = prev
                else:
                    ent, kind = self.resolve_mention(f.mention_head, f.mention, last_speaker)
                    if ent is not None:
                        # the narrative pass may have read the same description without the
                        # quotes around it ("the Clacton MP" before anyone had spoken): the
                        # speaker's reading replaces it, so that no span names two people
                        self._drop_mention(f.mention[0], f.mention[1], keep=ent)
                        self.add_mention(f.mention[0], f.mention[1], ent, subject=True)
                        self.mentions.sort(key=lambda m: m[0])
            resolved[j] = (ent, kind if ent is None else ent.kind)
            if ent is not None and f.parent is None:
                last_speaker = ent
        return resolved

    def _quote(self, f: Found, ent: Entity | None, kind: str) -> Quote:
        """The output quote for ``f``, with its speaker ``ent``."""
        speaker = None
        if ent is not None:
            ms, me = f.mention if f.mention else (None, None)
            while ms is not None and me is not None and me > ms and self.text[me - 1].isspace():
                me -= 1  # a headline's mention ends at its last word, not at the line break
            ps, pe = self._phrase(f) if f.mention else (None, None)
            speaker = Speaker(
                name=ent.name, mention=self.text[ms:me] if ms is not None else None,
                mention_start=ms, mention_end=me, kind=ent.kind,  # type: ignore[arg-type]
                phrase=self.text[ps:pe] if ps is not None else None, phrase_start=ps, phrase_end=pe,
                members="; ".join(m.name for m in ent.members) if ent.members else None,
            )
        return Quote(
            start=f.start, end=f.end, text=self.text[f.start:f.end], type=f.type,  # type: ignore[arg-type]
            speaker=speaker, cue=f.cue, cue_start=f.cue_start, cue_end=f.cue_end, venue=f.venue,
            addressee=f.addressee, date=self._date(f), confidence=round(f.confidence if ent else min(f.confidence, 0.3), 2),
            nested_in=f.parent,
        )

    def _phrase(self, f: Found) -> tuple[int, int]:
        """The phrase introducing ``f``'s speaker (``phrase.speaker_phrase``): never
        into the quote's words or its cue."""
        assert f.mention is not None
        if f.mention_head is None:
            return f.mention
        off = f.verbatim()
        if not (f.start <= f.mention[0] < f.end):
            off.append((f.start, f.end))  # the speaker is outside the quote: none of it
        # nor into another quote or its cue ("one Democrat, who added that ..."): only
        # those that start near the mention (quotes by start, bisected: a text of many
        # quotes is not scanned for each; a quote longer than the window is its own)
        by_start = self.__dict__.get("_found_by_start")
        if by_start is None:
            by_start = self.__dict__["_found_by_start"] = sorted(self.found, key=lambda g: g.start)
            self.__dict__["_found_starts"] = [g.start for g in by_start]
        starts = self.__dict__["_found_starts"]
        lo = bisect.bisect_left(starts, f.mention[0] - 5000)
        hi = bisect.bisect_right(starts, f.mention[1] + 1000)
        for g in by_start[lo:hi]:
            if g.end < f.mention[0] - 1000:
                continue
            if g is not f:
                off.extend(g.verbatim())
                if g.type == "indirect" and not (g.start <= f.mention[0] < g.end):
                    off.append((g.start, g.end))
            if g.cue_start is not None and g.cue_end is not None and not (g.cue_start <= f.mention[0] < g.cue_end):
                off.append((g.cue_start, g.cue_end))
        return _phrase.speaker_phrase(self.doc, f.mention_head, f.mention, off)

    def _signer(self, f: Found) -> Entity | None:
        """The person or organisation that signed a quote (a post, a dash, a colon)."""
        if f.signed_kind == "organisation":
            return self.org_entity(f.signed_name or "")
        return self.person_for_name(f.signed_name or "")

    def _date(self, f: Found) -> str | None:
        from ..dates import resolve_day

        expr = f.signed_date or f.date_text
        if not expr:
            return None
        return resolve_day(expr, self.article.published)
