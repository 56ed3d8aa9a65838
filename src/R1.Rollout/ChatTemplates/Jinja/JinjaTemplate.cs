namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// A parsed Jinja template: the subset that Hugging Face chat templates use, rendered the way transformers renders them
/// (Jinja2 with <c>trim_blocks</c>, <c>lstrip_blocks</c>, loop controls, <c>raise_exception</c> and its own <c>tojson</c>),
/// with Jinja2's default undefined semantics. Immutable and thread-safe; each render has its own state.
/// </summary>
internal sealed class JinjaTemplate
{
    private readonly IReadOnlyList<JinjaStatement> _body;

    private JinjaTemplate(string source, IReadOnlyList<JinjaStatement> body) => (Source, _body) = (source, body);

    /// <summary>The template text.</summary>
    public string Source { get; }

    /// <summary>Parses <paramref name="source"/>.</summary>
    /// <exception cref="ChatTemplateException">
    /// A syntax error, an unknown filter or test, or an unsupported tag (with its line and column).
    /// </exception>
    public static JinjaTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new JinjaTemplate(source, JinjaParser.Parse(source));
    }

    /// <summary>
    /// Renders with <paramref name="context"/>: strings, booleans, numbers (int, long, double), null, lists and string-keyed
    /// dictionaries, nested freely.
    /// </summary>
    /// <exception cref="ChatTemplateException">Rendering failed (with its line and column), or the template raised an exception.</exception>
    public string Render(IReadOnlyDictionary<string, object?> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return JinjaEvaluator.Render(_body, context.ToDictionary(p => p.Key, p => JinjaContextValue.From(p.Value, 0)));
    }
}
