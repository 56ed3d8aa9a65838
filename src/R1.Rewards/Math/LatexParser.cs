using static R1.Rewards.Math.MathNode;

namespace R1.Rewards.Math;

/// <summary>
/// Recursive-descent parser from a normalised LaTeX answer to a <see cref="MathNode"/> tree.
/// Precedence, lowest first: <c>,</c> list; <c>=</c>; <c>\cup</c>; <c>+ - \pm</c>; <c>* /</c> and implicit
/// multiplication (<c>2x</c>, <c>x(y+1)</c>); unary minus; <c>^</c> (right-associative); postfix <c>!</c>.
/// Nesting depth and node count are bounded by the <see cref="MathBudget"/>.
/// </summary>
internal sealed class LatexParser
{
    private static readonly HashSet<string> Functions =
        ["sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "ln", "log", "exp"];

    private static readonly HashSet<string> Greek =
        ["alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "kappa", "lambda",
         "mu", "nu", "xi", "rho", "sigma", "tau", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda",
         "Sigma", "Phi", "Psi", "Omega"];

    private readonly List<LatexToken> _tokens;
    private readonly MathBudget _budget;
    private readonly int _maxDepth;
    private int _pos;
    private int _depth;

    private LatexParser(List<LatexToken> tokens, MathBudget budget, int maxDepth)
    {
        _tokens = tokens;
        _budget = budget;
        _maxDepth = maxDepth;
    }

    /// <summary>Parses a normalised answer (see <see cref="LatexNormalizer"/>).</summary>
    /// <exception cref="MathParseException">The text is not a supported expression; the message says where.</exception>
    /// <exception cref="MathBudgetExceededException">Too deep, too many nodes, or out of time.</exception>
    public static MathNode Parse(string text, MathBudget? budget = null, int maxDepth = 64)
    {
        var parser = new LatexParser(LatexTokenizer.Tokenize(text), budget ?? MathBudget.Generous(), maxDepth);
        var node = parser.ParseList();
        if (parser.Peek.Kind != LatexTokenKind.End) throw parser.Error("unexpected");
        return node;
    }

    private LatexToken Peek => _tokens[_pos];

    // Never moves past the End token, so a truncated answer fails with a parse error rather than an index error.
    private LatexToken Next()
    {
        var token = _tokens[_pos];
        if (token.Kind != LatexTokenKind.End) _pos++;
        return token;
    }

    private MathParseException Error(string what) =>
        new($"{what} {(Peek.Kind == LatexTokenKind.End ? "end of input" : $"'{Peek}' at {Peek.Position}")}");

    private void Expect(string symbol)
    {
        if (!Peek.Is(symbol)) throw Error($"expected '{symbol}' but found");
        _pos++;
    }

    private T Node<T>(T node) where T : MathNode
    {
        _budget.Step();
        return node;
    }

    private MathNode ParseList()
    {
        var items = ParseItems();
        return items.Count == 1 ? items[0] : Node(new Sequence("", "", items));
    }

    private List<MathNode> ParseItems()
    {
        var items = new List<MathNode> { ParseRelation() };
        while (Peek.Is(",")) { _pos++; items.Add(ParseRelation()); }
        return items;
    }

    private MathNode ParseRelation()
    {
        var left = ParseUnion();
        if (Peek.Is("="))
        {
            _pos++;
            return Node(new Equation(left, ParseUnion()));
        }
        if (!IsInequality(Peek)) return left;
        var operands = new List<MathNode> { left };
        var ops = new List<string>();
        while (IsInequality(Peek)) { ops.Add(Next().Text); operands.Add(ParseUnion()); }
        return Node(InequalityToInterval(operands, ops));
    }

    private static bool IsInequality(LatexToken t) => t.Is("<") || t.Is(">") || t.Is("≤") || t.Is("≥");

    // x < 3 is (-inf, 3); 3 \le x is [3, inf); 1 < x \le 4 is (1, 4]. The variable must stand alone on its side.
    private MathNode InequalityToInterval(List<MathNode> operands, List<string> ops)
    {
        var inf = new Constant("inf");
        if (ops.Count == 1 && operands[0] is Symbol)
            return IsLess(ops[0]) ? new Sequence("(", Closed(ops[0]) ? "]" : ")", [new Negate(inf), operands[1]])
                                  : new Sequence(Closed(ops[0]) ? "[" : "(", ")", [operands[1], inf]);
        if (ops.Count == 1 && operands[1] is Symbol)
            return IsLess(ops[0]) ? new Sequence(Closed(ops[0]) ? "[" : "(", ")", [operands[0], inf])
                                  : new Sequence("(", Closed(ops[0]) ? "]" : ")", [new Negate(inf), operands[0]]);
        if (ops.Count == 2 && operands[1] is Symbol && IsLess(ops[0]) && IsLess(ops[1]))
            return new Sequence(Closed(ops[0]) ? "[" : "(", Closed(ops[1]) ? "]" : ")", [operands[0], operands[2]]);
        if (ops.Count == 2 && operands[1] is Symbol && !IsLess(ops[0]) && !IsLess(ops[1]))
            return new Sequence(Closed(ops[1]) ? "[" : "(", Closed(ops[0]) ? "]" : ")", [operands[2], operands[0]]);
        throw new MathParseException("only inequalities that bound one variable (x < a, a \\le x < b) are supported");
    }

    private static bool IsLess(string op) => op is "<" or "≤";

    private static bool Closed(string op) => op is "≤" or "≥";

    private MathNode ParseUnion()
    {
        var first = ParseAdditive();
        if (!Peek.Is("∪")) return first;
        var parts = new List<MathNode> { first };
        while (Peek.Is("∪")) { _pos++; parts.Add(ParseAdditive()); }
        return Node(new Union(parts));
    }

    private MathNode ParseAdditive()
    {
        var left = ParseTerm();
        while (Peek.Is("+") || Peek.Is("-") || Peek.Is("±"))
        {
            var op = Next().Text[0];
            left = Node(new Binary(op, left, ParseTerm()));
        }
        return left;
    }

    private MathNode ParseTerm()
    {
        var left = ParseUnary();
        while (true)
        {
            if (Peek.Is("*") || Peek.Is("/"))
            {
                var op = Next().Text[0];
                left = Node(new Binary(op, left, ParseUnary()));
            }
            else if (StartsImplicitFactor(Peek))
            {
                var fraction = Peek.Kind == LatexTokenKind.Command && Peek.Text is "frac" or "dfrac" or "tfrac";
                left = Implicit(left, ParsePower(), fraction);
            }
            else return left;
        }
    }

    private static bool StartsImplicitFactor(LatexToken t) =>
        t.Kind is LatexTokenKind.Number or LatexTokenKind.Letter or LatexTokenKind.Command || t.Is("(") || t.Is("{");

    // An integer directly followed by a proper numeric \frac is a mixed number (MATH writes 15\frac{39}{40}); otherwise a product.
    private MathNode Implicit(MathNode left, MathNode right, bool writtenAsFraction)
    {
        if (writtenAsFraction && right is Binary('/', Number { IsDecimal: false } n, Number { IsDecimal: false } d)
            && n.Value.Sign > 0 && d.Value.Sign > 0 && n.Value.CompareTo(d.Value) < 0)
        {
            if (left is Number { IsDecimal: false, Value.IsInteger: true } whole)
                return Node(new Binary('+', whole, right));
            if (left is Negate(Number { IsDecimal: false, Value.IsInteger: true } negWhole))
                return Node(new Negate(Node(new Binary('+', negWhole, right))));
        }
        return Node(new Binary('*', left, right));
    }

    private MathNode ParseUnary()
    {
        if (++_depth > _maxDepth) throw new MathBudgetExceededException($"nesting deeper than {_maxDepth}");
        try
        {
            if (Peek.Is("-")) { _pos++; return Node(new Negate(ParseUnary())); }
            if (Peek.Is("+")) { _pos++; return ParseUnary(); }
            if (Peek.Is("±")) { _pos++; return Node(new Binary('±', new Number(Rational.Zero, false), ParseUnary())); }
            return ParsePower();
        }
        finally { _depth--; }
    }

    private MathNode ParsePower()
    {
        var node = ParsePostfix();
        if (!Peek.Is("^")) return node;
        _pos++;
        return Node(new Binary('^', node, ParseExponent()));
    }

    // An unbraced numeric exponent takes the whole number: answers write 2^10 for 1024 far more often than for 2^1·0.
    private MathNode ParseExponent()
    {
        if (!Peek.Is("-")) return ParsePower();
        _pos++;
        return Node(new Negate(ParseExponent()));
    }

    private MathNode ParsePostfix()
    {
        var node = ParsePrimary();
        while (Peek.Is("!")) { _pos++; node = Node(new Function("fact", [node])); }
        return node;
    }

    private MathNode ParsePrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case LatexTokenKind.Number:
                _pos++;
                return Peek.Is("_") ? Node(new Symbol(t.Text + "_" + ReadSubscript())) : Node(Number(t.Text));
            case LatexTokenKind.Letter:
                return ParseLetters();
            case LatexTokenKind.Command:
                _pos++;
                return ParseCommand(t.Text);
            case LatexTokenKind.BeginMatrix:
                _pos++;
                return ParseMatrix();
        }
        if (t.Is("(") || t.Is("[")) return ParseDelimited();
        if (t.Is("{")) return ParseGroup();
        if (t.Is("⦃")) return ParseSet();
        if (t.Is("|"))
        {
            _pos++;
            var inner = ParseAdditive();
            Expect("|");
            return Node(new Function("abs", [inner]));
        }
        throw Error("unexpected");
    }

    private static Number Number(string text) =>
        Rational.TryParseDecimal(text, out var value)
            ? new Number(value, text.Contains('.'))
            : throw new MathParseException($"bad number '{text}'");

    private MathNode ParseLetters()
    {
        foreach (var name in Functions)
            if (LettersSpell(name) && _tokens[_pos + name.Length].Is("("))
            {
                _pos += name.Length;
                return ParseFunction(name);
            }
        if (LettersSpell("sqrt") && _tokens[_pos + 4].Is("(")) { _pos += 4; return Node(new Function("sqrt", [ParseDelimited()])); }
        var letter = Next().Text;
        if (Peek.Is("_")) return Node(new Symbol(letter + "_" + ReadSubscript()));
        return letter switch
        {
            "e" => Node(new Constant("e")),
            "i" => Node(new Constant("i")),
            _ => Node(new Symbol(letter)),
        };
    }

    private bool LettersSpell(string word)
    {
        if (_pos + word.Length >= _tokens.Count) return false;
        for (var k = 0; k < word.Length; k++)
            if (_tokens[_pos + k].Kind != LatexTokenKind.Letter || _tokens[_pos + k].Text[0] != word[k]) return false;
        return true;
    }

    private string ReadSubscript()
    {
        Expect("_");
        if (Peek.Kind == LatexTokenKind.Number) return TakeOneDigit();
        if (!Peek.Is("{")) return Next().Text;
        _pos++;
        var text = new System.Text.StringBuilder();
        while (!Peek.Is("}"))
        {
            if (Peek.Kind == LatexTokenKind.End) throw Error("unclosed subscript at");
            text.Append(Next().Text);
        }
        _pos++;
        return text.ToString();
    }

    // Unbraced subscripts take one character, as in LaTeX: \log_28 is log base 2 of 8.
    private string TakeOneDigit()
    {
        var t = Next();
        if (t.Text.Length > 1) _tokens.Insert(_pos, t with { Text = t.Text[1..], Position = t.Position + 1 });
        return t.Text[..1];
    }

    private MathNode ParseCommand(string name)
    {
        switch (name)
        {
            case "frac" or "dfrac" or "tfrac" or "cfrac":
                var numerator = ParseArgument();
                return Node(new Binary('/', numerator, ParseArgument()));
            case "sqrt":
                if (!Peek.Is("[")) return Node(new Function("sqrt", [ParseArgument()]));
                _pos++;
                var index = ParseList();
                Expect("]");
                return Node(new Function("root", [ParseArgument(), index]));
            case "binom" or "dbinom" or "tbinom":
                var n = ParseArgument();
                return Node(new Function("binom", [n, ParseArgument()]));
            case "pi": return Node(new Constant("pi"));
            case "infty" or "infinity": return Node(new Constant("inf"));
            case "lfloor": return ParseBracketed("floor", "rfloor");
            case "lceil": return ParseBracketed("ceil", "rceil");
            case "mathrm" or "mathbf" or "mathit" or "boldsymbol" or "bf" or "rm": return ParseArgument();
            case "text" or "textbf" or "textit" or "textrm" or "mbox" or "operatorname": return ParseText(name);
        }
        if (Functions.Contains(name)) return ParseFunction(name);
        if (Greek.Contains(name)) return Node(new Symbol(name));
        throw new MathParseException($"unsupported command '\\{name}'");
    }

    private MathNode ParseFunction(string name)
    {
        MathNode? power = null;
        if (Peek.Is("^")) { _pos++; power = ParseExponent(); }
        MathNode? logBase = null;
        if (name == "log" && Peek.Is("_")) { _pos++; logBase = Peek.Kind == LatexTokenKind.Number ? Node(Number(TakeOneDigit())) : ParseArgument(); }
        var argument = Peek.Is("(") ? ParseDelimited() : Peek.Is("{") ? ParseGroup() : ParsePower();
        MathNode call = Node(new Function(name, logBase is null ? [argument] : [argument, logBase]));
        return power is null ? call : Node(new Binary('^', call, power));
    }

    private MathNode ParseText(string command)
    {
        if (!Peek.Is("{")) throw Error($"\\{command} needs a braced argument, found");
        _pos++;
        var text = new System.Text.StringBuilder();
        while (!Peek.Is("}"))
        {
            if (Peek.Kind == LatexTokenKind.End) throw Error($"unclosed \\{command} at");
            text.Append(Next().Text);
        }
        _pos++;
        var word = text.ToString();
        if (command == "operatorname" && Functions.Contains(word)) return ParseFunction(word);
        if (word.Length == 1 && char.IsLetter(word[0])) return Node(new Symbol(word));
        return Node(new Symbol("\"" + word.ToLowerInvariant() + "\""));
    }

    private MathNode ParseBracketed(string function, string closing)
    {
        var inner = ParseAdditive();
        if (Peek.Kind != LatexTokenKind.Command || Peek.Text != closing) throw Error($"expected \\{closing} but found");
        _pos++;
        return Node(new Function(function, [inner]));
    }

    private MathNode ParseArgument()
    {
        if (Peek.Is("{")) return ParseGroup();
        if (Peek.Kind == LatexTokenKind.End) throw Error("missing argument at");
        return ParsePrimary();
    }

    private MathNode ParseGroup()
    {
        Expect("{");
        var node = ParseList();
        Expect("}");
        return node;
    }

    private MathNode ParseSet()
    {
        Expect("⦃");
        var items = Peek.Is("⦄") ? [] : ParseItems();
        Expect("⦄");
        return Node(new Sequence("{", "}", items));
    }

    // ( ) and [ ] group when they hold one item; with several items they are tuples or intervals, and may mix: (a, b].
    private MathNode ParseDelimited()
    {
        var open = Next().Text;
        var items = Peek.Is(")") || Peek.Is("]") ? [] : ParseItems();
        if (!Peek.Is(")") && !Peek.Is("]")) throw Error($"expected ')' or ']' to close '{open}' but found");
        var close = Next().Text;
        if (items.Count == 1 && (open + close is "()" or "[]")) return items[0];
        return Node(new Sequence(open, close, items));
    }

    private MathNode ParseMatrix()
    {
        var rows = new List<IReadOnlyList<MathNode>>();
        var row = new List<MathNode>();
        while (true)
        {
            if (Peek.Kind == LatexTokenKind.EndMatrix) { _pos++; break; }
            if (Peek.Kind == LatexTokenKind.End) throw Error("unclosed matrix at");
            row.Add(ParseAdditive());
            if (Peek.Is("&")) { _pos++; continue; }
            if (Peek.Is("\\\\")) { _pos++; rows.Add(row); row = []; continue; }
            if (Peek.Kind != LatexTokenKind.EndMatrix) throw Error("expected '&', '\\\\' or \\end in matrix but found");
        }
        if (row.Count > 0) rows.Add(row);
        if (rows.Count == 0 || rows.Any(r => r.Count != rows[0].Count)) throw new MathParseException("matrix rows have different lengths");
        return Node(new Matrix(rows));
    }
}
