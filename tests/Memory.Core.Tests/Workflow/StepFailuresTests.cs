using System.Text.Json;
using MemoryFunctions.Core.Llm;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;

namespace MemoryFunctions.Core.Tests.Workflow;

public sealed class StepFailuresTests
{
    [Fact]
    public void IsPermanent_BadInputAndRefusedModelCalls_True()
    {
        Assert.True(StepFailures.IsPermanent(new ArgumentNullException("x")));
        Assert.True(StepFailures.IsPermanent(new JsonException("bad")));
        Assert.True(StepFailures.IsPermanent(new PermanentStepException("refused")));
        Assert.True(StepFailures.IsPermanent(new ModelCallException("unknown deployment", 404, isTransient: false)));
    }

    [Fact]
    public void IsPermanent_ThrottlingTimeoutsAndIo_False()
    {
        Assert.False(StepFailures.IsPermanent(new ModelCallException("throttled", 429, isTransient: true)));
        Assert.False(StepFailures.IsPermanent(new TimeoutException()));
        Assert.False(StepFailures.IsPermanent(new IOException("disk busy")));
    }

    [Theory]
    [InlineData(StoreFailureKind.AccessDenied)]
    [InlineData(StoreFailureKind.TooLarge)]
    [InlineData(StoreFailureKind.Full)]
    [InlineData(StoreFailureKind.Rejected)]
    public void IsPermanent_StoreFailureWaitingCannotCure_True(StoreFailureKind kind)
    {
        Assert.True(StepFailures.IsPermanent(new StoreFailureException(kind, "refused")));
    }

    [Theory]
    [InlineData(StoreFailureKind.Throttled)]
    [InlineData(StoreFailureKind.Unavailable)]
    public void IsPermanent_ThrottledOrUnavailableStore_False(StoreFailureKind kind)
    {
        Assert.False(StepFailures.IsPermanent(new StoreFailureException(kind, "busy", TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public void From_RefusedModelCall_IsPermanentAndKeepsOnlyItsRemedy()
    {
        var refused = new ModelCallException("Server said: Lives in Oslo", 401, isTransient: false) { Remedy = "check Memory:OpenAI:ApiKey." };

        var failed = StepFailedException.From(refused);

        Assert.IsType<PermanentStepException>(failed);
        Assert.Equal("ModelCallException; model call: check Memory:OpenAI:ApiKey.", failed.Message);
        Assert.Same(failed, StepFailedException.From(failed));
    }
}
