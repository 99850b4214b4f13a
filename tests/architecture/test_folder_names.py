"""No source folder has a name that generic tooling treats as disposable output.

GitHub's standard ``Python.gitignore`` (github/gitignore) ignores these folder names anywhere in a tree,
and cleaners (``git clean -X`` under that file, IDEs, ``setuptools``'s own ``build/``) remove them. A package named
``build`` was the compile stage of plgen until it became ``plgen/assemble`` (issue 22).
"""

from __future__ import annotations

from pathlib import Path

import plgen

# Unanchored directory patterns of github/gitignore Python.gitignore ("build/", "dist/", ...).
OUTPUT_NAMES = frozenset(
    {"build", "develop-eggs", "dist", "downloads", "eggs", ".eggs", "lib", "lib64", "parts", "sdist", "var", "wheels",
     "htmlcov", ".tox", ".nox", ".cache", "instance", ".scrapy", "target", "env", "venv", "ENV", "env.bak", "venv.bak",
     ".venv", "site", ".mypy_cache", ".pytest_cache", "cython_debug", "__pypackages__"}
)


def source_folders(top: Path) -> list[Path]:
    return [p for p in top.rglob("*") if p.is_dir() and p.name != "__pycache__"]


def test_no_package_folder_is_named_like_build_output():
    top = Path(plgen.__file__).parent
    named = [str(p.relative_to(top.parent)) for p in source_folders(top) if p.name in OUTPUT_NAMES]
    assert named == []


def test_the_check_finds_a_folder_named_build(tmp_path):
    (tmp_path / "pkg" / "build").mkdir(parents=True)
    (tmp_path / "pkg" / "emit").mkdir()
    assert [p.name for p in source_folders(tmp_path / "pkg") if p.name in OUTPUT_NAMES] == ["build"]
