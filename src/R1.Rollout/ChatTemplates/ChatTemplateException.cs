namespace R1.Rollout.ChatTemplates;

/// <summary>
/// A chat template could not be parsed or rendered: a syntax error, an unsupported feature, an undefined value used where
/// a value is needed, or the template's own <c>raise_exception(message)</c>. The message names the template line and column.
/// </summary>
public sealed class ChatTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="line">The 1-based template line (0 when unknown).</param>
    /// <param name="column">The 1-based template column (0 when unknown).</param>
    internal ChatTemplateException(string message, int line, int column)
        : base(line > 0 ? $"Chat template line {line}, column {column}: {message}" : $"Chat template: {message}")
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line of the template where the error was found (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the template where the error was found (0 when unknown).</summary>
    public int Column { get; }

    /// <summary>True when the template itself raised the error with <c>raise_exception(message)</c>.</summary>
    public bool RaisedByTemplate { get; init; }
}
