using Spectre.Console;

namespace R1Zero.Miniature;

/// <summary>A Spectre.Console progress bar fed through <see cref="IProgress{T}"/>, so the trainers stay headless.</summary>
public static class ConsoleProgress
{
    public static T Run<TMetrics, T>(string title, int total, Func<IProgress<TMetrics>, T> work, Func<TMetrics, (int Step, string Text)> describe)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return work(new Progress<TMetrics>(_ => { }));
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask(title, maxValue: total);
                result = work(new SyncProgress<TMetrics>(m =>
                {
                    var (step, text) = describe(m);
                    bar.Value = step;
                    bar.Description = $"{title} [grey]{Markup.Escape(text)}[/]";
                }));
                bar.Value = total;
            });
        return result;
    }

    /// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class SyncProgress<TMetrics>(Action<TMetrics> report) : IProgress<TMetrics>
    {
        public void Report(TMetrics value) => report(value);
    }
}
