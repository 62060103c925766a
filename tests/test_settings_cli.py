"""Settings and the `fonder` command: clear one-line errors, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import build_application
from bot.memory_api import MemoryBotApi
from bot.settings import SettingsError
from tests.harness import offline_settings

ROOT = Path(__file__).resolve().parents[1]


def run_fonder(
    *args: str, env: dict[str, str] | None = None, stdin: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "FONDER_", "LOG_LEVEL", "ADMIN_IDS"))
    }
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=clean,
        cwd=cwd or ROOT,
        timeout=60,
    )


def test_run_without_a_token_explains_botfather_and_exits_2(tmp_path: Path) -> None:
    result = run_fonder("run", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert "BotFather" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LOG_LEVEL", "LOUD"),
        ("TELEGRAM_BOT_TOKEN", "not-a-token"),
        ("TELEGRAM_API_BASE_URL", "nope"),
        ("ADMIN_IDS", "12,abc"),
    ],
)
def test_a_bad_setting_prints_one_line_naming_it_and_exits_2(
    tmp_path: Path, name: str, value: str
) -> None:
    result = run_fonder("run", cwd=tmp_path, env={name: value, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert name in result.stderr and "Traceback" not in result.stderr
    assert value not in result.stderr or name != "TELEGRAM_BOT_TOKEN"


def test_settings_read_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("LOG_LEVEL=debug\nADMIN_IDS=5, 6\nFONDER_DB=x.db\n")
    from bot.settings import Settings

    settings = Settings(_env_file=tmp_path / ".env")  # type: ignore[call-arg]
    assert settings.log_level == "DEBUG" and settings.admin_ids == {5, 6}
    assert str(settings.fonder_db) == "x.db"


def test_a_self_hosted_bot_api_root_gets_bot_and_file_paths(tmp_path: Path) -> None:
    settings = offline_settings(tmp_path / "f.db").model_copy(
        update={"telegram_api_base_url": "http://127.0.0.1:8081/"}
    )
    app = build_application(settings, request=MemoryBotApi(), rate_limit=False)
    assert app.bot.base_url == "http://127.0.0.1:8081/bot0:fonder-offline"
    assert app.bot.base_file_url == "http://127.0.0.1:8081/file/bot0:fonder-offline"


def test_without_token_or_request_the_factory_refuses(tmp_path: Path) -> None:
    with pytest.raises(SettingsError):
        build_application(offline_settings(tmp_path / "f.db"))


def test_a_database_from_a_newer_fonder_is_refused_in_one_line(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "new.db"
    sqlite3.connect(db).execute("PRAGMA user_version = 999").connection.close()
    result = run_fonder(
        "console",
        cwd=tmp_path,
        env={"FONDER_DB": str(db), "PYTHONPATH": str(ROOT)},
        stdin="/start\n",
    )
    assert result.returncode == 2
    assert "newer" in result.stderr or "999" in result.stderr
    assert "Traceback" not in result.stderr


def test_scripted_console_prints_one_reply_per_line(tmp_path: Path) -> None:
    result = run_fonder(
        "console",
        cwd=tmp_path,
        env={"FONDER_DB": str(tmp_path / "c.db"), "PYTHONPATH": str(ROOT)},
        stdin="/start\n/steps\n/step 3\n",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("── Fonder ──") == 3
    assert "I'm Fonder" in out and "The six steps" in out and "Step 3 of 6" in out
    assert "<b>" not in out  # HTML rendered as plain text


def test_console_colon_numbers_pick_buttons_and_a_bare_number_is_a_draft(tmp_path: Path) -> None:
    result = run_fonder(
        "console",
        cwd=tmp_path,
        env={"FONDER_DB": str(tmp_path / "c.db"), "PYTHONPATH": str(ROOT)},
        stdin="/step 3\n:3\n5\n",
    )
    assert result.returncode == 0, result.stderr
    assert "[:3] ▶" in result.stdout
    assert "edited the message above" in result.stdout and "Step 4 of 6" in result.stdout
    assert "“5”" in result.stdout  # "5" was critiqued as a draft, not pressed


def test_console_forwards_his_message_sends_voice_and_saves_files(tmp_path: Path) -> None:
    result = run_fonder(
        "console",
        cwd=tmp_path,
        env={"FONDER_DB": str(tmp_path / "c.db"), "PYTHONPATH": str(ROOT)},
        stdin=":help\n:his lol bet you can't cook\n:voice 25\n/export\n",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert ":his TEXT" in out  # the help
    assert "His message" in out and "teasing you" in out
    assert "A 0:25 voice note" in out and "short, personal voice note: great" in out
    assert "(step 5)" in out
    assert "saved as fonder-console/fonder-export.json" in out
    export = json.loads((tmp_path / "fonder-console" / "fonder-export.json").read_text("utf-8"))
    assert export["user_id"] == 1 and export["tables"]["users"][0]["user_id"] == 1
    assert len(export["tables"]["replies"]) == 1  # his forwarded message, logged as his reply


def test_no_mode_and_no_token_starts_the_console(tmp_path: Path) -> None:
    result = run_fonder(
        cwd=tmp_path,
        env={"FONDER_DB": str(tmp_path / "c.db"), "PYTHONPATH": str(ROOT)},
        stdin="/help\n",
    )
    assert result.returncode == 0 and "What I can do" in result.stdout


def test_a_whole_rally_can_be_played_in_the_console(tmp_path: Path) -> None:
    returns = [
        "ha, bold of you. prove it 😏",
        "ok",
        "i burned toast this morning, so we're even. what's your worst kitchen fail?",
        "lol",
        "you wish 😜 bet i'd win",
        "sure",
    ]
    result = run_fonder(
        "console",
        cwd=tmp_path,
        env={"FONDER_DB": str(tmp_path / "c.db"), "PYTHONPATH": str(ROOT)},
        stdin="/rally\n" + "\n".join(returns) + "\n",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Rally practice" in out and "Turn 6/6" in out and "Rally over" in out
    assert "Practise next:" in out


def test_a_database_path_that_cannot_be_opened_is_one_line_not_a_traceback(
    tmp_path: Path,
) -> None:
    result = run_fonder(
        "console",
        cwd=tmp_path,
        env={"FONDER_DB": str(tmp_path), "PYTHONPATH": str(ROOT)},  # a directory
        stdin="/start\n",
    )
    assert result.returncode == 2
    assert "FONDER_DB" in result.stderr and "Traceback" not in result.stderr


def test_a_database_path_that_is_not_a_database_is_one_line_not_a_hang(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("these are my notes, not a database\n" * 100)
    result = run_fonder(
        "console",
        cwd=tmp_path,
        env={"FONDER_DB": str(notes), "PYTHONPATH": str(ROOT)},
        stdin="/start\n",
    )
    assert result.returncode == 2
    assert "FONDER_DB" in result.stderr and "Traceback" not in result.stderr


def test_every_data_file_ships_in_the_package() -> None:
    """A file missing from package-data works in the editable install and is silently absent
    from the Docker image (the critic's model once was)."""
    import fnmatch
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    for package, folder in (
        ("content.data", ROOT / "content" / "data"),
        ("storage.migrations", ROOT / "storage" / "migrations"),
    ):
        globs = package_data[package]
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix not in {".py", ".pyc"}:
                relative = path.relative_to(folder).as_posix()
                assert any(fnmatch.fnmatch(relative, g) for g in globs), relative
