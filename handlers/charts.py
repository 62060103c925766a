"""The /stats chart as PNG bytes (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from content.stats import DayStat


def stats_png(series: list[DayStat], target: float) -> bytes:
    """Texts per day as bars; the daily value ratio and reply rate as lines; the 70% goal."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    days = list(range(len(series)))
    fig, bars_axis = plt.subplots(figsize=(8, 4), dpi=100)
    try:
        bars_axis.bar(days, [s.sent for s in series], color="#c7d7f2", label="texts sent")
        bars_axis.set_ylabel("texts sent")
        bars_axis.yaxis.set_major_locator(MaxNLocator(integer=True))  # no "0.5 texts"
        ratio_axis = bars_axis.twinx()
        _rate_line(ratio_axis, [s.ratio for s in series], "o-", "#d0473c", "adds value (%)")
        _rate_line(ratio_axis, [s.reply_rate for s in series], "s--", "#2b6cb0", "he replied (%)")
        ratio_axis.axhline(100 * target, linestyle="--", color="#2f8f46", label="70% goal")
        ratio_axis.set_ylim(0, 105)
        ratio_axis.set_ylabel("% of the day's texts")
        ticks = days[::5] if len(days) > 10 else days
        bars_axis.set_xticks(ticks, [series[i].day.strftime("%d %b") for i in ticks])
        bars_axis.set_title("Your last 30 days")
        fig.autofmt_xdate()
        handles = bars_axis.get_legend_handles_labels()
        more = ratio_axis.get_legend_handles_labels()
        bars_axis.legend(handles[0] + more[0], handles[1] + more[1], loc="upper left", fontsize=8)
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
