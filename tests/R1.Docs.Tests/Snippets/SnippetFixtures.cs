using System.Reflection;
using System.Runtime.ExceptionServices;

namespace R1.Docs.Tests.Snippets;

/// <summary>The setups and checks of this project, found by the names their attributes give, and how they are run.</summary>
public static class SnippetFixtures
{
    private static readonly Lazy<IReadOnlyDictionary<string, Type>> Setups = new(() => Find<SnippetSetupAttribute>(a => a.Name));
    private static readonly Lazy<IReadOnlyDictionary<string, Type>> Checks = new(() => Find<SnippetCheckAttribute>(a => a.Name));

    /// <summary>The setup class named <paramref name="name"/>.</summary>
    /// <exception cref="SnippetFailedException">There is none.</exception>
    public static Type Setup(string name) => Lookup(Setups.Value, "setup", name);

    /// <summary>The check class named <paramref name="name"/>.</summary>
    /// <exception cref="SnippetFailedException">There is none.</exception>
    public static Type Check(string name) => Lookup(Checks.Value, "check", name);

    /// <summary>Calls the fixture's <c>Run(SnippetContext)</c>, rethrowing what it throws as it was.</summary>
    public static void Run(Type fixture, SnippetContext context)
    {
        var run = fixture.GetMethod("Run", BindingFlags.Public | BindingFlags.Static, [typeof(SnippetContext)])
                  ?? throw new InvalidOperationException($"{fixture.Name} has no public static void Run(SnippetContext).");
        try { run.Invoke(null, [context]); }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
        }
    }

    private static Type Lookup(IReadOnlyDictionary<string, Type> all, string kind, string name) =>
        all.TryGetValue(name, out var type)
            ? type
            : throw new SnippetFailedException(
                $"No snippet {kind} named '{name}' in tests/R1.Docs.Tests (there are: {string.Join(", ", all.Keys.Order())}).");

    private static IReadOnlyDictionary<string, Type> Find<T>(Func<T, string> name) where T : Attribute =>
        typeof(SnippetFixtures).Assembly.GetTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<T>()))
            .Where(x => x.Attribute is not null)
            .ToDictionary(x => name(x.Attribute!), x => x.Type, StringComparer.Ordinal);
}
