namespace R1.Docs.Tests.Snippets;

/// <summary>
/// Marks a public static class as the setup that <c>&lt;!-- snippet-setup: NAME --&gt;</c> names. Its
/// <c>public static void Run(SnippetContext)</c> runs before the snippet and writes the files it reads (a model folder standing in
/// for a downloaded checkpoint, a tokenizer folder). It gives the snippet no variable: a snippet declares all its data.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SnippetSetupAttribute(string name) : Attribute
{
    /// <summary>The name markers use.</summary>
    public string Name { get; } = name;
}
