using static R1.Rewards.Math.MathNode;

namespace R1.Rewards.Math;

/// <summary>
/// Compares parsed answers by shape: tuples element by element (order matters), intervals with their open/closed ends,
/// sets and bare lists ignoring order, unions as sets of parts, matrices cell by cell, equations (<c>y = 2x+1</c> against
/// <c>2x+1</c>, or two equations up to a constant factor), and scalars through <see cref="ExpressionComparer"/>.
/// </summary>
internal sealed class StructureComparer(MathAccuracyOptions options, MathBudget budget)
{
    private readonly ExpressionComparer _expressions = new(options, budget);

    /// <summary>Compares two answers of any shape.</summary>
    public MathEquivalence Compare(MathNode a, MathNode b)
    {
        budget.Step();
        switch (a, b)
        {
            case (Equation ea, Equation eb): return CompareEquations(ea, eb);
            case (Equation ea, _): return CompareSolvedFor(ea, b);
            case (_, Equation eb): return CompareSolvedFor(eb, a);
            case (Sequence sa, Sequence sb): return CompareSequences(sa, sb);
            case (Union ua, Union ub): return CompareUnordered(ua.Parts, ub.Parts, "union");
            case (Matrix ma, Matrix mb): return CompareMatrices(ma, mb);
            case (Matrix m, Sequence { IsUnordered: false, Open: "(" } s): return CompareVector(m, s);
            case (Sequence { IsUnordered: false, Open: "(" } s, Matrix m): return CompareVector(m, s);
            case (Sequence { Open: "{", Items.Count: 1 } s, _) when IsScalar(b): return Compare(s.Items[0], b);
            case (_, Sequence { Open: "{", Items.Count: 1 } s) when IsScalar(a): return Compare(a, s.Items[0]);
        }
        if (IsScalar(a) && IsScalar(b)) return _expressions.Compare(a, b);
        return new(false, $"different kinds: {NumericEvaluator.Kind(a)} vs {NumericEvaluator.Kind(b)}");
    }

    private static bool IsScalar(MathNode node) => node is Number or Symbol or Constant or Negate or Binary or Function;

    // "x = 5" against "5", or "y = 2x + 1" against "2x + 1": compare the side that is not the lone variable.
    private MathEquivalence CompareSolvedFor(Equation equation, MathNode other)
    {
        if (equation.Left is Symbol && !(other is Equation)) return Compare(equation.Right, other);
        if (equation.Right is Symbol) return Compare(equation.Left, other);
        return new(false, $"equation '{equation}' vs a {NumericEvaluator.Kind(other)}");
    }

    private MathEquivalence CompareEquations(Equation a, Equation b)
    {
        if (a.Left is Symbol la && b.Left is Symbol lb && la.Name == lb.Name)
            return Compare(a.Right, b.Right);
        if (!IsScalar(a.Left) || !IsScalar(a.Right) || !IsScalar(b.Left) || !IsScalar(b.Right))
            return new(false, "equations between non-scalars differ");
        var result = _expressions.CompareProportional(new Binary('-', a.Left, a.Right), new Binary('-', b.Left, b.Right));
        return result with { Diagnostic = "equations " + result.Diagnostic };
    }

    private MathEquivalence CompareSequences(Sequence a, Sequence b)
    {
        if (a.IsUnordered && b.IsUnordered) return CompareUnordered(a.Items, b.Items, "set");
        if (a.IsUnordered != b.IsUnordered)
            return new(false, $"different kinds: {NumericEvaluator.Kind(a)} vs {NumericEvaluator.Kind(b)}");
        if (a.Open != b.Open || a.Close != b.Close)
            return new(false, $"delimiters differ: {a.Open}…{a.Close} vs {b.Open}…{b.Close} (open and closed ends differ)");
        if (a.Items.Count != b.Items.Count)
            return new(false, $"{NumericEvaluator.Kind(a)} lengths differ: {a.Items.Count} vs {b.Items.Count}");
        for (var k = 0; k < a.Items.Count; k++)
        {
            var item = Compare(a.Items[k], b.Items[k]);
            if (!item.IsEquivalent) return new(false, $"item {k + 1} differs: {item.Diagnostic}");
        }
        return new(true, $"{NumericEvaluator.Kind(a)} of {a.Items.Count} equal item by item");
    }

    private MathEquivalence CompareUnordered(IReadOnlyList<MathNode> a, IReadOnlyList<MathNode> b, string kind)
    {
        if (a.Count != b.Count) return new(false, $"{kind} sizes differ: {a.Count} vs {b.Count}");
        var used = new bool[b.Count];
        for (var i = 0; i < a.Count; i++)
        {
            var match = -1;
            for (var j = 0; j < b.Count && match < 0; j++)
                if (!used[j] && Compare(a[i], b[j]).IsEquivalent) match = j;
            if (match < 0) return new(false, $"{kind} element '{a[i]}' has no match");
            used[match] = true;
        }
        return new(true, $"{kind} of {a.Count} equal ignoring order");
    }

    private MathEquivalence CompareMatrices(Matrix a, Matrix b)
    {
        if (a.Rows.Count != b.Rows.Count || a.Rows[0].Count != b.Rows[0].Count)
            return new(false, $"matrix shapes differ: {a.Rows.Count}x{a.Rows[0].Count} vs {b.Rows.Count}x{b.Rows[0].Count}");
        for (var r = 0; r < a.Rows.Count; r++)
        for (var c = 0; c < a.Rows[r].Count; c++)
        {
            var cell = Compare(a.Rows[r][c], b.Rows[r][c]);
            if (!cell.IsEquivalent) return new(false, $"cell ({r + 1},{c + 1}) differs: {cell.Diagnostic}");
        }
        return new(true, $"{a.Rows.Count}x{a.Rows[0].Count} matrices equal cell by cell");
    }

    // A column or row vector written as a matrix against the same vector written as a tuple.
    private MathEquivalence CompareVector(Matrix m, Sequence tuple)
    {
        var cells = m.Rows.Count == 1 ? m.Rows[0] : m.Rows.All(r => r.Count == 1) ? m.Rows.Select(r => r[0]).ToList() : null;
        if (cells is null) return new(false, "a matrix is not a tuple");
        var asTuple = new Sequence("(", ")", cells);
        return CompareSequences(asTuple, tuple);
    }
}
