"""`bot.py eval`: the contract of its JSON, and the quality bars on our evaluation sets."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from intents.evaluate import run_eval

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CONTRACT_KEYS = {"cases", "in_scope", "out_of_scope", "answered", "top3", "wrong", "oos_rejected", "aspect",
                 "p50_ms", "p99_ms", "by_tag"}


def _figures(cases: Path, knowledge: Path = ROOT / "knowledge") -> dict:
    out = io.StringIO()
    assert run_eval(cases, knowledge, ROOT / "intents", as_json=True, out=out, mode="lexical") == 0
    return json.loads(out.getvalue().strip().splitlines()[-1])


@pytest.mark.parametrize("cases, knowledge", [
    (DATA / "eval.yaml", ROOT / "knowledge"),          # the set the thresholds were calibrated on
    (DATA / "holdout.yaml", ROOT / "knowledge"),       # written apart, never tuned on
    (DATA / "alt" / "eval.yaml", DATA / "alt" / "knowledge"),  # another agency's knowledge base
])
def test_quality_bars(cases: Path, knowledge: Path) -> None:
    figures = _figures(cases, knowledge)
    assert figures["answered"] >= 0.80
    assert figures["top3"] >= 0.96
    assert figures["wrong"] <= 0.03
    assert figures["oos_rejected"] >= 0.90


def test_eval_set_is_large_and_tagged() -> None:
    figures = _figures(DATA / "eval.yaml")
    assert figures["cases"] >= 300
    assert figures["out_of_scope"] >= 60
    for tag in ("paraphrase", "spacing", "typo", "alias", "chosung", "english", "mixed", "short", "long",
                "aspect", "intent", "oos", "near_miss"):
        assert figures["by_tag"][tag]["cases"] > 0, tag


def test_json_contract_from_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "bot.py", "eval", str(DATA / "mini" / "cases.yaml"), "--knowledge",
         str(DATA / "mini" / "knowledge"), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
        env={**os.environ, "MATCHER_MODE": "lexical"})  # tests/test_semantic.py runs the hybrid mode
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert CONTRACT_KEYS <= set(figures)
    assert (figures["cases"], figures["in_scope"], figures["out_of_scope"]) == (4, 3, 1)
    assert figures["oos_rejected"] == 1.0
    assert figures["by_tag"]["oos"] == {"cases": 1, "correct": 1.0}
    assert figures["mode"] in ("lexical", "hybrid")
    assert 0.0 <= figures["oos_suggested"] <= 1.0
    assert figures["tags"]["oos"]["oos_rejected"] == 1.0 and figures["tags"]["oos"]["cases"] == 1
    for key in ("answered", "top3", "wrong", "aspect"):
        assert 0.0 <= figures[key] <= 1.0
    assert figures["p99_ms"] >= figures["p50_ms"] >= 0


@pytest.mark.parametrize("argv", [
    ["--knowledge", "K", "--intents", "I", "eval", "cases.yaml"],   # the folders before the command
    ["eval", "cases.yaml", "--knowledge", "K", "--intents", "I"],   # and after it (the contract's form)
    ["--knowledge", "K", "--intents", "I", "check"],
    ["check", "--knowledge", "K", "--intents", "I"],
    ["--knowledge", "K", "--intents", "I", "chat"],
    ["--knowledge", "K", "--intents", "I", "enquiries", "unanswered"],
])
def test_knowledge_folders_are_taken_wherever_they_are_given(argv: list[str]) -> None:
    from bot import build_parser
    args = build_parser().parse_args(argv)
    assert (args.knowledge, args.intents) == (Path("K"), Path("I"))


def test_without_folders_the_shipped_ones_are_used() -> None:
    from bot import DEFAULT_INTENTS, DEFAULT_KNOWLEDGE, build_parser
    for argv in (["eval", "cases.yaml"], ["check"], [], ["chat"]):
        args = build_parser().parse_args(argv)
        assert (args.knowledge, args.intents) == (DEFAULT_KNOWLEDGE, DEFAULT_INTENTS), argv


def test_failures_and_table() -> None:
    out = io.StringIO()
    run_eval(DATA / "mini" / "cases.yaml", DATA / "mini" / "knowledge", ROOT / "intents", failures=True, out=out, mode="lexical")
    text = out.getvalue()
    assert "창업 사무실 구해요" in text and "expected youth-startup-academy" in text  # the one that goes wrong
    assert "청창사 언제 모집해요" not in text
    assert "answered" in text and "by tag:" in text


def test_a_broken_case_file_is_reported_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("- {text: 안녕, expect: greeting}\n- {text: [unclosed, expect: x}\n", encoding="utf-8")
    assert run_eval(cases, ROOT / "knowledge", ROOT / "intents", mode="lexical") == 1
    assert f"{cases}:2" in capsys.readouterr().err


def test_unknown_ids_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("- {text: 안녕, expect: no-such-id}\n- {expect: greeting}\n", encoding="utf-8")
    assert run_eval(cases, ROOT / "knowledge", ROOT / "intents", as_json=True, mode="lexical") == 0
    err = capsys.readouterr().err
    assert "no-such-id" in err and f"{cases}:2" in err


def test_cases_are_read_as_written(tmp_path: Path) -> None:
    from intents.evaluate import load_cases

    cases_file = tmp_path / "cases.yaml"
    cases_file.write_text("- {text: no, expect: greeting, tags: [short, short, oos]}\n"
                          "- {text: '', expect: null}\n- {text: 123, expect: ~}\n", encoding="utf-8")
    cases, problems = load_cases(cases_file, {"greeting"})
    assert problems == []
    assert [(c.text, c.expect, c.tags) for c in cases] == [
        ("no", "greeting", ("short", "oos")), ("", None, ()), ("123", None, ())]


def test_a_case_with_an_unknown_id_is_skipped_not_scored(tmp_path: Path) -> None:
    cases_file = tmp_path / "cases.yaml"
    cases_file.write_text("- {text: 안녕하세요, expect: greeting}\n- {text: 안녕, expect: no-such-id}\n",
                          encoding="utf-8")
    figures = _figures(cases_file)
    assert (figures["cases"], figures["in_scope"], figures["answered"], figures["invalid_cases"]) == (1, 1, 1.0, 1)


@pytest.mark.parametrize("cases", [DATA / "people.yaml", DATA / "people_holdout.yaml"])
def test_people_sets_hold_their_floor(cases: Path) -> None:
    """Cases typed as people type (chat, follow-ups, long stories, near misses): a floor, not the bar."""
    figures = _figures(cases)
    assert figures["answered"] >= 0.70 and figures["top3"] >= 0.90
    assert figures["wrong"] <= 0.08 and figures["oos_rejected"] >= 0.85 and figures["oos_suggested"] <= 0.2
    assert figures["tags"]["context"]["answered"] >= 0.8


def test_a_multi_turn_case_is_scored_on_its_last_message_in_context(tmp_path: Path) -> None:
    from intents.evaluate import load_cases

    cases_file = tmp_path / "cases.yaml"
    cases_file.write_text(
        "- text: [창업보육센터 알려주세요, '그럼 신청은 어떻게 해요?']\n  expect: startup-incubation\n  aspect: apply\n"
        "- text: ['그럼 신청은 어떻게 해요?']\n  expect: startup-incubation\n  aspect: apply\n", encoding="utf-8")
    cases, problems = load_cases(cases_file)
    assert problems == [] and cases[0].before == ("창업보육센터 알려주세요",) and cases[1].before == ()
    assert cases[0].text == "그럼 신청은 어떻게 해요?"
    figures = _figures(cases_file)
    assert (figures["answered"], figures["aspect"]) == (0.5, 0.5)  # the same words without the first turn: not


# Tags every held-out set has cases of.
COMMON_TAGS = ("intent", "long", "english", "paraphrase", "near_miss", "oos", "aspect", "context")


@dataclass(frozen=True)
class HeldOut:
    """A held-out set and the floors it must hold (lexical mode): below the figures first measured, so that a
    regression fails and noise does not. Its cases were written without reading the matcher, are never tuned on
    (no `--failures` run) and never edited to pass; these floors are not the bars of issue 7."""

    name: str
    cases_file: Path
    knowledge: Path
    cases: int
    out_of_scope: int
    answered: float
    top3: float
    wrong: float
    oos_rejected: float
    aspect: float
    extra_tags: tuple[str, ...]  # besides COMMON_TAGS: each must have cases


HELD_OUT = [
    # A fictional Daegu agency's knowledge base and cases written without reading the matcher or its lexicon
    # (tests/data/blind): an honest held-out measurement. Floors sit well below the figures first measured
    # (lexical: answered 0.75, top3 0.97, wrong 0.009, oos_rejected 0.84, aspect 0.70) so that only a real
    # regression fails; they are not the bars of issue 7, and the set is never edited to pass.
    HeldOut("blind", DATA / "blind" / "eval.yaml", DATA / "blind" / "knowledge",
            cases=250, out_of_scope=50, answered=0.65, top3=0.90, wrong=0.05, oos_rejected=0.75, aspect=0.55,
            extra_tags=("exclusion", "typo", "chosung")),
    # A second fictional agency (Gwangju/South Jeolla, tests/data/blind2) with cases written without reading the
    # matcher: held out. Floors sit well below the figures first measured (lexical: answered 0.73, top3 0.955,
    # wrong 0.038, oos_rejected 0.87, aspect 0.66) so that only a real regression fails; the set is never edited
    # to pass.
    HeldOut("blind2", DATA / "blind2" / "eval.yaml", DATA / "blind2" / "knowledge",
            cases=300, out_of_scope=50, answered=0.62, top3=0.90, wrong=0.07, oos_rejected=0.75, aspect=0.55,
            extra_tags=("exclusion", "typo", "chosung", "referral")),
    # New users of our own agency (tests/data/fresh.yaml: a young founder, a 55-year-old job seeker, an export
    # manager, a student, a foreign founder in English, HR), written without reading the matcher: held out. Floors
    # sit well below the figures first measured (lexical: answered 0.79, top3 0.94, wrong 0.086, oos_rejected 1.0,
    # aspect 0.73) so that only a real regression fails; the set is never edited to pass.
    HeldOut("fresh", DATA / "fresh.yaml", ROOT / "knowledge",
            cases=90, out_of_scope=15, answered=0.68, top3=0.88, wrong=0.13, oos_rejected=0.80, aspect=0.60,
            extra_tags=("referral",)),
    # A third fictional agency (Ulsan: shipbuilding, petrochemicals, batteries; tests/data/blind3) with cases
    # written without reading the matcher: held out. Floors sit a few points below the figures first measured
    # (lexical: answered 0.632, top3 0.886, wrong 0.032, oos_rejected 0.867, aspect 0.845) so that a regression
    # fails but noise does not; the set is never edited to pass.
    HeldOut("blind3", DATA / "blind3" / "eval.yaml", DATA / "blind3" / "knowledge",
            cases=300, out_of_scope=40, answered=0.58, top3=0.84, wrong=0.07, oos_rejected=0.80, aspect=0.77,
            extra_tags=("exclusion", "typo", "chosung", "referral")),
    # A fifth fictional agency (Cheongju, inland: agri-food and HACCP, bio pilot production, battery materials, a DX
    # voucher, jobs; tests/data/blind4: 13 programs, 5 FAQs, 3 referrals) with 129 cases from eight personas, written
    # on 2026-12-02 by a tester (tester15) before any run, without reading the matcher, intents/ or any other case
    # file: held out. Floors sit a few points below the figures first measured on main 7e48a72 (lexical: answered
    # 0.849, top3 0.943, wrong 0.019, oos_rejected 0.913, aspect 0.767; hybrid 0.830 / 0.953 / 0.019 / 0.870 /
    # 0.721); the set is never edited to pass.
    HeldOut("blind4", DATA / "blind4" / "eval.yaml", DATA / "blind4" / "knowledge",
            cases=125, out_of_scope=20, answered=0.80, top3=0.90, wrong=0.05, oos_rejected=0.84, aspect=0.70,
            extra_tags=("referral", "typo", "chosung", "exclusion", "mixed", "food_maker", "parts_ceo", "student_dev",
            "intl_researcher", "retiree", "local_brand", "hr_manager", "cosme_startup")),
    # A sixth fictional agency (Gangneung, coastal: startups, tourism ventures and a MICE grant, a hydrogen parts
    # testbed and a closed 2025 program, content production and film locations, exports and online sales, jobs;
    # tests/data/blind5: 14 programs, 5 FAQs, 4 referrals) with 156 cases from nine personas, written on 2026-12-02
    # by a tester (tester17) before any run, without reading the matcher, intents/ or any other case file: held out.
    # Floors sit a few points below the figures first measured on main 13d5304 (lexical: answered 0.727, top3
    # 0.894, wrong 0.008, oos_rejected 0.875, aspect 0.635; hybrid 0.780 / 0.932 / 0.008 / 0.792 / 0.673); the set
    # is never edited to pass.
    HeldOut("blind5", DATA / "blind5" / "eval.yaml", DATA / "blind5" / "knowledge",
            cases=150, out_of_scope=22, answered=0.68, top3=0.85, wrong=0.05, oos_rejected=0.80, aspect=0.58,
            extra_tags=("referral", "typo", "chosung", "exclusion", "mixed", "guesthouse_owner", "webtoon_artist",
            "valve_ceo", "event_planner", "intl_founder", "film_producer", "laid_off_worker", "craft_seller",
            "hr_staff")),
    # New personas asking our own agency (tests/data/fresh2.yaml: a retiree, a student, a foreign engineer's
    # spouse, a defence-parts CEO, a hydrogen founder, a parent, a factory's HR manager), written without reading
    # the matcher: held out. Floors sit a few points below the figures first measured (lexical: answered 0.805,
    # top3 0.922, wrong 0.026, oos_rejected 0.842, aspect 0.875); the set is never edited to pass.
    HeldOut("fresh2", DATA / "fresh2.yaml", ROOT / "knowledge",
            cases=90, out_of_scope=15, answered=0.74, top3=0.87, wrong=0.08, oos_rejected=0.73, aspect=0.75,
            extra_tags=("referral", "typo", "retiree", "student", "spouse", "defense_ceo", "h2_founder", "parent",
            "hr_manager")),
    # Eight more personas asking our own agency (tests/data/fresh6.yaml: a food-truck owner, a software
    # start-up's CTO asking for export help in English, a shipbuilding subcontractor's admin manager, a returnee
    # founder mixing Korean and English, a meister high-school senior, a university professor, a second-generation
    # valve-maker owner, a local reporter), written on 2026-12-02 from the personas' needs and the knowledge files,
    # without reading the matcher or any other case file and without a `--failures` run: held out. Floors sit a few
    # points below the figures first measured on main e367210 (lexical: answered 0.803, top3 0.926, wrong 0.025,
    # oos_rejected 0.92, aspect 0.567); the set is never edited to pass.
    HeldOut("fresh6", DATA / "fresh6.yaml", ROOT / "knowledge",
            cases=100, out_of_scope=22, answered=0.76, top3=0.88, wrong=0.07, oos_rejected=0.86, aspect=0.51,
            extra_tags=("referral", "typo", "chosung", "exclusion", "mixed", "foodtruck", "saas_cto", "shipyard_sub",
            "mixed_lang", "hs_senior", "professor", "successor", "reporter")),
    # Eight more personas asking our own agency (tests/data/fresh7.yaml: a defence-parts maker's QA manager, a
    # Malaysian parts buyer in English, a university career-centre counsellor asking for students, a mobile-game
    # founder outside manufacturing, a 55-year-old laid-off machine-tool worker, a fuel-cell postdoc moving to
    # industry, a management consultant asking for client companies, a former trade clerk returning to work),
    # written on 2026-12-02 from the personas' needs and the knowledge files, without reading the matcher or any
    # other case file and without a `--failures` run: held out. Floors sit a few points below the figures first
    # measured on main e78b175 (lexical: answered 0.689, top3 0.844, wrong 0.056, oos_rejected 0.773, aspect
    # 0.515; hybrid 0.756 / 0.889 / 0.022 / 0.909 / 0.576); the set is never edited to pass.
    HeldOut("fresh7", DATA / "fresh7.yaml", ROOT / "knowledge",
            cases=105, out_of_scope=20, answered=0.64, top3=0.80, wrong=0.10, oos_rejected=0.72, aspect=0.46,
            extra_tags=("referral", "typo", "chosung", "exclusion", "mixed", "defense_qa", "intl_buyer",
            "career_center", "game_startup", "laid_off", "h2_researcher", "mgmt_consultant", "trade_returner")),
    # Eight more personas asking our own agency (tests/data/fresh8.yaml: a collaborative-robot start-up's CTO mixing
    # Korean and English, a hydrogen-valve supplier's export manager in English, a 24-year-old vocational-school
    # graduate writing 반말 with typos and 초성, a restaurant owner who writes long stories, a university
    # tech-transfer officer, an aerospace sheet-metal shop owner who types two or three words, an auto-parts maker's
    # production manager, a Berlin accelerator's scout in English), written on 2026-12-02 from the personas' needs
    # and the knowledge files, without reading the matcher or any other case file and without a `--failures` run:
    # held out. Floors sit a few points below the figures first measured on main 459aa5c (lexical: answered 0.602,
    # top3 0.828, wrong 0.097, oos_rejected 1.0, aspect 0.462; hybrid 0.634 / 0.860 / 0.054 / 0.905 / 0.50); the
    # set is never edited to pass.
    HeldOut("fresh8", DATA / "fresh8.yaml", ROOT / "knowledge",
            cases=108, out_of_scope=20, answered=0.56, top3=0.78, wrong=0.14, oos_rejected=0.90, aspect=0.41,
            extra_tags=("referral", "typo", "chosung", "exclusion", "mixed", "robot_cto", "h2_exporter", "voc_grad",
            "restaurant_owner", "tech_transfer", "aero_sheetmetal", "auto_parts_mgr", "accel_scout")),
    # Eight more personas asking our own agency (tests/data/fresh9.yaml: a shipyard welder's wife in Jinhae who writes
    # long stories with typos, a 30-year-old YouTuber starting a merchandise brand in 반말 with 초성, a defence-drone
    # start-up's CEO mixing Korean and English, a Japanese machine-tool maker's buyer in non-native English, a
    # mechanical design engineer back after a four-year career break, a smart-farm founder, the HR officer of a
    # 300-person machinery maker, a city council member's policy aide asking for figures), written on 2026-12-02 by
    # a tester (tester11) from the personas' needs and the knowledge files, without reading the matcher, intents/ or
    # any other case file (fresh8.yaml for its format only) and without a `--failures` run: held out. Floors sit a
    # few points below the figures first measured on main e042907 (lexical: answered 0.723, top3 0.947, wrong
    # 0.011, oos_rejected 0.789, aspect 0.741; hybrid 0.798 / 0.936 / 0.064 / 1.0 / 0.741); the set is never edited
    # to pass.
    HeldOut("fresh9", DATA / "fresh9.yaml", ROOT / "knowledge",
            cases=108, out_of_scope=17, answered=0.67, top3=0.90, wrong=0.05, oos_rejected=0.73, aspect=0.68,
            extra_tags=("referral", "typo", "chosung", "exclusion", "mixed", "shipyard_spouse", "youtuber",
            "drone_ceo", "jp_buyer", "career_break", "smartfarm", "hr_officer", "council_aide")),
    # Eight more personas asking our own agency (tests/data/fresh10.yaml: a 62-year-old retiree opening a bakery-café,
    # a Vietnamese worker on an E-9 visa writing simple Korean or English, a fuel-cell parts supplier's CEO, a
    # fish-cake maker's export manager, a machine-vision developer founding a start-up in chat Korean with 초성, a
    # city-council office intern gathering figures, an army NCO retiring at 41, a medical-device founder writing long
    # formal messages), written on 2026-12-02 by a tester (tester13) from the personas' needs and the knowledge files,
    # without reading the matcher or any other case file (fresh8.yaml for its format only), without running the bot
    # first and without a `--failures` run: held out. Floors sit a few points below the figures first measured on
    # main b7cc68e (lexical: answered 0.695, top3 0.884, wrong 0.042, oos_rejected 0.75, aspect 0.774; hybrid 0.758
    # / 0.926 / 0.032 / 0.875 / 0.774); the set is never edited to pass.
    HeldOut("fresh10", DATA / "fresh10.yaml", ROOT / "knowledge",
            cases=115, out_of_scope=22, answered=0.65, top3=0.84, wrong=0.08, oos_rejected=0.69, aspect=0.72,
            extra_tags=("referral", "typo", "chosung", "exclusion", "mixed", "retiree_shop", "e9_worker",
            "h2_parts_ceo", "food_export", "vision_dev", "council_intern", "ex_nco", "meddev_founder")),
    # Eight more personas asking our own agency (tests/data/fresh5.yaml: a retired plant engineer who wants to
    # mentor or start again, a meal-kit founder, a 12-person CNC shop owner, a defence parts CEO, a hydrogen sensor
    # start-up, an Uzbek master's student in English, a supported company's PR staff, an aunt asking for her
    # nephew), written on 2026-12-01 from the personas' needs and the knowledge files, without reading the matcher or
    # any other case file and without a `--failures` run: held out. Floors sit a few points below the figures first
    # measured on main 4e63916 (lexical: answered 0.671, top3 0.829, wrong 0.105, oos_rejected 1.0, aspect 0.25);
    # the set is never edited to pass.
    HeldOut("fresh5", DATA / "fresh5.yaml", ROOT / "knowledge",
            cases=95, out_of_scope=20, answered=0.63, top3=0.79, wrong=0.14, oos_rejected=0.92, aspect=0.20,
            extra_tags=("referral", "typo", "chosung", "exclusion", "retiree_mentor", "mealkit_founder", "cnc_owner",
            "defense_ceo", "h2_startup", "intl_student", "partner_staff", "relative_proxy")),
    # Eight more personas asking our own agency (tests/data/fresh4.yaml: a 23-year-old graduate, a Vietnamese
    # welding engineer in broken English, a woman returning to work at 44, a defence supplier's HR manager, a
    # cosmetics start-up that wants to export, a university start-up team, a fuel-cell engineer planning a spin-off,
    # a mother asking for her son), written on 2026-12-01 from the personas' needs and the knowledge files, without
    # reading the matcher or any other case file and without a `--failures` run: held out. Floors sit a few points
    # below the figures first measured on main 4074063 (lexical: answered 0.662, top3 0.882, wrong 0.088,
    # oos_rejected 0.808, aspect 0.526); the set is never edited to pass.
    HeldOut("fresh4", DATA / "fresh4.yaml", ROOT / "knowledge",
            cases=90, out_of_scope=20, answered=0.62, top3=0.84, wrong=0.13, oos_rejected=0.73, aspect=0.47,
            extra_tags=("referral", "typo", "chosung", "exclusion", "graduate", "viet_engineer", "returner", "defense_hr",
            "cosmetics_export", "student_team", "fuelcell_spinoff", "parent_proxy")),
    # Ten more personas asking our own agency (tests/data/fresh3.yaml: a returning emigrant, a 45-year-old
    # career-changer, a shipyard supplier moving into hydrogen, a university start-up club's leader, a welding-shop
    # owner, a Korean-American engineer in English, a mother returning to work, a defence start-up's CTO, a buyer
    # from abroad, a user of two-to-four-word messages), written on 2026-12-01 without reading the matcher, its
    # lexicon, intents/ or any other case file: held out. Floors sit a few points below the figures first measured
    # (lexical: answered 0.781, top3 0.952, wrong 0.038, oos_rejected 0.90, aspect 0.837); the set is never edited
    # to pass.
    HeldOut("fresh3", DATA / "fresh3.yaml", ROOT / "knowledge",
            cases=120, out_of_scope=25, answered=0.74, top3=0.91, wrong=0.08, oos_rejected=0.83, aspect=0.78,
            extra_tags=("referral", "typo", "chosung", "exclusion", "emigrant", "career_changer", "shipyard_h2",
            "club_leader", "welding_owner", "kor_american", "returning_mom", "defense_cto", "foreign_buyer", "terse")),
]


@pytest.mark.parametrize("held_out", HELD_OUT, ids=lambda h: h.name)
def test_held_out_sets_hold_their_floor(held_out: HeldOut) -> None:
    figures = _figures(held_out.cases_file, held_out.knowledge)
    assert figures["cases"] >= held_out.cases and figures["out_of_scope"] >= held_out.out_of_scope
    assert figures["invalid_cases"] == 0
    assert figures["answered"] >= held_out.answered and figures["top3"] >= held_out.top3
    assert figures["wrong"] <= held_out.wrong
    assert figures["oos_rejected"] >= held_out.oos_rejected and figures["aspect"] >= held_out.aspect
    for tag in (*COMMON_TAGS, *held_out.extra_tags):
        assert figures["by_tag"][tag]["cases"] > 0, tag

@pytest.mark.parametrize("folder, answered, top3, wrong", [("alt", 0.38, 0.85, 0.05), ("blind", 0.55, 0.82, 0.08)])
def test_paraphrase_tuning_sets_hold_their_floor(folder: str, answered: float, top3: float, wrong: float) -> None:
    """Paraphrases written from the programs' own facts, not their questions, with near misses written the same
    way (tests/data/alt/para.yaml, tests/data/blind/para.yaml: tuning sets for issue 7's weakest tag). Floors a
    few points below the first lexical figures (alt: answered 0.43, top3 0.89, wrong 0.021, oos_rejected 0.92;
    blind: 0.60, 0.87, 0.055, 0.92; hybrid alt 0.55 / 0.92 / 0.021 / 1.0, blind 0.64 / 0.93 / 0.036 / 0.92) so
    that a regression fails; the cases are never edited to pass."""
    figures = _figures(DATA / folder / "para.yaml", DATA / folder / "knowledge")
    assert figures["invalid_cases"] == 0 and figures["by_tag"]["paraphrase"]["cases"] >= 45
    assert figures["by_tag"]["near_miss"]["cases"] >= 12
    assert figures["answered"] >= answered and figures["top3"] >= top3 and figures["wrong"] <= wrong
    assert figures["oos_rejected"] >= 0.83
