"""Property: random Unicode in every text field never reaches `pmo status` raw, never crashes it."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.cli import main
from pmo.present.terminal import has_unsafe
from test_catalogue import ALPHA, BASE, NOV, PF, apply_edits

#: Characters that act on a terminal or on Rich, and ordinary text around them.
NASTY = "\x1b\x07\x08\r\x00\x7f\x85\x9b\u200b\u200d\u202a\u202e\u2066\u2069\u2028\ufeff[]/\\:=#"
chars = st.one_of(
    st.sampled_from(NASTY),
    st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)),
)
texts = st.text(chars, min_size=1, max_size=30)
markup = st.sampled_from(["[/x]", "[link=https://evil.example]c[/link]", "[bold red]", "[/]"])
values = st.one_of(texts, st.builds(lambda a, m, b: a + m + b, texts, markup, texts))

#: (file, text to replace, how the new value is written) for each text field of the base.
FIELDS = [
    (PF, "name: Catalogue Test Portfolio"),
    (PF, "office: Test PMO"),
    (PF, "    title: Keep children safe"),
    (ALPHA, "name: Alpha Programme"),
    (ALPHA, "sro: Assistant Director"),
    (ALPHA, "summary: A small programme for the error catalogue."),
    (ALPHA, "    title: Route optimisation live"),
    (ALPHA, "    title: Operator market cannot absorb the retender"),
    (ALPHA, "    owner: Head of Transport\n    likelihood"),
    (ALPHA, "    title: Lower transport cost per pupil"),
    ("programmes/beta/programme.yaml", "name: Beta Project"),
    (NOV, "path_to_green: Re-plan the lot 2 timetable by 15 December."),
]


def _edits(new: list[str]) -> dict[str, list[tuple[str, str]]]:
    by_file: dict[str, list[tuple[str, str]]] = {}
    for (file, old), value in zip(FIELDS, new, strict=True):
        key, _, rest = old.partition(": ")
        tail = rest.split("\n", 1)
        replacement = f"{key}: {json.dumps(value)}" + (f"\n{tail[1]}" if len(tail) > 1 else "")
        by_file.setdefault(file, []).append((old, replacement))
    return by_file


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(new=st.lists(values, min_size=len(FIELDS), max_size=len(FIELDS)))
def test_random_text_never_reaches_status_output_raw(
    new: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as where:
        root = Path(where) / "portfolio"
        shutil.copytree(BASE, root)
        for file, edits in _edits(new).items():
            for edit in edits:
                apply_edits(root, {file: edit})
        monkeypatch.chdir(where)
        capsys.readouterr()
        with freeze_time("2026-11-23"):
            code = main(["status", "portfolio"])
        out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in out + err and "internal error" not in out + err
    assert not has_unsafe(out.replace("\n", "")), out
    assert not has_unsafe(err.replace("\n", "")), err
