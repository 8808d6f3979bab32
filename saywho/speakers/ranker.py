"""A trained mention-pair ranker for "he"/"she": which person a pronoun refers to.

``scripts/train_coref.py`` fits a logistic regression over pairs (pronoun, candidate
person) on public coreference data and writes its weights and feature names to
``saywho/data/coref_weights.json``; here the weights are read and applied with plain
Python (no learning library at run time).  The candidates are the resolver's own
people (``Resolver.mentions``), so training and run time see the same ones.  A pair's
features are distances, the roles of the candidate's last mention and of the pronoun
(and their combinations: syntactic parallelism), where that mention sits (object of
"by"/"with"/..., apposition, subordinate clause, main subject), the dependency path to a
pronoun of the same sentence, whether the candidate was the latest subject, and the
salience rule's pick.

``best_person`` returns the highest-scoring compatible person when its probability
reaches the file's threshold, else None (the caller then keeps the salience rule).
"""
from __future__ import annotations

import bisect
import functools
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from ..nlp import sent_of
from .entities import Entity
from .index import MentionList

if TYPE_CHECKING:
    from .state import ResolverState

WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "coref_weights.json"
#: Grammatical roles told apart for the candidate's and the pronoun's mention.
ROLES = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "attr", "compound")
_CHAR_BUCKETS = (30, 80, 200, 500)


@functools.lru_cache(maxsize=1)
def load_weights() -> dict[str, Any] | None:
    """The shipped model (``{"bias", "weights", "threshold"}``), or None when absent."""
    if not WEIGHTS.exists():
        return None
    return json.loads(WEIGHTS.read_text(encoding="utf-8"))


def _role(t: Token) -> str:
    return t.dep_ if t.dep_ in ROLES else "other"


def _sentence_of(r: "ResolverState", pos: int) -> int:
    """Index of the sentence holding character ``pos`` (sentence starts cached on the resolver)."""
    starts = r.__dict__.get("_sent_starts")
    if starts is None:
        starts = [s.start_char for s in r.doc.sents]
        r.__dict__["_sent_starts"] = starts
    return max(bisect.bisect_right(starts, pos) - 1, 0)


def candidates(r: "ResolverState", pos: int, want: str, exclude: Entity | None) -> dict[int, list[tuple]]:
    """The people mentioned before ``pos`` or later in its sentence (cataphora), of a
    gender compatible with ``want``, by entity key: their mentions."""
    here = _sentence_of(r, pos)
    out: dict[int, list[tuple]] = {}
    for m in r.mentions:
        s, _, ent, _, _ = m
        if ent.kind != "person" or ent is exclude:
            continue
        if want == "male" and ent.gender == "female" or want == "female" and ent.gender == "male":
            continue
        if s >= pos and _sentence_of(r, s) != here:
            continue
        out.setdefault(ent.key, []).append(m)
    return out


def pair_features(r: "ResolverState", pron: Token, want: str, ms: list[tuple], rival_mentions: list[tuple],
                  rule_pick: bool, last_speaker: Entity | None) -> dict[str, float]:
    """Features of one (pronoun, candidate) pair: ``ms`` are the candidate's mentions,
    ``rival_mentions`` those of the other compatible candidates."""
    pos = pron.idx
    before = [m for m in ms if m[0] < pos]
    psent = _sentence_of(r, pos)
    facts = None
    if before:
        e = before[-1][1]
        # the other compatible people named between this mention and the pronoun
        between = {m[2].key for m in rival_mentions if e <= m[0] < pos}
        facts = (before[-1], len(between),
                 any(m[3] and _sentence_of(r, m[0]) == psent for m in before),
                 any(m[3] and _sentence_of(r, m[0]) == psent - 1 for m in before))
    first_named = not any(m[0] < ms[0][0] for m in rival_mentions)
    return _features(r, pron, want, ms[0][2], facts, len(ms), first_named, rule_pick, last_speaker)


def _features(r: "ResolverState", pron: Token, want: str, ent: Entity, facts: tuple | None, n: int,
              first_named: bool, rule_pick: bool, last_speaker: Entity | None) -> dict[str, float]:
    """The feature dict from the pair's facts: ``facts`` is (the candidate's last mention
    before the pronoun, how many rivals are named after it, a subject mention in the
    pronoun's sentence, in the one before) or None (only named after); ``n`` mentions."""
    pos = pron.idx
    f: dict[str, float] = {"rule_pick": float(rule_pick)}
    psent = _sentence_of(r, pos)
    if facts is not None:
        (s, e, _, subj, inq), n_between, subj_this, subj_prev = facts
        d = pos - e
        f[f"chars_{sum(d >= b for b in _CHAR_BUCKETS)}"] = 1.0
        f[f"sents_{min(psent - _sentence_of(r, s), 3)}"] = 1.0
        sp = r.doc.char_span(s, e, alignment_mode="expand")
        role = _role(sp.root) if sp is not None else "other"
        f[f"cand_{role}"] = 1.0
        f["parallel"] = float(role == _role(pron))
        f["cand_person_ner"] = float(sp is not None and sp.root.ent_type_ == "PERSON")
        f["cand_in_quote"] = float(inq)
        f["intervening"] = min(n_between, 3) / 3.0
        f["nearest"] = float(not n_between)
        f["subj_this_sent"] = float(subj_this)
        f["subj_prev_sent"] = float(subj_prev)
        if sp is not None and sp.root.head.i == pron.head.i and role in ("nsubj", "nsubjpass"):
            # "Tom hit him": an object pronoun is not its own clause's subject; "Tom lost his": a possessive is
            f["same_clause_subj_obj"] = float(pron.dep_ in ("dobj", "pobj"))
            f["same_clause_subj_poss"] = float(pron.dep_ == "poss")
        if sp is not None:
            f.update(_mention_context(sp.root, pron, role, min(psent - _sentence_of(r, s), 2)))
    else:
        f["cataphora"] = 1.0
    f[f"pron_{_role(pron)}"] = 1.0
    f["pron_in_quote"] = float(r._in_quote(pos))
    f["gender_agree"] = float(ent.gender == want)
    f["gender_unknown"] = float(ent.gender is None)
    f["last_speaker"] = float(last_speaker is not None and ent is last_speaker)
    f["count"] = min(n, 5) / 5.0
    # the first person a text names is often what it is about (a biography, a profile)
    f["first_named"] = float(first_named)
    f["single"] = float(n == 1)
    return f


#: Prepositions whose object is told apart ("by X", "with X": a role the pronoun seldom continues).
_PREPS = frozenset(("by", "with", "of", "to", "for", "from", "in", "at", "on", "against", "under", "as"))
#: Links that open a subordinate clause.
_SUBCLAUSE = frozenset(("advcl", "relcl", "ccomp", "acl", "xcomp", "csubj", "pcomp"))


def _mention_context(head: Token, pron: Token, role: str, dsent: int) -> dict[str, float]:
    """Where the candidate's last mention (its head ``head``) sits, against the pronoun:
    the preposition it is the object of, an apposition, the subject of its sentence's main
    verb, whether it governs the pronoun's clause, and the pair of roles (syntactic
    parallelism), each role also by sentence distance."""
    prole = _role(pron)
    f = {f"rr_{role}_{prole}": 1.0, f"rd_{role}_{dsent}": 1.0, f"pw_{pron.lower_}": 1.0}
    if head.dep_ == "pobj":
        prep = head.head.lower_
        f[f"prep_{prep if prep in _PREPS else 'other'}"] = 1.0
    f["in_appos"] = float(head.dep_ == "appos" or head.head.dep_ == "appos")
    f["main_subj"] = float(head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT")
    f[f"rrd_{role}_{prole}_{dsent}"] = 1.0
    # a mention inside a subordinate clause is less central than one in the main clause
    f["in_subclause"] = float(any(a.dep_ in _SUBCLAUSE for a in [head, *head.ancestors]))
    # the first person its sentence names
    f["sent_first"] = float(not any(t.ent_type_ == "PERSON" for t in head.doc[sent_of(head).start:head.left_edge.i]))
    f["name_words"] = min(sum(1 for t in head.subtree if t.pos_ == "PROPN"), 3) / 3.0
    if dsent == 0:
        anc = {a.i for a in pron.ancestors}
        # the candidate is the subject of a verb above the pronoun ("X said he ...")
        f["subj_governs"] = float(head.dep_ in ("nsubj", "nsubjpass") and head.head.i in anc)
        f["tok_dist"] = min(pron.i - head.i, 40) / 40.0 if head.i < pron.i else 0.0
        f[f"path_{min(_path_length(head, pron), 6)}"] = 1.0
    return f


def _path_length(a: Token, b: Token) -> int:
    """Arcs between two tokens of one sentence in the dependency tree."""
    up = {a.i: 0}
    for n, t in enumerate(a.ancestors, 1):
        up[t.i] = n
    if b.i in up:
        return up[b.i]
    for n, t in enumerate(b.ancestors, 1):
        if t.i in up:
            return n + up[t.i]
    return 12


def score(model: dict[str, Any], feats: dict[str, float]) -> float:
    """The model's probability that the pair corefers."""
    w = model["weights"]
    z = model["bias"] + sum(w.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-z))


def all_pairs(r: "ResolverState", pron: Token, want: str, last_speaker: Entity | None,
              exclude: Entity | None) -> list[tuple[Entity, dict[str, float]]]:
    """Every compatible candidate of the pronoun with its features (for training and scoring)."""
    out = _pairs(r, pron, want, last_speaker, exclude)
    # centering: the candidate named last as a subject before the pronoun is its likeliest
    # referent; the subject mentions are looked up only for the candidates
    lasts = _last_subjects(r, {ent.key for ent, _ in out}, pron.idx)
    if lasts:
        top = max(lasts.values())
        for ent, f in out:
            f["subj_latest"] = float(lasts.get(ent.key) == top)
    return out


def _last_subjects(r: "ResolverState", keys: set[int], pos: int) -> dict[int, int]:
    """The start of each candidate's last subject mention before ``pos``, by entity key."""
    ml = r.mentions
    out: dict[int, int] = {}
    if isinstance(ml, MentionList) and not ml.key_clash:
        for k in keys:
            em = ml.by_key.get(k)
            if em is None:
                continue
            j = em.before(pos) - 1
            while j >= 0 and not em.items[j][3]:
                j -= 1
            if j >= 0:
                out[k] = em.items[j][0]
        return out
    for m in ml:
        if m[0] >= pos:
            break
        if m[3] and m[2].key in keys:
            out[m[2].key] = m[0]
    return out


def _pairs(r: "ResolverState", pron: Token, want: str, last_speaker: Entity | None,
           exclude: Entity | None) -> list[tuple[Entity, dict[str, float]]]:
    """``all_pairs`` but for the subject-recency feature: from the mention index when it is usable."""
    pos = pron.idx
    ml = r.mentions
    if isinstance(ml, MentionList) and not ml.key_clash:
        return _indexed_pairs(r, ml, pron, want, last_speaker, exclude)
    cands = candidates(r, pos, want, exclude)
    if not cands:
        return []
    rule = r.salient(pos, want, last_speaker=last_speaker, exclude=exclude)
    out = []
    for key, ms in cands.items():
        rivals = [m for k, v in cands.items() if k != key for m in v]
        out.append((ms[0][2], pair_features(r, pron, want, ms, rivals, rule is not None and rule.key == key, last_speaker)))
    return out


def _indexed_pairs(r: "ResolverState", ml: MentionList, pron: Token, want: str, last_speaker: Entity | None,
                   exclude: Entity | None) -> list[tuple[Entity, dict[str, float]]]:
    """``all_pairs`` from the mention index: the same candidates, in the same order, with
    the same features, each found by bisection instead of a scan of every mention."""
    pos = pron.idx
    here = _sentence_of(r, pos)
    starts = r.__dict__["_sent_starts"]
    # a later mention is a candidate while it stays in the pronoun's sentence
    send = starts[here + 1] if here + 1 < len(starts) else None
    cands = []  # (first key, entity's mentions, how many before pos, how many in all)
    for em in ml.by_key.values():
        ent = em.ent
        if ent.kind != "person" or ent is exclude:
            continue
        if want == "male" and ent.gender == "female" or want == "female" and ent.gender == "male":
            continue
        n = em.before(pos)
        total = em.before(send) if send is not None else len(em.keys)
        if total:
            cands.append((em.keys[0], em, n, total))
    if not cands:
        return []
    cands.sort(key=lambda c: c[0])
    rule = r.salient(pos, want, last_speaker=last_speaker, exclude=exclude)
    lasts = sorted(em.keys[n - 1][0] for _, em, n, _ in cands if n)
    firsts = sorted(key[0] for key, _, _, _ in cands)
    out = []
    for key, em, n, total in cands:
        facts = None
        if n:
            last = em.items[n - 1]
            e = last[1]
            # rivals named in [e, pos): those whose last mention before pos starts there
            n_between = len(lasts) - bisect.bisect_left(lasts, e) - (last[0] >= e)
            subj_this = subj_prev = False
            j = n - 1
            while j >= 0:
                sj = _sentence_of(r, em.items[j][0])
                if sj < here - 1:
                    break
                if em.items[j][3]:
                    subj_this = subj_this or sj == here
                    subj_prev = subj_prev or sj == here - 1
                j -= 1
            facts = (last, n_between, subj_this, subj_prev)
        first_named = bisect.bisect_left(firsts, key[0]) == 0
        feats = _features(r, pron, want, em.items[0][2], facts, total, first_named,
                          rule is not None and rule.key == em.ent.key, last_speaker)
        out.append((em.items[0][2], feats))
    return out


def best_person(r: "ResolverState", pron: Token, want: str, last_speaker: Entity | None,
                exclude: Entity | None) -> Entity | None:
    """The highest-scoring candidate when it reaches the model's threshold; None when
    no model ships or nobody scores high enough."""
    model = load_weights()
    if model is None:
        return None
    scored = [(score(model, f), ent) for ent, f in all_pairs(r, pron, want, last_speaker, exclude)]
    if not scored:
        return None
    p, ent = max(scored, key=lambda x: x[0])
    return ent if p >= model.get("threshold", 0.5) else None
