"""The matcher's settings files (intents/lexicon/matcher.yaml, confirm.yaml, ranking.yaml): a mistyped
name is an error that names the file, and every number is read as its setting's type."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from intents.confirm import ConfirmSettings
from intents.lexicon import LEXICON_DIR, load_lexicon
from intents.ranking import load_ranking


def _copy_with(tmp_path: Path, name: str, change) -> Path:
    folder = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, folder)
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_typo_in_matcher_yaml_names_the_file_and_the_setting(tmp_path: Path) -> None:
    path = _copy_with(tmp_path, "matcher.yaml", lambda d: d.update(answer_scor=50))
    with pytest.raises(ValueError, match=r"matcher\.yaml: unknown settings \['answer_scor'\]"):
        load_lexicon(path.parent)


def test_a_typo_in_confirm_yaml_names_the_file_and_the_setting(tmp_path: Path) -> None:
    path = _copy_with(tmp_path, "confirm.yaml", lambda d: d.update(cosin=0.9))
    with pytest.raises(ValueError, match=r"confirm\.yaml: unknown settings \['cosin'\]"):
        ConfirmSettings.load(path)


def test_a_typo_in_ranking_numbers_names_the_file_and_the_setting(tmp_path: Path) -> None:
    path = _copy_with(tmp_path, "ranking.yaml", lambda d: d.setdefault("numbers", {}).update(thin_margn=3))
    with pytest.raises(ValueError, match=r"ranking\.yaml: unknown settings \['thin_margn'\]"):
        load_ranking(path)


def test_numbers_take_their_settings_type(tmp_path: Path) -> None:
    path = _copy_with(tmp_path, "matcher.yaml", lambda d: d.update(max_candidates=3.0, answer_score=55))
    settings = load_lexicon(path.parent).settings
    assert type(settings.max_candidates) is int and type(settings.answer_score) is float
    ranking = load_ranking(_copy_with(tmp_path / "r", "ranking.yaml",
                                      lambda d: d.setdefault("numbers", {}).update(name_bonus=7)))
    assert ranking.name_bonus == 7.0 and type(ranking.name_bonus) is float
