"""The one object handlers get for remembering things: a database and its tables."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from storage.alerts import Alerts
from storage.backend import Backend, JobsLock, UserLocks
from storage.chats import Chats
from storage.db import Database
from storage.drafts import Drafts
from storage.overview import Overviews
from storage.privacy import Privacy
from storage.rally import Rallies
from storage.schedule import Schedule
from storage.users import Users

if TYPE_CHECKING:
    from storage.postgres import PostgresDatabase


class Storage:
    def __init__(self, db: Backend) -> None:
        self.db = db
        self.users = Users(db)
        self.drafts = Drafts(db)
        self.privacy = Privacy(db)
        self.schedule = Schedule(db)
        self.rallies = Rallies(db)
        self.overview = Overviews(db)
        self.chats = Chats(db)
        self.alerts = Alerts(db)

    @classmethod
    async def open(cls, path: Path | str, url: str | None = None) -> Storage:
        """PostgreSQL at `url` when given (FONDER_DATABASE_URL), else the SQLite file at
        `path`. The driver for PostgreSQL is imported only then."""
        if url:
            from storage.postgres import PostgresDatabase

            return cls(await PostgresDatabase.open(url))
        return cls(await Database.open(path))

    def user_locks(self) -> UserLocks | None:
        """Among several processes sharing PostgreSQL, a lock per user (bot/webhook.py); None
        on SQLite, where one process's per-user queue is enough."""
        db = self._postgresql()
        return None if db is None else db.user_locks()

    def jobs_lock(self) -> JobsLock | None:
        """Among several processes sharing PostgreSQL, the lock whose holder runs the scheduled
        jobs; None on SQLite, where one process is the whole deployment."""
        db = self._postgresql()
        return None if db is None else db.session_lock()

    def _postgresql(self) -> PostgresDatabase | None:
        """The PostgreSQL behind this store, if it is one (its driver imported only then)."""
        if isinstance(self.db, Database):
            return None
        from storage.postgres import PostgresDatabase

        return self.db if isinstance(self.db, PostgresDatabase) else None

    async def reachable(self) -> bool:
        """The database answers a trivial query (a health check's question)."""
        return bool(await self.db.scalar("SELECT 1") == 1)

    async def close(self) -> None:
        await self.db.close()
