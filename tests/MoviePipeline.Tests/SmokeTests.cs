namespace MoviePipeline.Tests;

public class SmokeTests
{
    [Fact]
    public void DialogueLine_Formats_AsApiLine() =>
        Assert.Equal("SARAH: (quietly) Hi.", new Screenplay.DialogueLine("SARAH", "quietly", "Hi.").ToString());
}
