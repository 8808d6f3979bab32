"""One identity per person across the whole store.

Input: every (article, person row) the store holds, with the name the article used
(:class:`NameUse`); output: identities and which identity each (article, person row)
is (:class:`Linking`).  The result is a pure function of the store's contents, the
people file and the hand-made rules, so recomputing it is idempotent.

How names join (most certain first), one step of :class:`_Linker` each:

1. hand-made rules: ``merge A B`` joins, ``split A B`` keeps apart (always obeyed);
2. a people file entry joins its name and aliases; two entries are never joined;
3. full names ("John Smith", "Sir John Smith", "Johnny Smith") join when every pair of
   full names on both sides is compatible (same surname, first names equal, nickname
   or a misspelling; the same generational suffix), so that a chain of near-matches
   cannot join two people (:func:`saywho.corpus.names.compatible`);
4. an initial ("J. Smith") or a bare surname ("Smith", "Mr Smith") joins the only
   identity it fits among the people of the same article, else among the whole store.
   When the store knows several people by that surname, the roles the article gives
   the name ("President Obama") choose the one of them known in that role; with no
   such evidence it stays a separate identity (two people merged is worse than one
   person split);
5. an unnamed role ("the Prime Minister") joins the people-file entry that held the
   role on the article's date, or the one person in the article given that role.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..lexicon import HONORIFICS
from .names import NameParts, compatible, first_compatible, fold, parse, role_key
from .seeds import Role, Seed

__all__ = ["Identity", "Linking", "NameUse", "link_identities"]


@dataclass(frozen=True)
class NameUse:
    """One person row as one article named them."""

    article_hash: str
    person_id: int
    name: str
    kind: str
    published: str | None = None
    roles: tuple[str, ...] = ()


@dataclass
class Identity:
    """A person (or organisation, or unnamed source) across articles."""

    name: str
    kind: str
    names: list[str] = field(default_factory=list)
    qid: str | None = None
    roles: list[Role] = field(default_factory=list)  # from the people file
    seeded: bool = False


@dataclass
class Linking:
    """The identities, and which identity each (article_hash, person_id) row is."""

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


def link_identities(uses: Iterable[NameUse], seeds: Sequence[Seed] = (),
                    rules: Sequence[tuple[str, str, str]] = ()) -> Linking:
    """Identities for every name use.  ``rules``: (action, name_a, name_b) with action
    ``merge`` or ``split``; ``seeds``: the people file's entries."""
    lk = _Linker(list(uses), seeds, rules)
    lk.apply_merges_and_seeds()
    lk.join_full_names()
    return lk.identities(lk.link_short_forms())


class _Linker:
    """The state of one linking run; each public method is one step of the module's list.

    Node ids: ``n:<kind>:<folded name>`` for a name, ``s:<i>`` for a people-file entry."""

    def __init__(self, uses: list[NameUse], seeds: Sequence[Seed], rules: Sequence[tuple[str, str, str]]) -> None:
        self.uses, self.seeds = uses, seeds
        self.uf = _UF()
        self.node_of = {m: f"n:{m.kind}:{fold(m.name)}" for m in uses}
        self.by_fold: dict[str, set[str]] = defaultdict(set)
        for m in uses:
            self.by_fold[fold(m.name)].add(self.node_of[m])
        self.kind_of = {self.node_of[m]: m.kind for m in uses}
        self.name_of: dict[str, str] = {}
        for m in uses:
            self.name_of.setdefault(self.node_of[m], m.name)
        self.seed_nodes = [f"s:{i}" for i in range(len(seeds))]
        for i, s in enumerate(seeds):
            for n in [s.name, *s.aliases]:
                self.by_fold[fold(n)].add(self.seed_nodes[i])
        # Cluster facts kept at the root: full-name parts, seeds, names (for split rules).
        self.fulls: dict[str, list[NameParts]] = defaultdict(list)
        self.seeds_in: dict[str, set[int]] = defaultdict(set)
        self.folds_in: dict[str, set[str]] = defaultdict(set)
        for node in set(self.node_of.values()):
            self.folds_in[node].add(node.split(":", 2)[2])
            if self.kind_of[node] == "person":
                self._add_full(node, self.name_of[node])
        for i, s in enumerate(seeds):
            n = self.seed_nodes[i]
            self.uf.find(n)
            self.seeds_in[n].add(i)
            for nm in [s.name, *s.aliases]:
                self.folds_in[n].add(fold(nm))
                self._add_full(n, nm)
        self.splits = [(fold(a), fold(b)) for act, a, b in rules if act == "split"]
        self.merges = [(fold(a), fold(b)) for act, a, b in rules if act == "merge"]
        self.pinned: set[str] = set()  # names placed by a rule or the people file: not per article

    def _add_full(self, node: str, name: str) -> None:
        p = parse(name)
        if p.full and not p.initial_only:
            self.fulls[node].append(p)

    def blocked(self, ra: str, rb: str) -> bool:
        """A split rule keeps these two clusters apart."""
        fa, fb = self.folds_in[ra], self.folds_in[rb]
        return any((x in fa and y in fb) or (x in fb and y in fa) for x, y in self.splits)

    def join(self, a: str, b: str, check: bool = True) -> bool:
        """Join two clusters unless a rule, two people-file entries or an incompatible
        pair of full names forbids it (``check=False``: only the split rules count)."""
        ra, rb = self.uf.find(a), self.uf.find(b)
        if ra == rb:
            return True
        if self.blocked(ra, rb):
            return False
        if check:
            if self.seeds_in[ra] and self.seeds_in[rb]:
                return False  # two people-file entries are two people
            if not all(compatible(x, y) for x in self.fulls[ra] for y in self.fulls[rb]):
                return False
        r = self.uf.union(ra, rb)
        o = rb if r == ra else ra
        self.fulls[r] += self.fulls.pop(o, [])
        self.seeds_in[r] |= self.seeds_in.pop(o, set())
        self.folds_in[r] |= self.folds_in.pop(o, set())
        return True

    def apply_merges_and_seeds(self) -> None:
        """Steps 1 and 2: hand-made merges, then people-file names and aliases."""
        for a, b in self.merges:
            na, nb = self.by_fold.get(a, set()), self.by_fold.get(b, set())
            for x in na:
                for y in nb:
                    self.join(x, y, check=False)
            self.pinned |= na | nb
        for nodes in self.by_fold.values():
            for s in (n for n in nodes if n.startswith("s:")):
                for n in nodes:
                    if n.startswith("n:") and self.join(s, n, check=False):
                        self.pinned.add(n)

    def join_full_names(self) -> None:
        """Step 3: full names, compared only within a surname (blocking)."""
        by_last: dict[str, list[str]] = defaultdict(list)
        for node in sorted(set(self.node_of.values()) | set(self.seed_nodes)):
            for p in self.fulls.get(node, [])[:1]:
                by_last[p.last].append(node)
            if node.startswith("s:"):
                for p in self.fulls.get(node, [])[1:]:
                    by_last[p.last].append(node)
        for nodes in by_last.values():
            for i, a in enumerate(nodes):
                for b in nodes[i + 1:]:
                    self.join(a, b)

    def link_short_forms(self) -> dict[NameUse, str]:
        """Steps 4 and 5, article by article: each use -> the node it is linked to."""
        by_article: dict[str, list[NameUse]] = defaultdict(list)
        for m in self.uses:
            by_article[m.article_hash].append(m)
        all_roots = {self.uf.find(n) for n in set(self.node_of.values()) | set(self.seed_nodes)
                     if self.fulls.get(self.uf.find(n))}
        self.roots_by_last: dict[str, set[str]] = defaultdict(set)  # a surname looks at its namesakes only
        for r in all_roots:
            for p in self.fulls[r]:
                self.roots_by_last[p.last].add(r)
        self.role_holders: dict[str, list[tuple[int, Role]]] = defaultdict(list)
        for i, s in enumerate(self.seeds):
            for r in s.roles:
                self.role_holders[role_key(r.role)].append((i, r))
        self.roles_of_root = self._roles_of_roots()
        link_node: dict[NameUse, str] = {}
        for rows in by_article.values():
            ctx = {self.uf.find(self.node_of[m]) for m in rows if self.fulls.get(self.uf.find(self.node_of[m]))}
            for m in rows:
                link_node[m] = self._link_one(m, rows, ctx, all_roots)
        return link_node

    def _roles_of_roots(self) -> dict[str, set[str]]:
        """Roles the articles give each full-name cluster ("president" for Barack Obama)."""
        out: dict[str, set[str]] = defaultdict(set)
        for m in self.uses:
            r = self.uf.find(self.node_of[m])
            if self.fulls.get(r):
                out[r].update(role_key(x) for x in m.roles)
        return out

    def _link_one(self, m: NameUse, rows: list[NameUse], ctx: set[str], all_roots: set[str]) -> str:
        node = self.node_of[m]
        if node in self.pinned or m.kind not in ("person", "unnamed"):
            return node
        root = self.uf.find(node)
        if m.kind == "person" and not self.fulls.get(root):
            found = self._short_form(m, root, ctx, all_roots)
            if found is not None:
                return found
        if self.fulls.get(root):
            return node
        return self._role_holder(m, rows) or node

    def _short_form(self, m: NameUse, root: str, ctx: set[str], all_roots: set[str]) -> str | None:
        """Step 4: the one full-name cluster an initial or a bare surname fits."""
        p = parse(m.name)
        first = p.first or None  # an initial, or None for a bare surname
        for pool in (ctx, all_roots):
            cands = {r for r in self._full_roots_with(p.last, first, p.suffix, pool) if not self.blocked(r, root)}
            if len(cands) == 1:
                return next(iter(cands))
            if len(cands) > 1:
                # Namesakes: only the roles the article gives this name can choose one
                # ("President Obama" is the Obama known as president elsewhere).
                mine = {role_key(x) for x in m.roles}
                by_role = {r for r in cands if mine & self.roles_of_root.get(r, set())}
                return next(iter(by_role)) if len(by_role) == 1 else None  # ambiguous: not looked further
        return None

    def _full_roots_with(self, last: str, first: str | None, suffix: str, roots: set[str]) -> set[str]:
        out = set()
        for r in self.roots_by_last.get(last, set()) & roots:
            if any(p.last == last and p.suffix == suffix and (first is None or first_compatible(first, p.first))
                   for p in self.fulls[r]):
                out.add(r)
        return out

    def _role_holder(self, m: NameUse, rows: list[NameUse]) -> str | None:
        """Step 5: the people-file entry holding this role on the article's date, else
        the one person in the same article the article gives this role."""
        key = role_key(m.name)
        day = (m.published or "")[:10] or None
        held = {i for i, r in self.role_holders.get(key, []) if r.covers(day)}
        if len(held) == 1:
            return self.seed_nodes[next(iter(held))]
        have = {self.uf.find(self.node_of[o]) for o in rows if o.kind == "person"
                and any(role_key(x) == key for x in o.roles)}
        return next(iter(have)) if len(have) == 1 else None

    def identities(self, link_node: dict[NameUse, str]) -> Linking:
        """Identities from the clusters actually linked to (and every people-file entry)."""
        identities: list[Identity] = []
        index: dict[str, int] = {}
        members: dict[str, Counter[str]] = defaultdict(Counter)
        kinds: dict[str, Counter[str]] = defaultdict(Counter)
        for m, node in link_node.items():
            r = self.uf.find(node)
            members[r][m.name] += 1
            kinds[r][m.kind] += 1
        roots = sorted(set(members) | {self.uf.find(s) for s in self.seed_nodes},
                       key=lambda r: (-sum(members[r].values()), r))
        for r in roots:
            sd = sorted(self.seeds_in.get(r, ()))
            names = [n for n, _ in sorted(members[r].items(), key=lambda kv: (-kv[1], kv[0]))]
            if sd:
                s = self.seeds[sd[0]]
                ident = Identity(s.name, "person", names, s.qid, list(s.roles), True)
            else:
                ident = Identity(_display(names, members[r]), kinds[r].most_common(1)[0][0], names)
            index[r] = len(identities)
            identities.append(ident)
        links = {(m.article_hash, m.person_id): index[self.uf.find(node)] for m, node in link_node.items()}
        return Linking(identities, links)


def _display(names: list[str], counts: Counter[str]) -> str:
    """The name to show: a full name if any (the most used, then the longest), else the most used."""
    def score(n: str) -> tuple[int, int, int, int]:
        p = parse(n)
        titled = fold(n).split(" ", 1)[0].rstrip(".") in HONORIFICS  # "Sir Keir Starmer": the bare name reads better
        return (int(p.full and not p.initial_only), counts[n], int(not titled), len(n))
    return max(names, key=score)
