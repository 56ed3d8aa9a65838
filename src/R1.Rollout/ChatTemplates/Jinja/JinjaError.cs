namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// An evaluation error without a position; the evaluator turns it into a <see cref="ChatTemplateException"/> naming the line
/// and column of the expression being evaluated.
/// </summary>
internal sealed class JinjaError(string message, bool raisedByTemplate = false) : Exception(message)
{
    public bool RaisedByTemplate { get; } = raisedByTemplate;
}
