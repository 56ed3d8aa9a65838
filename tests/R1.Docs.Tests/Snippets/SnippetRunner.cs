using System.Reflection;

namespace R1.Docs.Tests.Snippets;

/// <summary>
/// Runs a <see cref="DocSnippet"/>: compiles it (<see cref="SnippetCompiler"/>), then in a fresh temporary working directory and
/// with the console captured runs its setups, the program and its checks, in that order.
/// </summary>
public static class SnippetRunner
{
    /// <summary>Runs <paramref name="snippet"/> and returns what it wrote to the console.</summary>
    /// <exception cref="SnippetFailedException">
    /// The block does not compile (the message lists the errors at their markdown lines), threw, or did not finish within
    /// <paramref name="timeout"/>. A failing check throws its own assertion exception.
    /// </exception>
    public static async Task<string> RunAsync(DocSnippet snippet, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(snippet);
        var setups = snippet.Setups.Select(SnippetFixtures.Setup).ToList();
        var checks = snippet.Checks.Select(SnippetFixtures.Check).ToList();
        var program = SnippetCompiler.Compile(snippet);
        var work = Directory.CreateTempSubdirectory("r1-doc-snippet-");
        var output = new StringWriter();
        var context = new SnippetContext(output, work.FullName);
        var (previousDirectory, previousOut) = (Environment.CurrentDirectory, Console.Out);
        try
        {
            Environment.CurrentDirectory = work.FullName;
            Console.SetOut(TextWriter.Synchronized(output));
            await RunProgramAsync(snippet, program, setups, context, timeout);
            Console.SetOut(previousOut);
            foreach (var check in checks) SnippetFixtures.Run(check, context);
            return context.Output;
        }
        finally
        {
            Console.SetOut(previousOut);
            Environment.CurrentDirectory = previousDirectory;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            TryDelete(work);
        }
    }

    private static async Task RunProgramAsync(DocSnippet snippet, Assembly program, List<Type> setups, SnippetContext context,
        TimeSpan timeout)
    {
        var run = Task.Run(async () =>
        {
            foreach (var setup in setups) SnippetFixtures.Run(setup, context);
            await InvokeEntryPointAsync(snippet, program);
        });
        try { await run.WaitAsync(timeout); }
        catch (TimeoutException)
        {
            throw new SnippetFailedException(
                $"{snippet.Location} did not finish within {timeout.TotalSeconds:0} s. Output so far:\n{context.Output}");
        }
    }

    private static async Task InvokeEntryPointAsync(DocSnippet snippet, Assembly program)
    {
        var main = program.EntryPoint ?? throw new SnippetFailedException($"{snippet.Location}: the block has no statements to run.");
        object?[] args = main.GetParameters().Length == 0 ? [] : [Array.Empty<string>()];
        try
        {
            if (main.Invoke(null, args) is Task task) await task;
        }
        catch (Exception e) when (e is not SnippetFailedException)
        {
            var thrown = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            throw new SnippetFailedException($"{snippet.Location}: the block threw {thrown.GetType().Name}: {thrown.Message}", thrown);
        }
    }

    private static void TryDelete(DirectoryInfo dir)
    {
        try { dir.Delete(recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
