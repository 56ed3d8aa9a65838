namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>The kinds of token the Jinja lexer produces.</summary>
internal enum JinjaTokenKind
{
    /// <summary>Literal template text between tags.</summary>
    Text,

    /// <summary><c>{{</c>.</summary>
    VariableStart,

    /// <summary><c>}}</c>.</summary>
    VariableEnd,

    /// <summary><c>{%</c>.</summary>
    BlockStart,

    /// <summary><c>%}</c>.</summary>
    BlockEnd,

    /// <summary>An identifier or keyword.</summary>
    Name,

    /// <summary>A string literal (its value, escapes resolved).</summary>
    String,

    /// <summary>An integer literal.</summary>
    Integer,

    /// <summary>A float literal.</summary>
    Float,

    /// <summary>An operator or punctuation mark.</summary>
    Operator,

    /// <summary>The end of the template.</summary>
    End,
}
