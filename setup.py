"""Build hook: put the course (notebooks, samples) into the wheel without copying it in git.

The repository keeps ``notebooks/`` and ``data/samples/`` at the top, where students and trainers
find them. At build time they are copied into ``retention_kit/_course/`` inside the build folder
(``build/lib``), so a wheel carries them as package data and ``retention_kit.course`` finds them
after ``pip install retention-kit``. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent

# (folder in the repository, glob patterns) copied to retention_kit/_course/<folder>.
# notebooks/<lang>/ holds a translated edition, if any; solutions/ stays out (trainers only).
COURSE_FILES = {
    "notebooks": ["*.ipynb", "*/*.ipynb"],
    "data/samples": ["*.csv", "*.parquet", "*ATTRIBUTION*", "README.md"],
}


def course_files(root: Path = HERE):
    """Yield (source, path relative to the course folder) for every course file under ``root``."""
    for folder, patterns in COURSE_FILES.items():
        for pattern in patterns:
            for src in sorted((root / folder).glob(pattern)):
                if src.is_file() and ".ipynb_checkpoints" not in src.parts:
                    yield src, src.relative_to(root)


class BuildPyWithCourse(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "retention_kit" / "_course"
        count = 0
        for src, rel in course_files():
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
            count += 1
        if count == 0:
            raise SystemExit("build: no course files found (notebooks/, data/samples/)")
        print(f"build: copied {count} course files into {target}")


setup(cmdclass={"build_py": BuildPyWithCourse})
