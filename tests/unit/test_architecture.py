"""No import cycles anywhere in the package, counting imports inside functions too.

The layer contract (`lint-imports`, configured in pyproject.toml) keeps the direction
between packages; this keeps modules within a package from leaning on each other in a
circle, which function-level imports used to hide."""

from __future__ import annotations

import grimp


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph("interviewer")
    modules = sorted(graph.modules)
    edges = {m: graph.find_modules_directly_imported_by(m) for m in modules}
    visiting: set[str] = set()
    done: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        if module in done:
            return
        if module in visiting:
            cycles.append([*path[path.index(module) :], module])
            return
        visiting.add(module)
        for imported in sorted(edges.get(module, ())):
            if imported.startswith("interviewer"):
                visit(imported, [*path, module])
        visiting.discard(module)
        done.add(module)

    for module in modules:
        visit(module, [])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles[:5])
