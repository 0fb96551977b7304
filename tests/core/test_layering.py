"""The layering that the code shows (issue 7, item 8), read from the source: every import of
every module under src/dangbo (function-level imports included, relative imports resolved).

- ``core`` knows no domain app;
- ``organizations`` does not import ``members`` (the tree does not know who is in it: member
  counts and the cell's member table come from ``members.queries``, called by the page);
- reads never import writes: no ``queries.py`` imports a ``services`` module;
- no cycle between apps (``members`` ↔ ``organizations``, ``accounts`` ↔ a domain app, …);
- ``accounts`` ← ``organizations`` ← ``members`` ← ``targets``: each imports only those to its
  left (docs: architecture, "Layers").
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import dangbo

ROOT = Path(dangbo.__file__).parent
DOMAIN = (
    "accounts", "organizations", "members", "targets", "meetings", "evaluations", "awards",
    "reports", "news",
)  # fmt: skip
LOWER_ONLY = {  # the apps each domain app may import (besides itself and core)
    "accounts": set(),
    "organizations": {"accounts"},
    "members": {"accounts", "organizations"},
    "targets": {"accounts", "organizations", "members"},
    # issue 8: meetings sit above targets (conclusions become tasks); ``documents`` renders
    # the minutes (a low layer beside ``core``).
    "meetings": {"accounts", "organizations", "members", "targets", "documents"},
    # issue 9: evaluations beside meetings (the targets' frozen checkpoint feeds a rule);
    # awards above evaluations (proposals flow from ratings).
    "evaluations": {"accounts", "organizations", "members", "targets", "documents"},
    "awards": {"accounts", "organizations", "members", "targets", "evaluations", "documents"},
    # issue 10: generated documents, the register and the consistency check read every app
    # below; the news site sits above them (drafts from records, the check before publishing).
    "reports": {
        "accounts",
        "organizations",
        "members",
        "targets",
        "meetings",
        "evaluations",
        "awards",
        "documents",
    },
    "news": {
        "accounts",
        "organizations",
        "members",
        "targets",
        "meetings",
        "evaluations",
        "awards",
        "documents",
        "reports",
    },
}


def _module_name(path: Path) -> str:
    parts = ["dangbo", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, tree: ast.AST | None = None) -> Iterator[str]:
    """Absolute names of the ``dangbo`` and ``bench`` modules a file imports (``from a import
    b`` yields ``a.b`` as well as ``a``: ``b`` may be a module)."""
    tree = tree or ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package[: len(package) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            names = [base, *(f"{base}.{a.name}" for a in node.names)]
        else:
            continue
        yield from (n for n in names if n.split(".")[0] in ("dangbo", "bench"))


@cache
def graph() -> dict[str, set[str]]:
    """Module → the ``dangbo`` modules it imports, for every module under src/dangbo except
    migrations (generated; they name models by app label)."""
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        out[_module_name(path)] = set(imports_of(path))
    return out


def app_of(module: str) -> str:
    """``dangbo.members.queries`` → ``members``; "" for ``dangbo`` itself and ``bench``."""
    parts = module.split(".")
    return parts[1] if parts[0] == "dangbo" and len(parts) > 1 else ""


def _app_edges() -> dict[str, dict[str, list[str]]]:
    """App → imported app → the imports that make the edge (for the failure message)."""
    apps = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    edges: dict[str, dict[str, list[str]]] = {}
    for module, imported in graph().items():
        src = app_of(module)
        if src not in apps:
            continue
        for name in imported:
            dst = app_of(name)
            if dst in apps and dst != src:
                edges.setdefault(src, {}).setdefault(dst, []).append(f"{module} → {name}")
    return edges


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every elementary cycle's nodes, found by a depth-first search from each node (small
    graphs: a dozen apps)."""
    cycles: list[list[str]] = []
    seen: set[frozenset[str]] = set()

    def visit(start: str, node: str, trail: list[str]) -> None:
        for nxt in sorted(edges.get(node, ())):
            if nxt == start:
                key = frozenset(trail)
                if key not in seen:
                    seen.add(key)
                    cycles.append([*trail, start])
            elif nxt not in trail and nxt > start:  # each cycle once, from its least node
                visit(start, nxt, [*trail, nxt])

    for node in sorted(edges):
        visit(node, node, [node])
    return cycles


# ---- the checker itself can fail ----------------------------------------------------------------
def test_the_checker_sees_relative_lazy_and_from_imports(tmp_path):
    source = (
        "from . import services\n"
        "from .queries import x\n"
        "def f():\n"
        "    from dangbo.members import models\n"
        "    import dangbo.core.text\n"
    )
    fake = ROOT / "organizations" / "queries.py"  # a real module name, the text from here
    found = set(imports_of(fake, ast.parse(source)))
    assert {"dangbo.organizations.services", "dangbo.organizations.queries.x"} <= found
    assert {"dangbo.members.models", "dangbo.members", "dangbo.core.text"} <= found


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b"}, "b": {"c"}, "d": {"a"}}) == []


# ---- the rules ----------------------------------------------------------------------------------
def test_core_imports_no_domain_app():
    """Issue 7, item 8: ``core`` knows no domain (shared bits only)."""
    bad = sorted(
        f"{m} → {n}"
        for m, imported in graph().items()
        if app_of(m) == "core"
        for n in imported
        if app_of(n) not in ("core", "")
    )
    assert bad == []


def test_documents_imports_no_domain_app():
    """Issue 8 item 5 / issue 10 item 1: ``documents`` (the Party-format renderer) is a low
    layer beside ``core``: it renders a plain ``spec.Document`` and imports no other app; the
    domain apps (``meetings`` for minutes, reports later) build the document and call it."""
    bad = sorted(
        f"{m} → {n}"
        for m, imported in graph().items()
        if app_of(m) == "documents"
        for n in imported
        if app_of(n) not in ("documents", "core", "")
    )
    assert bad == []
    assert "documents" not in {
        app_of(n) for m, i in graph().items() if app_of(m) == "core" for n in i
    }


def test_organizations_does_not_import_members():
    """Issue 7, item 8: subtree member counts, probation counts and the cell's member table come
    from ``members.queries``, called by the page that shows them (``dashboard``)."""
    bad = sorted(
        f"{m} → {n}"
        for m, imported in graph().items()
        if app_of(m) == "organizations"
        for n in imported
        if app_of(n) in ("members", "targets", "dashboard", "api", "demo")
    )
    assert bad == []


def test_reads_never_import_services():
    """Issue 7, item 8: a ``queries.py`` (reads) imports no ``services`` module (writes)."""
    bad = sorted(
        f"{m} → {n}"
        for m, imported in graph().items()
        if m.endswith(".queries")
        for n in imported
        if n.endswith(".services") or ".services." in n
    )
    assert bad == []


def test_domain_apps_import_only_the_layers_below():
    """``accounts`` ← ``organizations`` ← ``members`` ← ``targets`` (the scope imports no
    domain model: it looks its default querysets up by app label)."""
    edges = _app_edges()
    bad = sorted(
        line
        for app, allowed in LOWER_ONLY.items()
        for dst, lines in edges.get(app, {}).items()
        if dst != "core" and dst not in allowed
        for line in lines
    )
    assert bad == []


def test_no_cycle_between_apps():
    """Issue 7, item 8: no app-level import cycle (``members`` ↔ ``organizations`` was one)."""
    edges = _app_edges()
    cycles = find_cycles({a: set(d) for a, d in edges.items()})
    detail = [
        [line for a, b in zip(c, c[1:], strict=False) for line in edges[a][b][:2]] for c in cycles
    ]
    assert cycles == [], detail


def test_domain_apps_import_no_top_app():
    """``dashboard``, ``api`` and ``demo`` sit above every domain app; product code never
    imports ``demo`` or ``bench``."""
    top = ("dashboard", "api", "demo")
    bad = sorted(
        f"{m} → {n}"
        for m, imported in graph().items()
        if app_of(m) in ("core", *DOMAIN)
        for n in imported
        if app_of(n) in top
    )
    bench = sorted(m for m, imported in graph().items() for n in imported if n.startswith("bench"))
    assert bad == [] and bench == []
