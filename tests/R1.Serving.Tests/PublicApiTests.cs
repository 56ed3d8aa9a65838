namespace R1.Serving.Tests;

public class PublicApiTests
{
    [Test]
    public void The_public_API_of_R1_Serving_matches_its_baseline() => PublicApiApproval.Verify(typeof(ServerOptions).Assembly);
}
