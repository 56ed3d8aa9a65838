using System.Globalization;
using System.Text.RegularExpressions;
using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>
/// docs/rewards.md's host: the right Korean answer gets math 1 and the wrong one math 0, both well formed; the judge (no server)
/// is missing, so each total is math + 0.5 × format + 0.2 × language without it.
/// </summary>
[SnippetCheck("reward-host")]
public static class RewardHost
{
    public static void Run(SnippetContext context)
    {
        var rows = Regex.Matches(context.Output,
            @"(?m)^sample (?<i>\d): total (?<t>[0-9.]+), math (?<m>[0-9.]+), format (?<f>[0-9.]+), judge (?<j>.*)$");
        rows.Should().HaveCount(2);
        double Value(int row, string group) => double.Parse(rows[row].Groups[group].Value, CultureInfo.InvariantCulture);
        (Value(0, "m"), Value(1, "m")).Should().Be((1.0, 0.0), "5 is right and 6 is wrong");
        Value(0, "t").Should().BeGreaterThan(Value(1, "t"));
        Value(0, "t").Should().BeApproximately(1 + 0.5 * Value(0, "f") + 0.2, 0.01, "math + format + language, the judge missing");
        rows[0].Groups["j"].Value.Should().NotBeEmpty("the judge's diagnostic says why it has no score");
    }
}
