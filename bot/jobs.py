"""Scheduled work on PTB's JobQueue, rebuilt from SQLite at every start-up.

Jobs live in memory only; the database is the truth. Daily prompts: one cron job per
(time zone, local minute) in use — 19:30 stays 19:30 in that zone across DST — which reads
its subscribers from SQLite when it fires, so 20,000 subscribers cost a handful of jobs, and
turning prompts off, blocking the bot or /forget need no job changes. One job per break.
"""

from __future__ import annotations

import logging
from datetime import datetime, time
from typing import Any

from telegram.ext import Application, Job, JobQueue

from content.timezones import zone
from handlers.breaks import break_over_job
from handlers.daily import daily_catch_up_job, daily_group_job, daily_prompt_job
from handlers.services import Services

log = logging.getLogger("fonder.jobs")

# APScheduler skips a job that starts more than a second late (its default grace time), which
# under load would silently lose a prompt. Ours run however late; deliver_prompt itself knows
# whether today's prompt is still due.
RUN_LATE = {"misfire_grace_time": None, "coalesce": True}


def group_name(time_zone: str | None, at_minute: int) -> str:
    return f"daily@{time_zone or 'UTC'}@{at_minute:04d}"


class JobQueueScheduler:
    def __init__(self, app: Application[Any, Any, Any, Any, Any, Any], clock: Any) -> None:
        queue = app.job_queue
        if queue is None:
            raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
        self._queue: JobQueue[Any] = queue
        self._clock = clock
        # By name, so replacing a user's job is a lookup: get_jobs_by_name scans every job,
        # which made rebuilding 20,000 jobs at start-up quadratic.
        self._jobs: dict[str, Job[Any]] = {}
        self._break_ends: dict[int, datetime] = {}  # the end each break job was set for
        # False in a worker that doesn't run the jobs (bot/leader.py): then asking for a job
        # does nothing, and the worker that leads picks the change up from the database.
        self.active = True

    def pause(self) -> None:
        """Stop running jobs here: drop every one (another worker leads now)."""
        self.active = False
        for name in list(self._jobs):
            self._drop(name)
        self._break_ends.clear()
        for job in self._queue.jobs():
            job.schedule_removal()

    def resume(self) -> None:
        self.active = True

    def breaks_from(self, ends: dict[int, datetime]) -> None:
        """Make the break jobs match the database's running breaks (user → end)."""
        for user_id in [u for u in self._break_ends if u not in ends]:
            self.break_off(user_id)
        for user_id, ends_at in ends.items():
            job = self._jobs.get(f"break:{user_id}")
            if job is None or job.removed or self._break_ends.get(user_id) != ends_at:
                self.break_on(user_id, ends_at)

    def _drop(self, name: str) -> None:
        job = self._jobs.pop(name, None)
        if job is not None and not job.removed:
            job.schedule_removal()

    def _keep(self, job: Job[Any]) -> None:
        if job.name:
            self._jobs[job.name] = job

    def daily_on(self, user_id: int, at_minute: int, time_zone: str | None) -> None:
        """Make sure the user's (zone, minute) group has its job; membership is in SQLite."""
        self.ensure_group(time_zone, at_minute)

    def ensure_group(self, time_zone: str | None, at_minute: int) -> None:
        if not self.active:
            return
        name = group_name(time_zone, at_minute)
        if name in self._jobs:
            return
        at = time(at_minute // 60, at_minute % 60, tzinfo=zone(time_zone))
        data = (time_zone or "UTC", at_minute)
        self._keep(
            self._queue.run_daily(daily_group_job, at, data=data, name=name, job_kwargs=RUN_LATE)
        )

    def daily_off(self, user_id: int) -> None:
        """The group job stays for the others; this user is no longer among its members."""
        self._drop(f"daily-soon:{user_id}")

    def daily_soon(self, user_id: int, delay_seconds: float) -> None:
        """A one-off prompt run: catch-up after downtime, or a retry after a refused send."""
        if not self.active:
            return
        self._drop(f"daily-soon:{user_id}")
        self._keep(
            self._queue.run_once(
                daily_prompt_job,
                max(0.0, delay_seconds),
                data=user_id,
                name=f"daily-soon:{user_id}",
                job_kwargs=RUN_LATE,
            )
        )

    def catch_up(self, user_ids: list[int]) -> None:
        """One job that sends every missed prompt in turn (not thousands of jobs at once)."""
        if not self.active:
            return
        if user_ids:
            self._queue.run_once(
                daily_catch_up_job, 0.0, data=list(user_ids), name="catch-up", job_kwargs=RUN_LATE
            )

    def break_on(self, user_id: int, ends_at: datetime) -> None:
        if not self.active:
            return
        self._drop(f"break:{user_id}")
        self._break_ends[user_id] = ends_at
        delay = max(0.0, (ends_at - self._clock()).total_seconds())
        self._keep(
            self._queue.run_once(
                break_over_job, delay, data=user_id, name=f"break:{user_id}", job_kwargs=RUN_LATE
            )
        )

    def break_off(self, user_id: int) -> None:
        self._drop(f"break:{user_id}")
        self._break_ends.pop(user_id, None)

    def forget(self, user_id: int) -> None:
        self.daily_off(user_id)
        self.break_off(user_id)

    def names(self) -> list[str]:
        return sorted(job.name or "" for job in self._queue.jobs())


async def rebuild_jobs(svc: Services) -> tuple[int, int, int]:
    """Recreate every job from SQLite; returns (daily subscribers, catch-up sends, break jobs).

    A prompt that fell due earlier today while the bot was down (or was claimed but never
    confirmed, i.e. in flight during a crash) is sent once now; an earlier day's is not, and
    neither is one that fell due before she turned prompts on.
    """
    now = svc.clock()
    groups = await svc.storage.schedule.daily_groups()
    for zone_name, at_minute in groups:
        svc.scheduler.ensure_group(zone_name, at_minute)
    daily = 0
    missed: list[int] = []
    for due in await svc.storage.schedule.enabled_daily():
        daily += 1
        local = now.astimezone(zone(due.time_zone))
        today = local.date().isoformat()
        due_at = local.replace(
            hour=due.at_minute // 60, minute=due.at_minute % 60, second=0, microsecond=0
        )
        passed = now >= due_at and (due.scheduled_at is None or due.scheduled_at <= due_at)
        if due.delivered_date != today and (passed or due.claimed_date == today):
            missed.append(due.user_id)
    svc.scheduler.catch_up(missed)
    catch_up = len(missed)
    breaks = 0
    for item in await svc.storage.schedule.all_breaks():
        svc.scheduler.break_on(item.user_id, item.ends_at)
        breaks += 1
    log.info(
        "rebuilt %d daily-prompt groups for %d subscribers (%d to catch up) and %d break jobs",
        len(groups),
        daily,
        catch_up,
        breaks,
    )
    return daily, catch_up, breaks


async def refresh_jobs(svc: Services, scheduler: JobQueueScheduler) -> None:
    """The leading worker's periodic look at the database: a group job for every (zone,
    minute) in use and a job for every running break, whichever worker took the change.
    Catching up missed prompts is left to `rebuild_jobs` when a worker starts leading: here
    it could re-send a prompt this worker is sending right now."""
    for zone_name, at_minute in await svc.storage.schedule.daily_groups():
        scheduler.ensure_group(zone_name, at_minute)
    breaks = {item.user_id: item.ends_at for item in await svc.storage.schedule.all_breaks()}
    scheduler.breaks_from(breaks)
