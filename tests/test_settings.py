"""Settings files: found where documented, merged in order, refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.settings import Settings, SettingsError, load_settings


def test_defaults_without_files(tmp_path: Path) -> None:
    assert load_settings(tmp_path, user_file=tmp_path / "none.toml") == Settings()


def test_corpus_file_wins_over_the_user_file(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text('theme = "nord"\nshape = true\n[panels]\nlist_width = 30\n', encoding="utf-8")
    (tmp_path / "brief.toml").write_text(
        'shape = false\nlanguage = "ar"\n[panels]\nannotations_width = 50\n[keys]\nfilter = "F"\n',
        encoding="utf-8",
    )
    settings = load_settings(tmp_path, user_file=user)
    assert settings.theme == "nord"
    assert settings.shape is False
    assert settings.language == "ar"
    assert (settings.panels.list_width, settings.panels.annotations_width) == (30, 50)
    assert settings.key_for("filter") == "F"
    assert settings.key_for("quit") == "q"


def test_pyproject_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.brief]\nbidi = "terminal"\n', encoding="utf-8")
    assert load_settings(tmp_path, user_file=tmp_path / "none.toml").bidi == "terminal"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('bidi = "sideways"', "brief.toml: bidi: Input should be 'app' or 'terminal'"),
        ("[keys]\nfly = 'x'", "brief.toml: keys: unknown action 'fly'; actions are: bottom, "),
        ("[panels]\nlist_width = 5", "brief.toml: panels.list_width: Input should be greater"),
        ("colour = 1", "brief.toml: colour: Extra inputs are not permitted"),
        ("shape = ", "brief.toml: not valid TOML: "),
    ],
)
def test_bad_settings_are_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "brief.toml").write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError) as error:
        load_settings(tmp_path, user_file=tmp_path / "none.toml")
    assert str(error.value).startswith(f"{tmp_path}/{message}")
