"""Where the course lives (a checkout or an installed wheel), and ``retention-kit course DIR``.

In a checkout of the repository the course is ``notebooks/`` and ``data/samples/`` at the top of
the tree; in an installed wheel the build copied them into ``retention_kit/_course/`` (see
``setup.py``). :func:`course_root` returns whichever holds them, so the datasets, the report
template and the app find their files in both.

:func:`write_course` copies the course into a folder of the student's own, so that editing and
autosaving notebooks never touches the package or the git clone::

    retention-kit course ~/retention-course
    jupyter lab ~/retention-course
"""

from __future__ import annotations

import filecmp
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidParameterError

__all__ = ["CourseCopy", "course_root", "editions", "write_course"]

_CHECKOUT = Path(__file__).resolve().parents[1]
_INSTALLED = Path(__file__).resolve().parent / "_course"

# The default edition is the one in notebooks/ itself; a translation lives in notebooks/<lang>/.
DEFAULT_LANG = "en"
_SAMPLE_PATTERNS = ("*.csv", "*.parquet", "*ATTRIBUTION*", "README.md")


def course_root() -> Path:
    """The folder holding ``notebooks/`` and ``data/samples/``: the checkout, else the wheel's.

    >>> (course_root() / "notebooks" / "00_start_here.ipynb").is_file()
    True
    """
    for root in (_CHECKOUT, _INSTALLED):
        if (root / "notebooks").is_dir() and (root / "data" / "samples").is_dir():
            return root
    return _INSTALLED


def editions() -> list[str]:
    """The course's languages: ``"en"`` (``notebooks/*.ipynb``) and each ``notebooks/<lang>/``.

    >>> "en" in editions()
    True
    """
    folder = course_root() / "notebooks"
    found = [DEFAULT_LANG] if any(folder.glob("*.ipynb")) else []
    found += (
        sorted(
            p.name
            for p in folder.iterdir()
            if p.is_dir() and not p.name.startswith(".") and any(p.glob("*.ipynb"))
        )
        if folder.is_dir()
        else []
    )
    return found


@dataclass
class CourseCopy:
    """What :func:`write_course` did: files ``written``, ``unchanged`` and ``skipped`` (edited)."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def _course_files(lang: str) -> list[tuple[Path, Path]]:
    root = course_root()
    langs = editions()
    if lang not in langs:
        raise InvalidParameterError(
            f"there is no {lang!r} edition of the course; available: "
            f"{', '.join(langs) or 'none (the course files are missing from this install)'}."
        )
    nb_dir = root / "notebooks" if lang == DEFAULT_LANG else root / "notebooks" / lang
    pairs = [(p, Path("notebooks") / p.name) for p in sorted(nb_dir.glob("*.ipynb"))]
    if lang == DEFAULT_LANG:  # the whole course, as in the repository: translations in subfolders
        for other in langs:
            if other != DEFAULT_LANG:
                pairs += [
                    (p, Path("notebooks") / other / p.name)
                    for p in sorted((root / "notebooks" / other).glob("*.ipynb"))
                ]
    samples = root / "data" / "samples"
    for pattern in _SAMPLE_PATTERNS:
        pairs += [(p, Path("data") / "samples" / p.name) for p in sorted(samples.glob(pattern))]
    return pairs


def write_course(
    folder: str | Path, *, lang: str = DEFAULT_LANG, force: bool = False
) -> CourseCopy:
    """Copy the course (notebooks of edition ``lang``, samples) into ``folder``.

    The folder gets ``notebooks/`` and ``data/samples/``. The default edition brings the
    translations along, as the repository has them (``notebooks/ru/`` for the Russian edition:
    the same code, Russian prose); ``lang="ru"`` writes only the Russian notebooks, straight
    into ``notebooks/``. A file already there with the same content is left as it is; one that
    differs (a student's edited notebook) is skipped unless ``force=True``. The trainers'
    solutions are not copied: they are for trainers, and the notebooks' own checks
    (``rk.exercises``) tell a student whether an answer is right.

    Parameters
    ----------
    folder : str or Path
        Where to write; created if missing.
    lang : str, default "en"
        The edition (see :func:`editions`); "en" also copies every other edition's folder.
    force : bool, default False
        Overwrite files that differ from the course's.

    Returns
    -------
    CourseCopy
        The files written, unchanged and skipped (paths relative to ``folder``).

    Raises
    ------
    InvalidParameterError
        No such edition, or ``folder`` is a file.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     first = write_course(tmp)
    ...     again = write_course(tmp)
    >>> len(again.written), len(again.unchanged) == len(first.written)
    (0, True)
    """
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise InvalidParameterError(f"{folder} is a file; give a folder to write the course into.")
    result = CourseCopy(folder=folder)
    for src, rel in _course_files(lang):
        dest = folder / rel
        if dest.exists():
            if filecmp.cmp(src, dest, shallow=False):
                result.unchanged.append(rel)
                continue
            if not force:
                result.skipped.append(rel)
                continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        result.written.append(rel)
    return result
