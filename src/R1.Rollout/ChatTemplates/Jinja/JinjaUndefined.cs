namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// Jinja2's default <c>Undefined</c>: a missing variable, attribute or item. It prints as the empty string, is false, has
/// length 0, iterates as empty and equals only another undefined; reading an attribute or item of it, calling it, or using
/// it in arithmetic raises an error with <see cref="Message"/>.
/// </summary>
internal sealed class JinjaUndefined(string message)
{
    /// <summary>Jinja2's wording, for example <c>'x' is undefined</c> or <c>'dict object' has no attribute 'y'</c>.</summary>
    public string Message { get; } = message;

    public static JinjaUndefined Variable(string name) => new($"'{name}' is undefined");

    public static JinjaUndefined Attribute(object? owner, string name) => new($"'{JinjaValues.TypeName(owner)} object' has no attribute '{name}'");

    public JinjaError Fail() => new(Message);

    public override string ToString() => "";
}
