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
    source: 2025년 무역사절단 모집 공고
  - id: export-voucher
    name: {ko: 수출바우처, en: Export voucher}
    summary: 수출 바우처입니다.
    source: https://example.org/voucher-2025
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
        f"{tmp_path / 'knowledge' / 'export.yaml'}:9: warning: summary of program 'export-voucher' has no English "
        "(write it as {ko: ..., en: ...} so English speakers get an answer too)",
        "2 programs, 1 FAQ, 0 referrals, 1 intent in 2 files: 0 errors, 1 warning",
    ]


def test_clean_files_print_only_the_summary(tmp_path):
    status, lines = check(*folders(tmp_path, KNOWLEDGE.replace("수출 바우처입니다.", "{ko: 바우처, en: Voucher}")))
    assert (status, lines) == (0, ["2 programs, 1 FAQ, 0 referrals, 1 intent in 2 files: 0 errors, 0 warnings"])


def test_any_error_exits_1_and_everything_is_listed_in_file_line_order(tmp_path):
    status, lines = check(BROKEN / "knowledge", BROKEN / "intents")
    assert status == 1
    *problems, summary = lines
    assert summary == "1 program, 2 FAQs, 1 referral, 2 intents in 4 files: 14 errors, 6 warnings"
    assert len(problems) == 20
    order = ["a-programs.yaml", "b-faqs.yaml", "c-referrals.yaml", "basic.yaml"]
    keys = [(order.index(Path(p.split(":")[0]).name), int(p.split(":")[1])) for p in problems]
    assert keys == sorted(keys)
    assert any(p.endswith("a-programs.yaml:15: error: unknown key 'qustions' (did you mean 'questions'?)")
               for p in problems)


def test_empty_knowledge_folder_exits_1(tmp_path):
    kdir, idir = folders(tmp_path)
    (kdir / "export.yaml").unlink()
    status, lines = check(kdir, idir)
    assert status == 1
    assert lines[0].endswith("knowledge: error: no knowledge files (*.yaml) in this folder "
                             "(the bot needs at least one file of programs or FAQs; see knowledge-format.md)")
    assert lines[-1] == "0 programs, 0 FAQs, 0 referrals, 1 intent in 1 file: 1 error, 0 warnings"


def test_bot_py_check_on_the_command_line(tmp_path):
    kdir, idir = folders(tmp_path, KNOWLEDGE.replace("qustions", "x").replace("questions:", "qustions:"))
    result = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "check", "--knowledge", str(kdir), "--intents", str(idir)],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=30,
    )
    assert result.returncode == 1, result.stderr
    # Run from tmp_path, paths print relative to it.
    assert "knowledge/export.yaml:13: error: unknown key 'qustions' (did you mean 'questions'?)" in result.stdout
    assert "knowledge/export.yaml:12: error: FAQ 'fair-booth' has no questions; skipped" in result.stdout
    assert result.stdout.splitlines()[-1] == "2 programs, 0 FAQs, 0 referrals, 1 intent in 2 files: 2 errors, 1 warning"


def test_dates_sources_and_referrals_are_checked(tmp_path):
    """The facts' date and source, and a referral's way to reach the institution, as `check` reports them."""
    status, lines = check(BROKEN / "knowledge", BROKEN / "intents")
    text = "\n".join(lines)
    assert status == 1
    assert "a-programs.yaml:7: warning: program 'youth-startup-academy' has no source" in text
    assert "a-programs.yaml:14: error: as_of of program 'youth-startup-academy' is in the future: '2999-01'" in text
    assert ("c-referrals.yaml:3: error: referral 'tax-office' has neither a url nor a contact; skipped"
            in text)
    assert "c-referrals.yaml:12: error: as_of of referral 'sme-call-centre' is not a date: '2014년 5월'" in text


def test_as_of_is_judged_against_todays_date(tmp_path):
    import datetime as dt
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    dated = KNOWLEDGE.replace("    source: 2025년 무역사절단 모집 공고\n",
                              f"    source: 2025년 무역사절단 모집 공고\n    as_of: {tomorrow.isoformat()}\n")
    status, lines = check(*folders(tmp_path, dated))
    assert status == 1 and f"is in the future: '{tomorrow.isoformat()}'" in lines[0]
    today = dated.replace(tomorrow.isoformat(), dt.date.today().isoformat())
    (tmp_path / "knowledge" / "export.yaml").write_text(today, encoding="utf-8")
    status, lines = check(tmp_path / "knowledge", tmp_path / "intents")
    assert status == 0
