"""store/private_files.py: exports, reports, patches and the web key are this user's only, on real files."""
from __future__ import annotations

import os
import stat

import pytest

from store.private_files import write_private


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0o000)
    try:
        path = write_private(tmp_path / "new" / "folder" / "export.csv", "이름,연락처\n")
    finally:
        os.umask(old)
    assert mode(path) == 0o600 and path.read_text(encoding="utf-8") == "이름,연락처\n"


def test_an_existing_readable_file_is_emptied_and_made_private(tmp_path):
    path = tmp_path / "report.png"
    path.write_bytes(b"an older, longer report")
    path.chmod(0o644)
    write_private(path, b"\x89PNG")
    assert mode(path) == 0o600 and path.read_bytes() == b"\x89PNG"


def test_a_symbolic_link_is_refused_and_its_target_left_alone(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep", encoding="utf-8")
    target.chmod(0o644)
    link = tmp_path / "patch.yaml"
    link.symlink_to(target)
    with pytest.raises(OSError):
        write_private(link, "questions people asked")
    assert target.read_text(encoding="utf-8") == "keep" and mode(target) == 0o644
