namespace R1.Docs.Tests.Snippets;

/// <summary>
/// Marks a public static class as the setup that <c>&lt;!-- snippet-setup: NAME --&gt;</c> names. Its
/// <c>public static void Run(SnippetContext)</c> runs before the snippet, and its public static members are imported into the
/// snippet (<c>global using static</c>), so they are the variables the snippet uses without declaring them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SnippetSetupAttribute(string name) : Attribute
{
    /// <summary>The name markers use.</summary>
    public string Name { get; } = name;
}
