using Spectre.Console;

namespace R1.Cli.Output;

/// <summary>
/// A Spectre.Console progress bar fed through <see cref="IProgress{T}"/>, so the trainers stay headless. On a console that is not
/// interactive (redirected output, CI, tests) it prints one line per report instead.
/// </summary>
internal static class ConsoleProgress
{
    public static T Run<TReport, T>(IAnsiConsole console, string title, int total, Func<IProgress<TReport>, T> work,
        Func<TReport, (int Done, string Text)> describe)
    {
        if (!console.Profile.Capabilities.Interactive)
            return work(new SyncProgress<TReport>(r => console.MarkupLine($"[grey]{Markup.Escape(title)} {Markup.Escape(describe(r).Text)}[/]")));
        T result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask(Markup.Escape(title), maxValue: Math.Max(1, total));
                result = work(new SyncProgress<TReport>(r =>
                {
                    var (done, text) = describe(r);
                    bar.Value = done;
                    bar.Description = $"{Markup.Escape(title)} [grey]{Markup.Escape(text)}[/]";
                }));
                bar.Value = bar.MaxValue;
            });
        return result;
    }

    /// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class SyncProgress<TReport>(Action<TReport> report) : IProgress<TReport>
    {
        public void Report(TReport value) => report(value);
    }
}
