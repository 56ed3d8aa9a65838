namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// The <c>loop</c> variable inside a <c>for</c> body: <c>index</c>, <c>index0</c>, <c>revindex</c>, <c>revindex0</c>,
/// <c>first</c>, <c>last</c>, <c>length</c>, <c>previtem</c>, <c>nextitem</c>, <c>depth</c>, <c>depth0</c> and <c>cycle(...)</c>.
/// With <c>for x in xs if cond</c>, these count the items that passed the filter, as in Jinja2.
/// </summary>
internal sealed class JinjaLoop(IReadOnlyList<object?> items)
{
    public int Index0 { get; set; }

    public object? Get(string name) => name switch
    {
        "index" => (long)Index0 + 1,
        "index0" => (long)Index0,
        "revindex" => (long)(items.Count - Index0),
        "revindex0" => (long)(items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == items.Count - 1,
        "length" => (long)items.Count,
        "previtem" => Index0 > 0 ? items[Index0 - 1] : JinjaUndefined.Variable("previtem"),
        "nextitem" => Index0 + 1 < items.Count ? items[Index0 + 1] : JinjaUndefined.Variable("nextitem"),
        "depth" => 1L,
        "depth0" => 0L,
        "cycle" => new JinjaFunction("cycle", args => args.Positional.Count == 0
            ? throw new JinjaError("loop.cycle() needs at least one value")
            : args.Positional[Index0 % args.Positional.Count]),
        _ => JinjaUndefined.Attribute(this, name),
    };
}
