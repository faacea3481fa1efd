"""Configuration: the shipped defaults, where the user's file comes from, merging, errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import platformdirs
import pytest

from parallax.index.config import ConfigError, default_config_path, load_config

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def config_error(path: Path, **kwargs) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(path, env={}, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


# ---- the shipped defaults -------------------------------------------------------------------


def test_defaults() -> None:
    config = load_config(env={})
    assert config.max_file_mb == 10
    assert config.max_bytes == 10 * 1024 * 1024
    assert config.data_dir == Path(platformdirs.user_data_dir("parallax"))
    assert config.files == (default_config_path(),)


def test_default_sources_are_the_seeds_next_to_the_default_config() -> None:
    # Installed or checked out, the shipped config and the seeds sit side by side.
    (sources,) = load_config(env={}).sources
    assert sources == default_config_path().parent / "seeds"
    assert sorted(p.name for p in sources.glob("*.txt")) == sorted(
        p.name for p in SEEDS.glob("*.txt")
    )
    assert len(list(sources.glob("*.txt"))) == 5


def test_default_outlets() -> None:
    outlets = load_config(env={}).outlets
    assert outlets["eunews.it"] == "Eunews"
    assert outlets["hurriyetdailynews.com"] == "Hürriyet Daily News"
    assert outlets["business-standard.com"] == "Business Standard"
    assert outlets["econotimes.com"] == "EconoTimes"
    assert outlets["apnews.com"] == "Associated Press"
    assert outlets["aa.com.tr"] == "Anadolu Agency"
    assert outlets["bbc.co.uk"] == outlets["bbc.com"] == "BBC"
    assert len(outlets) >= 29


def test_default_aliases_are_empty_and_a_user_file_adds_some(tmp_path: Path) -> None:
    assert dict(load_config(env={}).aliases) == {}
    conf = write(
        tmp_path / "config.toml", '[aliases]\nnavalny = ["Nawalny", " navalni "]\n"u.k" = ["U.K."]'
    )
    aliases = load_config(conf, env={}).aliases
    assert dict(aliases) == {"navalny": ("Nawalny", "navalni"), "u.k": ("U.K.",)}


def test_default_overrides_give_the_seeds_their_urls() -> None:
    config = load_config(env={})
    expected = {
        "000_fad7630cc9c38f46.txt": "https://www.eunews.it/en/?p=419969",
        "002_7461ed768f0a8300.txt": "https://www.hurriyetdailynews.com/"
        "preparations-for-trump-putin-summit-underway-says-russia-206136",
        "004_b331f7947d16d4d5.txt": "https://www.econotimes.com/"
        "Russia-and-Ukraine-Resume-Peace-Talks-in-Istanbul-Amid-US-Pressure-1710529",
    }
    for name, url in expected.items():
        override = config.override_for(SEEDS / name)
        assert override is not None and override.url == url
    assert config.override_for(SEEDS / "001_df3f194443e8ec7b.txt") is None


# ---- where the user's file comes from -------------------------------------------------------


def test_config_file_precedence(tmp_path: Path, isolated_user_dirs: Path) -> None:
    cli = write(tmp_path / "cli.toml", "max_file_mb = 1")
    env = write(tmp_path / "env.toml", "max_file_mb = 2")
    user = write(Path(platformdirs.user_config_dir("parallax")) / "config.toml", "max_file_mb = 3")
    assert str(user).startswith(str(isolated_user_dirs))

    assert load_config(cli, env={"PARALLAX_CONFIG": str(env)}).max_file_mb == 1
    assert load_config(None, env={"PARALLAX_CONFIG": str(env)}).max_file_mb == 2
    assert load_config(None, env={}).max_file_mb == 3
    assert load_config(None, env={}).files[-1] == user
    user.unlink()
    assert load_config(None, env={}).max_file_mb == 10


def test_data_dir_precedence(tmp_path: Path) -> None:
    conf = write(tmp_path / "conf" / "config.toml", 'data_dir = "from-config"')
    env = {"PARALLAX_DATA_DIR": str(tmp_path / "from-env")}
    assert load_config(conf, tmp_path / "from-cli", env=env).data_dir == tmp_path / "from-cli"
    assert load_config(conf, None, env=env).data_dir == tmp_path / "from-env"
    assert load_config(conf, None, env={}).data_dir == tmp_path / "conf" / "from-config"
    assert load_config(None, None, env={}).data_dir == Path(platformdirs.user_data_dir("parallax"))


def test_empty_data_dir_means_platform_default(tmp_path: Path) -> None:
    conf = write(tmp_path / "config.toml", 'data_dir = ""')
    assert load_config(conf, env={}).data_dir == Path(platformdirs.user_data_dir("parallax"))


def test_relative_paths_resolve_against_the_config_file_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conf = write(
        tmp_path / "conf" / "config.toml",
        'sources = ["news/", "more/*.txt", "/abs/x.txt", "~/home.txt"]\ndata_dir = "../store"',
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = load_config(conf, env={})
    assert config.sources == (
        tmp_path / "conf" / "news",
        tmp_path / "conf" / "more" / "*.txt",
        Path("/abs/x.txt"),
        Path.home() / "home.txt",
    )
    assert config.data_dir == tmp_path / "store"


def test_relative_cli_paths_resolve_against_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "c.toml", "max_file_mb = 4")
    monkeypatch.chdir(tmp_path)
    config = load_config(Path("c.toml"), Path("d"), env={})
    assert config.max_file_mb == 4
    assert config.data_dir == tmp_path / "d"


# ---- merging --------------------------------------------------------------------------------


def test_user_file_overrides_key_by_key(tmp_path: Path) -> None:
    conf = write(
        tmp_path / "config.toml",
        """
sources = ["mine/"]

[outlets]
"example.com" = "Example Times"
"eunews.it" = "EU News"

[overrides."000_fad7630cc9c38f46.txt"]
outlet = "Eunews English"

[overrides."*.html"]
published = 2025-03-01
""",
    )
    config = load_config(conf, env={})
    # Lists are replaced whole.
    assert config.sources == (tmp_path / "mine",)
    # Tables merge per key: new keys added, same keys replaced, the rest kept.
    assert config.outlets["example.com"] == "Example Times"
    assert config.outlets["eunews.it"] == "EU News"
    assert config.outlets["reuters.com"] == "Reuters"
    # Inside an override too: the user's outlet joins the shipped url.
    eunews = config.override_for(Path("/x/000_fad7630cc9c38f46.txt"))
    assert eunews is not None
    assert eunews.outlet == "Eunews English"
    assert eunews.url == "https://www.eunews.it/en/?p=419969"
    assert config.override_for(Path("/x/002_7461ed768f0a8300.txt")) is not None
    # Keys the user did not set keep their defaults.
    assert config.max_file_mb == 10


def test_override_matching(tmp_path: Path) -> None:
    conf = write(
        tmp_path / "config.toml",
        """
[overrides."*.html"]
outlet = "Saved Pages"
published = "2025-01-02"

[overrides."press/*.txt"]
outlet = "Press Office"

[overrides."release.html"]
outlet = "Exact Name"
url = "https://example.com/release"
""",
    )
    config = load_config(conf, env={})
    page = config.override_for(Path("/any/where/page.html"))
    assert page is not None
    assert (page.outlet, page.published, page.url) == ("Saved Pages", date(2025, 1, 2), None)
    press = config.override_for(Path("/a/press/note.txt"))
    assert press is not None and press.outlet == "Press Office"
    assert config.override_for(Path("/a/other/note.txt")) is None
    # The exact name wins over the glob, field by field; the glob still gives the date.
    release = config.override_for(Path("/x/release.html"))
    assert release is not None
    assert release.outlet == "Exact Name"
    assert release.url == "https://example.com/release"
    assert release.published == date(2025, 1, 2)


# ---- errors ---------------------------------------------------------------------------------


def test_wrong_type_message(tmp_path: Path) -> None:
    conf = write(tmp_path / "config.toml", 'max_file_mb = "ten"')
    assert config_error(conf) == (
        f'config {conf}: key "max_file_mb" must be a whole number of megabytes (got "ten")'
    )


@pytest.mark.parametrize(
    ("body", "key", "expected"),
    [
        ("max_file_mb = 2.5", "max_file_mb", "whole number of megabytes (got 2.5)"),
        ("max_file_mb = 0", "max_file_mb", "1 or more (got 0)"),
        ("max_file_mb = true", "max_file_mb", "(got true)"),
        ('sources = "seeds/"', "sources", "a list of files, folders or globs"),
        ("sources = [1]", "sources", "(got a list)"),
        ("data_dir = 5", "data_dir", "a folder path"),
        ("outlets = 3", "outlets", "web domain"),
        ('[outlets]\n"x.com" = 1', 'outlets."x.com"', "a non-empty string (got 1)"),
        ('[overrides."a.txt"]\npublished = "Feb 27"', 'overrides."a.txt".published', "a date"),
        ('[overrides."a.txt"]\npublished = "2025-02-30"', 'overrides."a.txt".published', "a date"),
        ('[overrides."a.txt"]\nurl = "www.x.com"', 'overrides."a.txt".url', "http://"),
        ('[overrides]\n"a.txt" = "x"', 'overrides."a.txt"', "must be a table"),
        ("aliases = 3", "aliases", 'a table of canonical = ["variant", ...]'),
        ('[aliases]\nkyiv = "kiev"', "aliases.kyiv", 'single-word spellings, like ["kiev"'),
        ("[aliases]\nkyiv = []", "aliases.kyiv", "one or more single-word spellings"),
        ('[aliases]\nkyiv = ["kiev", 3]', "aliases.kyiv", "(got 3)"),
        ('[aliases]\nus = ["united states"]', "aliases.us", '(got "united states")'),
        ('[aliases]\nkyiv = [""]', "aliases.kyiv", '(got "")'),
        ('[aliases]\n"new york" = ["nyc"]', 'aliases."new york"', "named by a single word"),
    ],
)
def test_each_wrong_value_names_file_key_and_expectation(
    tmp_path: Path, body: str, key: str, expected: str
) -> None:
    conf = write(tmp_path / "config.toml", body)
    message = config_error(conf)
    assert message.startswith(f'config {conf}: key "{key}" must be ')
    assert expected in message


def test_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    conf = write(tmp_path / "config.toml", "max_file_mbs = 3")
    assert config_error(conf) == (
        f'config {conf}: unknown key "max_file_mbs"; did you mean "max_file_mb"?'
    )


def test_unknown_key_without_a_close_one_lists_the_known_keys(tmp_path: Path) -> None:
    conf = write(tmp_path / "config.toml", 'theme = "dark"')
    message = config_error(conf)
    assert 'unknown key "theme"' in message
    assert "data_dir, keys, max_file_mb, max_new_per_feed, outlets, overrides" in message


def test_unknown_key_inside_an_override(tmp_path: Path) -> None:
    conf = write(tmp_path / "config.toml", '[overrides."a.txt"]\noutlett = "X"')
    assert config_error(conf) == (
        f'config {conf}: unknown key "overrides."a.txt".outlett"; did you mean "outlet"?'
    )


def test_missing_config_given_on_the_command_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    message = config_error(missing)
    assert str(missing) in message
    assert "no such file" in message and "--config" in message


def test_missing_config_given_by_environment(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(ConfigError) as info:
        load_config(None, env={"PARALLAX_CONFIG": str(missing)})
    assert str(missing) in str(info.value)
    assert "PARALLAX_CONFIG" in str(info.value)


def test_invalid_toml_gives_line_and_column(tmp_path: Path) -> None:
    conf = write(tmp_path / "config.toml", 'max_file_mb = 3\nsources = ["a"\nfoo')
    message = config_error(conf)
    assert message.startswith(f"config {conf}: not valid TOML: ")
    assert "line 2" in message or "line 3" in message


def test_config_that_is_a_folder(tmp_path: Path) -> None:
    assert "folder" in config_error(tmp_path)


def test_config_that_is_not_utf8(tmp_path: Path) -> None:
    conf = tmp_path / "config.toml"
    conf.write_bytes('[outlets]\n"x.com" = "Caf\xe9"'.encode("latin-1"))
    assert "UTF-8" in config_error(conf)


def test_errors_never_fall_back_silently(
    tmp_path: Path, user_config: Callable[[str], Path]
) -> None:
    """A broken user file is an error, not "use the defaults"."""
    conf = user_config("max_file_mb = -1")
    with pytest.raises(ConfigError, match=str(conf)):
        load_config()
