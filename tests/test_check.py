"""`python bot.py check`: everything printed at once, a summary line, and the exit status."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from knowledge.check import run_check

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "data" / "broken"

KNOWLEDGE = """\
area: {id: export, name: {ko: 수출지원, en: Export support}}
programs:
  - id: trade-mission
    name: {ko: 무역사절단, en: Trade missions}
    summary: {ko: 해외 시장 개척단입니다., en: Missions to open markets abroad.}
  - id: export-voucher
    name: {ko: 수출바우처, en: Export voucher}
    summary: 수출 바우처입니다.
faqs:
  - id: fair-booth
    questions: [해외 전시회 부스 지원돼요?]
    answer: {ko: 공고를 확인해 주세요., en: Please see the current notices.}
    programs: [trade-mission]
"""
INTENTS = """\
intents:
  - id: greeting
    examples: [안녕하세요, hello]
    reply: {ko: 안녕하세요!, en: Hello!}
"""


def folders(tmp_path: Path, knowledge: str = KNOWLEDGE, intents: str = INTENTS) -> tuple[Path, Path]:
    kdir, idir = tmp_path / "knowledge", tmp_path / "intents"
    kdir.mkdir()
    idir.mkdir()
    (kdir / "export.yaml").write_text(knowledge, encoding="utf-8")
    (idir / "basic.yaml").write_text(intents, encoding="utf-8")
    return kdir, idir


def check(kdir: Path, idir: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = run_check(kdir, idir, out=out)
    return status, out.getvalue().splitlines()


def test_warnings_only_exit_0(tmp_path):
    status, lines = check(*folders(tmp_path))
    assert status == 0
    assert lines == [
        f"{tmp_path / 'knowledge' / 'export.yaml'}:8: warning: summary of program 'export-voucher' has no English "
        "(write it as {ko: ..., en: ...} so English speakers get an answer too)",
        "2 programs, 1 FAQ, 1 intent in 2 files: 0 errors, 1 warning",
    ]


def test_clean_files_print_only_the_summary(tmp_path):
    status, lines = check(*folders(tmp_path, KNOWLEDGE.replace("수출 바우처입니다.", "{ko: 바우처, en: Voucher}")))
    assert (status, lines) == (0, ["2 programs, 1 FAQ, 1 intent in 2 files: 0 errors, 0 warnings"])


def test_any_error_exits_1_and_everything_is_listed_in_file_line_order(tmp_path):
    status, lines = check(BROKEN / "knowledge", BROKEN / "intents")
    assert status == 1
    *problems, summary = lines
    assert summary == "1 program, 2 FAQs, 2 intents in 3 files: 11 errors, 5 warnings"
    assert len(problems) == 16
    order = ["a-programs.yaml", "b-faqs.yaml", "basic.yaml"]
    keys = [(order.index(Path(p.split(":")[0]).name), int(p.split(":")[1])) for p in problems]
    assert keys == sorted(keys)
    assert any(p.endswith("a-programs.yaml:14: error: unknown key 'qustions' (did you mean 'questions'?)")
               for p in problems)


def test_empty_knowledge_folder_exits_1(tmp_path):
    kdir, idir = folders(tmp_path)
    (kdir / "export.yaml").unlink()
    status, lines = check(kdir, idir)
    assert status == 1
    assert lines[0].endswith("knowledge: error: no knowledge files (*.yaml) in this folder "
                             "(the bot needs at least one file of programs or FAQs; see knowledge-format.md)")
    assert lines[-1] == "0 programs, 0 FAQs, 1 intent in 1 file: 1 error, 0 warnings"


def test_bot_py_check_on_the_command_line(tmp_path):
    kdir, idir = folders(tmp_path, KNOWLEDGE.replace("qustions", "x").replace("questions:", "qustions:"))
    result = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "check", "--knowledge", str(kdir), "--intents", str(idir)],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=30,
    )
    assert result.returncode == 1, result.stderr
    # Run from tmp_path, paths print relative to it.
    assert "knowledge/export.yaml:11: error: unknown key 'qustions' (did you mean 'questions'?)" in result.stdout
    assert "knowledge/export.yaml:10: error: FAQ 'fair-booth' has no questions; skipped" in result.stdout
    assert result.stdout.splitlines()[-1] == "2 programs, 0 FAQs, 1 intent in 2 files: 2 errors, 1 warning"
