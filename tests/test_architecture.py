"""The shape of the code (#11): layers, no import cycles, small modules and functions.

The layers themselves are a contract in pyproject.toml that import-linter checks (`make
lint`); these tests read every import, function-level ones included, so that no cycle hides
inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "grantgen"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


MODULES = _modules()


def _imported(name: str, tree: ast.Module) -> list[tuple[str, ast.AST, bool]]:
    """(module imported, node, at top level) for every import of a grantgen module."""
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            if node.level:
                package = name.split(".")[: -node.level or None]
                if MODULES[name].name == "__init__.py":
                    package = name.split(".")[: len(name.split(".")) - node.level + 1]
                base = ".".join(package + [node.module])
            targets.append(base)
            targets += [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        for target in targets:
            if target in MODULES and target != name:
                found.append((target, node, id(node) in top))
    return found


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target, _node, _top in _imported(name, ast.parse(path.read_text("utf-8"))):
            graph[name].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycles_among_grantgens_modules():
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_imports_inside_functions_only_in_the_cli():
    """A function-level import of a grantgen module hides a cycle; only the CLI may import
    lazily, to keep `grantgen --help` fast."""
    found = []
    for name, path in MODULES.items():
        if name.startswith("grantgen.cli"):
            continue
        for target, node, top in _imported(name, ast.parse(path.read_text("utf-8"))):
            if not top and not _type_checking(node, path):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {target}")
    assert not found, "\n".join(found)


def _type_checking(node: ast.AST, path: Path) -> bool:
    tree = ast.parse(path.read_text("utf-8"))
    for block in tree.body:
        if isinstance(block, ast.If) and ast.unparse(block.test).endswith("TYPE_CHECKING"):
            if any(child is node or (getattr(child, "lineno", None) == node.lineno)
                   for child in ast.walk(block)):
                return True
    return False


def test_no_module_over_600_lines():
    long = {str(p.relative_to(PACKAGE.parent)): n for p in MODULES.values()
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, long


def test_no_function_over_80_lines():
    long = []
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} "
                                f"{node.name} ({lines} lines)")
    assert not long, "\n".join(long)


def test_sub_packages_say_what_they_hold():
    packages = [p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    assert len(packages) >= 5
    for package in packages:
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text("utf-8")))
        assert doc and len(doc.splitlines()) == 1, f"{package.name}/__init__.py: one-line docstring"


def test_no_private_name_used_from_another_module():
    """`_name` is a module's own: another module that needs it needs a public name."""
    found = []
    for path in MODULES.values():
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.startswith("grantgen"):
                for alias in node.names:
                    if alias.name.startswith("_") and alias.name != "_" and \
                            not alias.name.startswith("__"):
                        found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} "
                                     f"{node.module}.{alias.name}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("library", ["docxtpl", "docx", "lxml", "docxcompose"])
def test_only_word_imports_the_word_libraries(library):
    found = []
    for name, path in MODULES.items():
        if name.startswith("grantgen.word"):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            modules = ([node.module or ""] if isinstance(node, ast.ImportFrom) else
                       [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            if any(m == library or m.startswith(library + ".") for m in modules):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert not found, "\n".join(found)
