namespace R1.Docs.Tests.Snippets;

/// <summary>
/// Marks a public static class as the check that <c>&lt;!-- snippet-check: NAME --&gt;</c> names. Its
/// <c>public static void Run(SnippetContext)</c> runs after the snippet and asserts on its console output and the files it wrote.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SnippetCheckAttribute(string name) : Attribute
{
    /// <summary>The name markers use.</summary>
    public string Name { get; } = name;
}
