"""Which helplines to give: a country guessed from what Fonder knows, never assumed.

Fonder has no location, only the time zone a user set and Telegram's language code. A time
zone names a country in tzdata's zone.tab (a dependency already, for zoneinfo); a language
such as German points to one country when there is no time zone. The guess can be wrong (an
American in Berlin), so every note also names the international directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, Field

from content.loader import read_toml, validate

FILE = "helplines.toml"


class _Region(BaseModel):
    countries: list[str] = Field(min_length=1)
    emergency: str
    crisis: str
    abuse: str


class _Helplines(BaseModel):
    directory: str
    unknown_emergency: str
    languages: dict[str, str]
    region: list[_Region] = Field(min_length=1)


@dataclass(frozen=True)
class Lines:
    """What to put in a safety note: the emergency number, a line for the concern, and the
    international directory (always)."""

    emergency: str
    crisis: str | None
    abuse: str | None
    directory: str


@lru_cache(maxsize=1)
def _table() -> tuple[_Helplines, dict[str, _Region]]:
    data = validate(FILE, _Helplines, read_toml(FILE))
    by_country = {c: r for r in data.region for c in r.countries}
    return data, by_country


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """IANA zone → ISO country code, from tzdata's zone.tab (one country per zone)."""
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        return {}
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            table[parts[2]] = parts[0]
    return table


def country_of(time_zone: str | None, language_code: str | None) -> str | None:
    """The best guess at her country, or None when nothing points to one."""
    if time_zone:
        found = _zone_countries().get(time_zone)
        if found:
            return found
    if language_code:
        languages = _table()[0].languages
        code = language_code.lower()
        return languages.get(code) or languages.get(code.split("-")[0])
    return None


def lines_for(time_zone: str | None, language_code: str | None) -> Lines:
    data, by_country = _table()
    country = country_of(time_zone, language_code)
    region = by_country.get(country) if country else None
    if region is None:
        return Lines(data.unknown_emergency, None, None, data.directory)
    return Lines(region.emergency, region.crisis, region.abuse, data.directory)
