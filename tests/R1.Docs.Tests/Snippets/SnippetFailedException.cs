namespace R1.Docs.Tests.Snippets;

/// <summary>A snippet, or one of its setup or check scripts, did not compile, threw, or ran past its timeout.</summary>
public sealed class SnippetFailedException(string message, Exception? inner = null) : Exception(message, inner);
