"""docker-compose.yml stays in step with the code it runs (no Docker in CI: its wiring is
checked here instead): the command is one `fonder` accepts, every setting it passes is one
Fonder reads, and the database URL points at the compose file's own PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from bot.cli import parse_args
from bot.settings import Settings

COMPOSE = Path(__file__).resolve().parents[1] / "docker-compose.yml"


def _services() -> dict[str, Any]:
    services: dict[str, Any] = yaml.safe_load(COMPOSE.read_text("utf-8"))["services"]
    return services


def test_the_bot_runs_two_webhook_workers_beside_postgresql() -> None:
    services = _services()
    command = services["fonder"]["entrypoint"]
    assert command[0] == "fonder"
    args = parse_args(command[1:])
    assert args.mode == "webhook" and args.workers == 2
    assert services["fonder"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_every_setting_it_passes_is_one_fonder_reads() -> None:
    known = {field.alias for field in Settings.model_fields.values()}
    passed = set(_services()["fonder"]["environment"])
    assert passed <= known, passed - known
    assert {"TELEGRAM_BOT_TOKEN", "FONDER_DATABASE_URL", "FONDER_WEBHOOK_URL"} <= passed


def test_the_database_url_is_the_compose_postgresql_and_its_port_is_published() -> None:
    services = _services()
    fonder, db = services["fonder"], services["db"]
    url = urlsplit(fonder["environment"]["FONDER_DATABASE_URL"].replace("${", "").replace("}", ""))
    assert url.scheme == "postgresql" and url.hostname == "db"
    assert url.path.lstrip("/") == db["environment"]["POSTGRES_DB"]
    assert url.username == db["environment"]["POSTGRES_USER"]
    port = fonder["environment"]["FONDER_LISTEN_PORT"]
    assert any(mapping.endswith(f":{port}") for mapping in fonder["ports"])
    assert "/healthz" in " ".join(fonder["healthcheck"]["test"])
