"""Which worker runs the scheduled jobs (daily prompts, break ends): one, chosen by the database.

Several worker processes sharing PostgreSQL all answer updates, but only the one holding the
jobs lock (a PostgreSQL advisory lock on a connection of its own) keeps a JobQueue of prompts
and breaks; the others ask for jobs in vain and leave it to the leader, which looks at the
database every `every` seconds for schedules and breaks another worker took. When the leader
dies, even by kill -9, PostgreSQL drops its connection and its lock; the next worker to try
takes it and rebuilds the jobs exactly as a restart would, so a prompt in flight at the kill is
sent again (at most that one) and none is lost. On SQLite there is one process: it leads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.jobs import JobQueueScheduler, rebuild_jobs, refresh_jobs
from handlers.services import Services
from storage.backend import JobsLock

log = logging.getLogger("fonder.leader")


class Leadership:
    def __init__(
        self, svc: Services, scheduler: JobQueueScheduler, lock: JobsLock | None, every: float
    ) -> None:
        self._svc = svc
        self._scheduler = scheduler
        self._lock = lock
        self._every = every
        self._task: asyncio.Task[None] | None = None
        self.leading = False

    async def start(self) -> None:
        """Try at once (a lone worker leads before its first update), then every `every` s."""
        if self._lock is None:
            self.leading = True
            await rebuild_jobs(self._svc)
            return
        self._scheduler.pause()
        await self.step()
        self._task = asyncio.create_task(self._keep_trying(), name="fonder-leadership")

    async def step(self) -> None:
        """One look: keep leading (and refresh the jobs), stop, or start leading."""
        assert self._lock is not None
        if self.leading:
            if await self._lock.still_held():
                await refresh_jobs(self._svc, self._scheduler)
                return
            self.leading = False
            self._scheduler.pause()
            log.warning("lost the jobs lock (database connection gone); another worker leads")
        if await self._lock.try_take():
            self.leading = True
            self._scheduler.resume()
            log.info("this worker runs the scheduled jobs")
            await rebuild_jobs(self._svc)

    async def _keep_trying(self) -> None:
        while True:
            await asyncio.sleep(self._every)
            try:
                await self.step()
            except Exception:  # a database hiccup: try again next time
                log.exception("the jobs leadership check failed")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._lock is not None:
            await self._lock.release()
        self.leading = False
