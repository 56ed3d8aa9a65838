namespace R1.Packaging.Tests;

/// <summary>Creates the local feed once, before every test of this assembly.</summary>
[SetUpFixture]
public sealed class PackagingSetup
{
    [OneTimeSetUp]
    public void PackTheLibraries() => PackageFeed.Create();
}
