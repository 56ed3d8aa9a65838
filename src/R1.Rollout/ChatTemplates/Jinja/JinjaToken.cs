namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>One token of a template, with its 1-based line and column in the template source.</summary>
internal readonly record struct JinjaToken(JinjaTokenKind Kind, string Value, int Line, int Column)
{
    public bool Is(JinjaTokenKind kind, string value) => Kind == kind && Value == value;

    public bool IsOperator(string op) => Is(JinjaTokenKind.Operator, op);

    public bool IsName(string name) => Is(JinjaTokenKind.Name, name);

    public override string ToString() => Kind switch
    {
        JinjaTokenKind.End => "end of template",
        JinjaTokenKind.Text => "template text",
        JinjaTokenKind.String => $"string '{Value}'",
        _ => $"'{Value}'",
    };
}
