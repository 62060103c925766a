"""Fonder's settings, read from the environment and an optional `.env` file.

Everything a deployment can change lives here, so a bad value is caught once, at start-up,
with a message that names the variable instead of failing later inside a handler.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AnyHttpUrl, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_SHAPE = re.compile(r"^\d{3,15}:[A-Za-z0-9_-]{20,80}$")
WEBHOOK_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class Settings(BaseSettings):
    """Typed settings; field aliases are the environment variable names users see."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        frozen=True,
    )

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    fonder_db: Path = Field(default=Path("fonder.db"), alias="FONDER_DB")
    # PostgreSQL, for several worker processes sharing one store; FONDER_DB is then unused.
    database_url: SecretStr | None = Field(default=None, alias="FONDER_DATABASE_URL")
    # With PostgreSQL, how often a worker checks who runs the scheduled jobs (bot/leader.py):
    # the longest a dead leader's jobs wait for another worker to take them over.
    leader_check: float = Field(default=10.0, gt=0, le=300, alias="FONDER_LEADER_CHECK_SECONDS")
    telegram_api_base_url: AnyHttpUrl | None = Field(default=None, alias="TELEGRAM_API_BASE_URL")
    log_level: LogLevel = Field(default="INFO", alias="LOG_LEVEL")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        default_factory=frozenset, alias="ADMIN_IDS"
    )
    # `fonder webhook`: Telegram POSTs updates to this HTTPS URL (a TLS proxy in front forwards
    # them to FONDER_LISTEN_HOST:FONDER_LISTEN_PORT), each with the secret in a header.
    webhook_url: AnyHttpUrl | None = Field(default=None, alias="FONDER_WEBHOOK_URL")
    webhook_secret: SecretStr | None = Field(default=None, alias="FONDER_WEBHOOK_SECRET")
    listen_host: str = Field(default="0.0.0.0", alias="FONDER_LISTEN_HOST")
    listen_port: int = Field(default=8443, ge=1, le=65535, alias="FONDER_LISTEN_PORT")

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        """An empty TELEGRAM_BOT_TOKEN= line in .env means "no token", i.e. console mode."""
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_has_botfather_shape(cls, value: SecretStr | None) -> SecretStr | None:
        """Catch a pasted-wrong token here rather than as an opaque 401 from Telegram."""
        if value is not None and not TOKEN_SHAPE.match(value.get_secret_value().strip()):
            raise ValueError("does not look like a bot token from BotFather (123456789:AA...)")
        return SecretStr(value.get_secret_value().strip()) if value is not None else None

    @field_validator("webhook_url")
    @classmethod
    def _https_only(cls, value: AnyHttpUrl | None) -> AnyHttpUrl | None:
        """Telegram calls only HTTPS webhooks; say so now, not as a 400 at start-up."""
        if value is not None and value.scheme != "https":
            raise ValueError("must be an https:// URL (Telegram calls webhooks over HTTPS only)")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_telegram_accepts(cls, value: SecretStr | None) -> SecretStr | None:
        """Telegram takes 1-256 characters of A-Z, a-z, 0-9, _ and - as a secret token."""
        if value is not None and not WEBHOOK_SECRET_SHAPE.match(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("database_url", mode="before")
    @classmethod
    def _blank_url_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("database_url")
    @classmethod
    def _postgresql_url(cls, value: SecretStr | None) -> SecretStr | None:
        """Only PostgreSQL is served by URL; SQLite is FONDER_DB's path."""
        if value is not None and not re.match(
            r"^postgres(?:ql)?://", value.get_secret_value().strip()
        ):
            raise ValueError("must be a postgresql:// URL (for SQLite, set FONDER_DB instead)")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """Accept the natural `ADMIN_IDS=1,2 3` form instead of demanding JSON."""
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
            return frozenset(int(p) for p in parts)
        return value

    @property
    def token(self) -> str | None:
        return self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else None

    @property
    def database(self) -> str | None:
        """The PostgreSQL URL, or None for the SQLite file."""
        return self.database_url.get_secret_value().strip() if self.database_url else None

    @property
    def secrets(self) -> list[str]:
        """What logging must never show: the token, the webhook's secret, the database's
        password."""
        found = [
            self.token,
            self.webhook_secret.get_secret_value() if self.webhook_secret else None,
            urlsplit(self.database).password if self.database else None,
        ]
        return [s for s in found if s]

    @property
    def api_root(self) -> str | None:
        """The Bot API root without a trailing slash, or None for Telegram's own."""
        if self.telegram_api_base_url is None:
            return None
        return str(self.telegram_api_base_url).rstrip("/")


class SettingsError(Exception):
    """A setting is invalid; the message is one line that names the variable."""


def describe_validation_error(error: ValidationError) -> str:
    """Turn pydantic's multi-line report into one line a person can act on."""
    parts = []
    for item in error.errors():
        name = ".".join(str(loc) for loc in item["loc"]) or "settings"
        message = str(item["msg"]).removeprefix("Value error, ")
        parts.append(f"{name}: {message}")
    return "bad setting " + "; ".join(parts)


def load_settings(**overrides: object) -> Settings:
    """Load settings, turning validation failures into a one-line SettingsError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(describe_validation_error(error)) from None
