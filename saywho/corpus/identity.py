"""One identity per person across the whole store.

Input: every (article, person row) the store holds, with the name the article used;
output: identities and which identity each (article, person row) is.  The result is a
pure function of the store's contents, the people file and the hand-made rules, so
recomputing it is idempotent.

How names join (most certain first):

1. hand-made rules: ``merge A B`` joins, ``split A B`` keeps apart (always obeyed);
2. a people file entry joins its name and aliases; two entries are never joined;
3. full names ("John Smith", "Sir John Smith", "Johnny Smith") join when every pair of
   full names on both sides is compatible (same surname, first names equal, nickname
   or near-identical spelling), so that a chain of near-matches cannot join two people;
4. an initial ("J. Smith") or a bare surname ("Smith", "Mr Smith") joins the only
   identity it fits among the people of the same article, else among the whole store;
   when two people share the surname it stays a separate, ambiguous identity;
5. an unnamed role ("the Prime Minister") joins the people-file entry that held the
   role on the article's date, or the one person in the article given that role.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .names import _HONORIFIC_WORDS as HONORIFICS, NameParts, compatible, first_compatible, fold, parse, role_key
from .seeds import Role, Seed


@dataclass(frozen=True)
class Mention:
    """One person row as one article named them."""

    article_hash: str
    person_id: int
    name: str
    kind: str
    published: str | None = None
    roles: tuple[str, ...] = ()


@dataclass
class Identity:
    name: str
    kind: str
    names: list[str] = field(default_factory=list)
    qid: str | None = None
    roles: list[Role] = field(default_factory=list)  # from the people file
    seeded: bool = False


@dataclass
class Resolution:
    identities: list[Identity]
    #: (article_hash, person_id) -> index into identities
    links: dict[tuple[str, int], int]


class _UF:
    """Union-find with the clusters' facts kept at their roots.

    Not networkx's connected components (as statements and stories use): here whether two
    clusters may join depends on what each holds at that moment (a split rule, two
    people-file entries, incompatible full names), so the joins are made one at a time
    and each decision sees the ones before it; the roots also order the identities."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
        return ra


def resolve(mentions: Iterable[Mention], seeds: Sequence[Seed] = (),
            rules: Sequence[tuple[str, str, str]] = ()) -> Resolution:
    """Identities for every mention.  ``rules``: (action, name_a, name_b) with action
    ``merge`` or ``split``."""
    ms = list(mentions)
    uf = _UF()
    # Node ids: "n:<kind>:<folded name>" for a name, "s:<i>" for a people-file entry.
    node_of = {m: f"n:{m.kind}:{fold(m.name)}" for m in ms}
    by_fold: dict[str, set[str]] = defaultdict(set)
    for m in ms:
        by_fold[fold(m.name)].add(node_of[m])
    kind_of = {node_of[m]: m.kind for m in ms}
    name_of: dict[str, str] = {}
    for m in ms:
        name_of.setdefault(node_of[m], m.name)
    seed_nodes = [f"s:{i}" for i in range(len(seeds))]
    for i, s in enumerate(seeds):
        for n in [s.name, *s.aliases]:
            by_fold[fold(n)].add(seed_nodes[i])

    # Cluster facts kept at the root: full-name parts, seeds, names (for split rules).
    fulls: dict[str, list[NameParts]] = defaultdict(list)
    seeds_in: dict[str, set[int]] = defaultdict(set)
    folds_in: dict[str, set[str]] = defaultdict(set)
    for node in set(node_of.values()):
        folds_in[node].add(node.split(":", 2)[2])
        if kind_of[node] == "person":
            p = parse(name_of[node])
            if p.full and not p.initial_only:
                fulls[node].append(p)
    for i, s in enumerate(seeds):
        n = seed_nodes[i]
        uf.find(n)
        seeds_in[n].add(i)
        for nm in [s.name, *s.aliases]:
            folds_in[n].add(fold(nm))
            p = parse(nm)
            if p.full and not p.initial_only:
                fulls[n].append(p)

    splits = [(fold(a), fold(b)) for act, a, b in rules if act == "split"]
    merges = [(fold(a), fold(b)) for act, a, b in rules if act == "merge"]

    def blocked(ra: str, rb: str) -> bool:
        fa, fb = folds_in[ra], folds_in[rb]
        return any((x in fa and y in fb) or (x in fb and y in fa) for x, y in splits)

    def join(a: str, b: str, check: bool = True) -> bool:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return True
        if blocked(ra, rb):
            return False
        if check:
            if seeds_in[ra] and seeds_in[rb]:
                return False  # two people-file entries are two people
            if not all(compatible(x, y) for x in fulls[ra] for y in fulls[rb]):
                return False
        r = uf.union(ra, rb)
        o = rb if r == ra else ra
        fulls[r] += fulls.pop(o, [])
        seeds_in[r] |= seeds_in.pop(o, set())
        folds_in[r] |= folds_in.pop(o, set())
        return True

    pinned: set[str] = set()  # names placed by a rule or the people file: not per article
    for a, b in merges:
        na, nb = by_fold.get(a, set()), by_fold.get(b, set())
        for x in na:
            for y in nb:
                join(x, y, check=False)
        pinned |= na | nb
    for f, nodes in by_fold.items():
        ss = [n for n in nodes if n.startswith("s:")]
        for s in ss:
            for n in nodes:
                if n.startswith("n:") and join(s, n, check=False):
                    pinned.add(n)

    # Full names, blocked by surname.
    by_last: dict[str, list[str]] = defaultdict(list)
    for node in sorted(set(node_of.values()) | set(seed_nodes)):
        for p in fulls.get(node, [])[:1]:
            by_last[p.last].append(node)
        if node.startswith("s:"):
            for p in fulls.get(node, [])[1:]:
                by_last[p.last].append(node)
    for nodes in by_last.values():
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                join(a, b)

    # Which clusters each article speaks of (through its full names), for context.
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        by_article[m.article_hash].append(m)

    all_roots = {uf.find(n) for n in set(node_of.values()) | set(seed_nodes) if fulls.get(uf.find(n))}
    roots_by_last: dict[str, set[str]] = defaultdict(set)  # so that a surname looks at its namesakes only
    for r in all_roots:
        for p in fulls[r]:
            roots_by_last[p.last].add(r)

    def full_roots_with(last: str, first: str | None, roots: set[str]) -> set[str]:
        out = set()
        for r in roots_by_last.get(last, set()) & roots:
            if any(p.last == last and (first is None or first_compatible(first, p.first)) for p in fulls[r]):
                out.add(r)
        return out

    role_holders: dict[str, list[tuple[int, Role]]] = defaultdict(list)
    for i, s in enumerate(seeds):
        for r in s.roles:
            role_holders[role_key(r.role)].append((i, r))

    link_node: dict[Mention, str] = {}
    for art, rows in by_article.items():
        ctx = {uf.find(node_of[m]) for m in rows if fulls.get(uf.find(node_of[m]))}
        for m in rows:
            node = node_of[m]
            link_node[m] = node
            if node in pinned or m.kind not in ("person", "unnamed"):
                continue
            root = uf.find(node)
            if m.kind == "person" and not (fulls.get(root)):
                p = parse(m.name)
                first = p.first or None  # an initial, or None for a bare surname
                for pool in (ctx, all_roots):
                    cands = {r for r in full_roots_with(p.last, first, pool) if not blocked(r, root)}
                    if len(cands) == 1:
                        link_node[m] = next(iter(cands))
                        break
                    if len(cands) > 1:
                        break  # ambiguous here: not looked up further afield
            if link_node[m] == node and not fulls.get(root):
                key = role_key(m.name)
                day = (m.published or "")[:10] or None
                held = {i for i, r in role_holders.get(key, []) if r.covers(day)}
                if len(held) == 1:
                    link_node[m] = seed_nodes[next(iter(held))]
                    continue
                # The one person in the same article the article gives this role.
                have = {uf.find(node_of[o]) for o in rows if o.kind == "person"
                        and any(role_key(x) == key for x in o.roles)}
                if len(have) == 1:
                    link_node[m] = next(iter(have))

    # Identities from the clusters actually linked to (and every people-file entry).
    identities: list[Identity] = []
    index: dict[str, int] = {}
    members: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for m, node in link_node.items():
        r = uf.find(node)
        members[r][m.name] += 1
        kinds[r][m.kind] += 1
    roots = sorted(set(members) | {uf.find(s) for s in seed_nodes},
                   key=lambda r: (-sum(members[r].values()), r))
    for r in roots:
        sd = sorted(seeds_in.get(r, ()))
        names = [n for n, _ in sorted(members[r].items(), key=lambda kv: (-kv[1], kv[0]))]
        if sd:
            s = seeds[sd[0]]
            ident = Identity(s.name, "person", names, s.qid, list(s.roles), True)
        else:
            ident = Identity(_display(names, members[r]), kinds[r].most_common(1)[0][0], names)
        index[r] = len(identities)
        identities.append(ident)
    links = {(m.article_hash, m.person_id): index[uf.find(node)] for m, node in link_node.items()}
    return Resolution(identities, links)


def _display(names: list[str], counts: Counter[str]) -> str:
    """The name to show: a full name if any (the most used, then the longest), else the most used."""
    def score(n: str) -> tuple[int, int, int, int]:
        p = parse(n)
        titled = fold(n).split(" ", 1)[0].rstrip(".") in HONORIFICS  # "Sir Keir Starmer": the bare name reads better
        return (int(p.full and not p.initial_only), counts[n], int(not titled), len(n))
    return max(names, key=score)
