using System.Numerics;
using static R1.Rewards.Math.MathNode;

namespace R1.Rewards.Math;

/// <summary>
/// Evaluates a scalar expression to a <see cref="Complex"/> number with the given variable values.
/// Overflow gives infinities and undefined operations give NaN; the comparer treats those as "not comparable".
/// </summary>
internal static class NumericEvaluator
{
    /// <summary>The value of <paramref name="node"/> with <paramref name="variables"/> substituted.</summary>
    /// <exception cref="MathParseException">The node is not a scalar (a tuple, set, matrix or equation) or names an unknown function.</exception>
    /// <exception cref="KeyNotFoundException">A symbol has no value.</exception>
    public static Complex Evaluate(MathNode node, IReadOnlyDictionary<string, Complex> variables, MathBudget budget)
    {
        budget.Step();
        return node switch
        {
            Number n => new Complex(n.Value.ToDouble(), 0),
            Symbol s => variables[s.Name],
            Constant c => Constant(c.Name),
            Negate(var operand) => -Evaluate(operand, variables, budget),
            Binary(var op, var left, var right) => Apply(op, Evaluate(left, variables, budget), Evaluate(right, variables, budget)),
            Function f => Function(f.Name, f.Args.Select(a => Evaluate(a, variables, budget)).ToArray()),
            _ => throw new MathParseException($"a {Kind(node)} is not a number"),
        };
    }

    /// <summary>A short name of the node's kind for diagnostics (number, tuple, set, interval, matrix, equation, union).</summary>
    public static string Kind(MathNode node) => node switch
    {
        Sequence { Open: "" } => "list",
        Sequence { Open: "{" } => "set",
        Sequence { Items.Count: 2, Open: "[" } or Sequence { Items.Count: 2, Close: "]" } => "interval",
        Sequence => "tuple",
        Matrix => "matrix",
        Equation => "equation",
        Union => "union",
        _ => "expression",
    };

    private static Complex Constant(string name) => name switch
    {
        "pi" => new Complex(System.Math.PI, 0),
        "e" => new Complex(System.Math.E, 0),
        "i" => Complex.ImaginaryOne,
        "inf" => new Complex(double.PositiveInfinity, 0),
        _ => throw new MathParseException($"unknown constant '{name}'"),
    };

    private static Complex Apply(char op, Complex a, Complex b) => op switch
    {
        '+' => a + b,
        '-' => a - b,
        '*' => a * b,
        '/' => b == Complex.Zero ? new Complex(double.NaN, double.NaN) : a / b,
        '^' => Power(a, b),
        _ => throw new MathParseException($"'{op}' cannot be evaluated here"),
    };

    private static Complex Power(Complex a, Complex b)
    {
        if (a.Imaginary == 0 && b.Imaginary == 0 && (a.Real >= 0 || System.Math.Abs(b.Real - System.Math.Round(b.Real)) < 1e-12))
            return new Complex(System.Math.Pow(a.Real, b.Real), 0);
        if (System.Math.Abs(b.Real) > 1e6) return new Complex(double.NaN, double.NaN);
        return Complex.Pow(a, b);
    }

    private static Complex Function(string name, Complex[] x) => name switch
    {
        "sqrt" => x[0].Imaginary == 0 && x[0].Real >= 0 ? new Complex(System.Math.Sqrt(x[0].Real), 0) : Complex.Sqrt(x[0]),
        "root" => Root(x[0], x[1]),
        "sin" => Complex.Sin(x[0]),
        "cos" => Complex.Cos(x[0]),
        "tan" => Complex.Tan(x[0]),
        "cot" => 1 / Complex.Tan(x[0]),
        "sec" => 1 / Complex.Cos(x[0]),
        "csc" => 1 / Complex.Sin(x[0]),
        "arcsin" => Complex.Asin(x[0]),
        "arccos" => Complex.Acos(x[0]),
        "arctan" => Complex.Atan(x[0]),
        "sinh" => Complex.Sinh(x[0]),
        "cosh" => Complex.Cosh(x[0]),
        "tanh" => Complex.Tanh(x[0]),
        "ln" => Complex.Log(x[0]),
        "log" => x.Length == 2 ? Complex.Log(x[0]) / Complex.Log(x[1]) : Complex.Log10(x[0]),
        "exp" => Complex.Exp(x[0]),
        "abs" => new Complex(x[0].Magnitude, 0),
        "floor" => new Complex(System.Math.Floor(x[0].Real), 0),
        "ceil" => new Complex(System.Math.Ceiling(x[0].Real), 0),
        "fact" => Factorial(x[0]),
        "binom" => Factorial(x[0]) / (Factorial(x[1]) * Factorial(x[0] - x[1])),
        _ => throw new MathParseException($"unknown function '{name}'"),
    };

    // Odd roots of negative reals stay real: \sqrt[3]{-8} = -2.
    private static Complex Root(Complex x, Complex n)
    {
        if (x.Imaginary == 0 && n.Imaginary == 0 && x.Real < 0 && System.Math.Round(n.Real) % 2 == 1)
            return new Complex(-System.Math.Pow(-x.Real, 1 / n.Real), 0);
        return Power(x, 1 / n);
    }

    private static Complex Factorial(Complex n)
    {
        if (n.Imaginary != 0 || n.Real < 0 || n.Real > 170 || n.Real != System.Math.Floor(n.Real)) return new Complex(double.NaN, double.NaN);
        double result = 1;
        for (var k = 2; k <= (int)n.Real; k++) result *= k;
        return new Complex(result, 0);
    }
}
