namespace R1.Cli;

/// <summary>The entry point of the <c>r1</c> tool.</summary>
internal static class Program
{
    private static int Main(string[] args) => R1App.Run(args);
}
