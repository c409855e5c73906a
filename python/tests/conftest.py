"""Shared fixtures: the repository's pages, the corpus, a test WARC."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "seed" / "news-aggregator-article.html"
CORPUS = Path(os.environ.get("CHAFF_CORPUS", ROOT.parent / "shared" / "corpus"))


def need(condition: bool, why: str) -> None:
    """Skip with a plain reason, or fail under CI (env CI set), if not `condition`."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{why} (CI is set, so this fails instead of skipping)")
    pytest.skip(why)


@pytest.fixture(scope="session")
def seed() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="session")
def corpus() -> Path:
    need(
        (CORPUS / "modern" / "html").is_dir(),
        f"the dev corpus is missing: {CORPUS}/modern/html not found "
        "(the shared/ folder beside the repo; set CHAFF_CORPUS to point elsewhere)",
    )
    return CORPUS


@pytest.fixture(scope="session")
def test_warc(corpus: Path, tmp_path_factory) -> Path:
    """30 corpus pages plus a non-HTML, a 3 MB and a binary response."""
    out = tmp_path_factory.mktemp("warc") / "test.warc.gz"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make-test-warc.py"), "--corpus", str(corpus),
         "--sets", "modern", "--count", "30", "--extras", "--big-mb", "3", "--out", str(out)],
        check=True,
    )
    return out


@pytest.fixture(scope="session")
def java() -> str:
    path = shutil.which("java") or (
        str(Path(os.environ["JAVA_HOME"]) / "bin" / "java") if os.environ.get("JAVA_HOME") else None
    )
    need(bool(path), "no Java runtime: Spark needs one (scripts/setup.sh installs openjdk-17-jre-headless)")
    return path
