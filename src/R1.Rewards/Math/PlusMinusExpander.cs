using static R1.Rewards.Math.MathNode;

namespace R1.Rewards.Math;

/// <summary>
/// Expands <c>±</c>: <c>1 \pm \sqrt{19}</c> becomes the set <c>{1+\sqrt{19}, 1-\sqrt{19}}</c>, and inside a set or list
/// each item with <c>±</c> contributes both values. At most <see cref="MaxAlternatives"/> values per item.
/// </summary>
internal static class PlusMinusExpander
{
    /// <summary>The most alternatives one expression may expand to (2^4).</summary>
    public const int MaxAlternatives = 16;

    /// <summary>Returns <paramref name="node"/> with every <c>±</c> expanded.</summary>
    public static MathNode Expand(MathNode node)
    {
        switch (node)
        {
            case Sequence { IsUnordered: true } s:
                return s with { Items = s.Items.SelectMany(Alternatives).ToList() };
            case Sequence s:
                return s with { Items = s.Items.Select(Expand).ToList() };
            case Equation(var left, var right):
                return new Equation(left, Expand(right));
            default:
                var alternatives = Alternatives(node);
                return alternatives.Count == 1 ? alternatives[0] : new Sequence("{", "}", alternatives);
        }
    }

    private static List<MathNode> Alternatives(MathNode node)
    {
        switch (node)
        {
            case Binary('±', var l, var r):
                var result = new List<MathNode>();
                foreach (var left in Alternatives(l))
                foreach (var right in Alternatives(r))
                {
                    result.Add(new Binary('+', left, right));
                    result.Add(new Binary('-', left, right));
                }
                return Limit(result);
            case Binary(var op, var l, var r):
                return Limit(Alternatives(l).SelectMany(left => Alternatives(r).Select(right => (MathNode)new Binary(op, left, right))).ToList());
            case Negate(var x):
                return Alternatives(x).Select(v => (MathNode)new Negate(v)).ToList();
            case Function f when f.Args.Count == 1:
                return Alternatives(f.Args[0]).Select(v => (MathNode)(f with { Args = [v] })).ToList();
            default:
                return [node];
        }
    }

    private static List<MathNode> Limit(List<MathNode> values) =>
        values.Count <= MaxAlternatives ? values : throw new MathBudgetExceededException($"more than {MaxAlternatives} ± alternatives");
}
