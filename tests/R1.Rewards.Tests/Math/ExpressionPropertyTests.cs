using System.Numerics;
using CsCheck;
using R1.Rewards.Math;
using static R1.Rewards.Tests.Math.TestExpression;

namespace R1.Rewards.Tests.Math;

public class ExpressionPropertyTests
{
    private static readonly Gen<TestExpression> Leaf = Gen.OneOf<TestExpression>(
        Gen.Int[0, 9].Select(n => (TestExpression)new Num(n)),
        Gen.OneOfConst("x", "y").Select(v => (TestExpression)new Var(v)));

    private static Gen<TestExpression> Tree(int depth) => depth == 0 ? Leaf : Gen.Frequency<TestExpression>(
        (2, Leaf),
        (4, Gen.Select(Gen.OneOfConst('+', '-', '*'), Tree(depth - 1), Tree(depth - 1), (op, l, r) => (TestExpression)new Op(op, l, r))),
        (1, Gen.Select(Tree(depth - 1), Tree(depth - 1), (l, r) => (TestExpression)new SafeDiv(l, r))),
        (1, Gen.Select(Tree(depth - 1), Gen.Int[0, 3], (b, e) => (TestExpression)new Pow(b, e))),
        (1, Tree(depth - 1).Select(x => (TestExpression)new Neg(x))),
        (1, Tree(depth - 1).Select(x => (TestExpression)new SafeSqrt(x))),
        (1, Tree(depth - 1).Select(x => (TestExpression)new Sin(x))));

    private static readonly Gen<TestExpression> Expressions = Tree(3);
    private static readonly (double X, double Y)[] Points = [(0.7, 1.9), (1.3, -0.4), (-2.1, 0.6)];

    private static void ShouldMatchReference(TestExpression expression, string latex)
    {
        var node = LatexParser.Parse(LatexNormalizer.Normalize(latex));
        foreach (var (x, y) in Points)
        {
            var expected = expression.Eval(x, y);
            var actual = NumericEvaluator.Evaluate(node, new Dictionary<string, Complex> { ["x"] = x, ["y"] = y }, MathBudget.Generous());
            var scale = System.Math.Max(1, System.Math.Abs(expected));
            System.Math.Abs(actual.Real - expected).Should().BeLessThan(1e-9 * scale, $"{latex} at x={x}, y={y} parsed as {node}");
            System.Math.Abs(actual.Imaginary).Should().BeLessThan(1e-9 * scale);
        }
    }

    [Test]
    public void Generated_trees_are_varied()
    {
        var samples = Expressions.Array[200].Single();
        samples.Select(e => e.Compact()).Distinct().Count().Should().BeGreaterThan(100);
        samples.Count(e => e.Compact().Length > 20).Should().BeGreaterThan(50);
        foreach (var e in samples.Take(5)) TestContext.Out.WriteLine($"{e.Verbose()}   |   {e.Compact()}");
    }

    [Test]
    public void Verbose_latex_parses_to_an_expression_with_the_same_values() =>
        Expressions.Sample(e => ShouldMatchReference(e, e.Verbose()), iter: 300, threads: 1);

    [Test]
    public void Compact_latex_with_minimal_parentheses_parses_to_the_same_values() =>
        Expressions.Sample(e => ShouldMatchReference(e, e.Compact()), iter: 300, threads: 1);

    [Test]
    public void Two_renderings_of_the_same_tree_are_equivalent() =>
        Expressions.Sample(e =>
        {
            var result = MathVerifier.AreEquivalent(e.Verbose(), e.Compact());
            result.IsEquivalent.Should().BeTrue($"{e.Verbose()} vs {e.Compact()}: {result.Diagnostic}");
        }, iter: 200, threads: 1);

    [Test]
    public void Binomial_expansion_is_equivalent_to_the_square() =>
        Gen.Select(Tree(1), Tree(1)).Sample((a, b) =>
        {
            var (sa, sb) = (a.Compact(), b.Compact());
            var square = $"\\left({sa}+{sb}\\right)^2";
            var expanded = $"({sa})^2+2({sa})({sb})+({sb})^2";
            var result = MathVerifier.AreEquivalent(square, expanded);
            result.IsEquivalent.Should().BeTrue($"{square} vs {expanded}: {result.Diagnostic}");
        }, iter: 200, threads: 1);

    [Test]
    public void Doubling_a_nonzero_expression_is_not_equivalent() =>
        Expressions.Where(e => Points.All(p => System.Math.Abs(e.Eval(p.X, p.Y)) > 1e-3)).Sample(e =>
        {
            var result = MathVerifier.AreEquivalent(e.Verbose(), $"2\\left({e.Compact()}\\right)");
            result.IsEquivalent.Should().BeFalse($"{e.Verbose()} is not twice itself: {result.Diagnostic}");
        }, iter: 200, threads: 1);
}
