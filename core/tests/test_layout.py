"""The house has floors, and imports run down only (README, "How the code is laid out").

Every module of the portal's own packages (tests aside) is read with Python's own parser; each import
of another floor's package must point to a floor below. An arrow that runs back up fails the test,
which names the file, the line and the import.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Top to bottom. Apps on one floor may not import each other either; a new content kind (documents,
# say) stands beside `agencies` on the ground floor's machinery, on a floor of its own or shared.
FLOORS = [["gmg_portal"], ["publications"], ["events"], ["themes"], ["agencies"], ["core"]]
FLOOR_OF = {package: level for level, packages in enumerate(FLOORS) for package in packages}


def portal_modules(root):
    for package in FLOOR_OF:
        for path in sorted((root / package).rglob("*.py")):
            if "tests" not in path.relative_to(root).parts:
                yield package, path


def imported_packages(path):
    """(line, the import as written, the top-level package it names) for every import in a module,
    including those inside functions; relative imports stay within their own package."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, f"import {alias.name}", alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = ", ".join(alias.name for alias in node.names)
            yield node.lineno, f"from {node.module} import {names}", node.module.split(".")[0]


def upward_imports(root=ROOT):
    for package, path in portal_modules(root):
        for line, statement, target in imported_packages(path):
            if target in FLOOR_OF and target != package and FLOOR_OF[target] <= FLOOR_OF[package]:
                yield f"{path.relative_to(root)}:{line}: {statement} ({package} may not import {target})"


def test_imports_run_down_the_floors_only():
    assert list(upward_imports()) == []


def test_the_check_names_an_import_that_runs_up(tmp_path):
    """The check itself can fail: a module of the ground floor that imports a content app is named."""
    core = tmp_path / "core"
    core.mkdir()
    (core / "helpers.py").write_text("import os\n\n\ndef f():\n    from events.models import Event\n")
    (core / "tests").mkdir()
    (core / "tests" / "test_x.py").write_text("from gmg_portal.views import HomeView\n")  # tests aside
    assert list(upward_imports(tmp_path)) == [
        "core/helpers.py:5: from events.models import Event (core may not import events)"
    ]


@pytest.mark.parametrize("package", ["agencies", "themes", "events", "publications"])
def test_no_content_app_replaces_another_apps_admin(package):
    """Inlines are added to another app's admin through core.publishing_admin.inline_for, never by
    unregistering and registering its admin again."""
    assert "unregister(" not in (ROOT / package / "admin.py").read_text()
