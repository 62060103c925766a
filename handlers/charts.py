"""The /stats chart as PNG bytes (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from content.stats import TREND_DAYS, DayStat, rolling_share


def stats_png(series: list[DayStat], target: float) -> bytes:
    """Two panels sharing the days, each with one scale, so nothing sits on anything else:
    - above, texts sent per day, the part that added value dark and the rest light;
    - below, the share that added value and the share he replied to, each over the last
      TREND_DAYS days (a day or two swings wildly), on a 0-100% scale that the goal line
      (`target`) belongs to.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    days = list(range(len(series)))
    fig, (count_axis, rate_axis) = plt.subplots(
        2, 1, figsize=(8, 5.2), dpi=100, sharex=True, gridspec_kw={"height_ratios": [1, 1.2]}
    )
    try:
        valued = [s.adding_value for s in series]
        rest = [s.sent - s.adding_value for s in series]
        count_axis.bar(days, valued, color="#2f8f46", label="added value")
        count_axis.bar(days, rest, bottom=valued, color="#cfd8dc", label="other texts")
        count_axis.set_ylabel("texts sent")
        count_axis.yaxis.set_major_locator(MaxNLocator(integer=True))  # no "0.5 texts"
        count_axis.set_title(f"Your last {len(series)} days", loc="left")
        count_axis.legend(
            loc="lower right", bbox_to_anchor=(1, 1), fontsize=8, frameon=False, ncols=2
        )
        count_axis.spines[["top", "right"]].set_visible(False)

        value = rolling_share(series, lambda s: (s.adding_value, s.sent))
        replies = rolling_share(series, lambda s: (s.replied, s.marked))
        rate_axis.axhline(100 * target, color="#2f8f46", linewidth=1, linestyle=":")
        rate_axis.text(
            len(days) - 0.5,
            100 * target + 2,
            f"goal {round(100 * target)}%",
            color="#2f8f46",
            fontsize=8,
            ha="right",
            va="bottom",
        )
        _rate_line(rate_axis, value, "-", "#2f8f46", f"added value, last {TREND_DAYS} days")
        _rate_line(rate_axis, replies, "--", "#2b6cb0", f"he replied, last {TREND_DAYS} days")
        rate_axis.set_ylim(0, 105)
        rate_axis.yaxis.set_major_formatter(PercentFormatter())
        rate_axis.legend(
            loc="lower left", bbox_to_anchor=(0, 1), fontsize=8, frameon=False, ncols=2
        )
        rate_axis.spines[["top", "right"]].set_visible(False)
        ticks = days[::5] if len(days) > 10 else days
        rate_axis.set_xticks(ticks, [series[i].day.strftime("%d %b") for i in ticks])
        fig.tight_layout()
        buffer = BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _rate_line(axis: Any, rates: list[float | None], style: str, color: str, label: str) -> None:
    """A share per day as a percentage line; days without data are skipped, not zero."""
    points = [(day, 100 * rate) for day, rate in enumerate(rates) if rate is not None]
    if points:
        axis.plot([p[0] for p in points], [p[1] for p in points], style, color=color, label=label)
