using System.Text.Json;
using MemoryFunctions.Core.Llm;
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

    [Fact]
    public void PermanentTypes_AreAllExceptionTypes()
    {
        Assert.All(StepFailures.PermanentTypes, type => Assert.True(typeof(Exception).IsAssignableFrom(type)));
    }
}
