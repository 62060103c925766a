"""The /stats chart as PNG bytes (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from io import BytesIO

from content.stats import DayStat


def stats_png(series: list[DayStat], target: float) -> bytes:
    """Texts per day as bars; the daily value ratio and reply rate as lines; the 70% goal."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    days = list(range(len(series)))
    fig, bars_axis = plt.subplots(figsize=(8, 4), dpi=100)
    try:
        bars_axis.bar(days, [s.sent for s in series], color="#c7d7f2", label="texts sent")
        bars_axis.set_ylabel("texts sent")
        ratio_axis = bars_axis.twinx()
        points = [
            (d, 100 * s.ratio) for d, s in zip(days, series, strict=True) if s.ratio is not None
        ]
        if points:
            ratio_axis.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                "o-",
                color="#d0473c",
                label="adds value (%)",
            )
        replies = [
            (d, 100 * s.reply_rate)
            for d, s in zip(days, series, strict=True)
            if s.reply_rate is not None
        ]
        if replies:
            ratio_axis.plot(
                [p[0] for p in replies],
                [p[1] for p in replies],
                "s--",
                color="#2b6cb0",
                label="he replied (%)",
            )
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
