using Microsoft.Azure.Functions.Worker;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// What an activity function reads from its <see cref="FunctionContext"/>: the invocation's services and cancellation. The
/// rest belongs to the Functions host's invocation pipeline, which these tests do not run, so it is refused rather than faked.
/// </summary>
internal sealed class ActivityFunctionContext(IServiceProvider services, string instanceId) : FunctionContext
{
    public override string InvocationId { get; } = instanceId;

    public override string FunctionId => throw Unsupported();

    public override TraceContext TraceContext => throw Unsupported();

    public override BindingContext BindingContext => throw Unsupported();

    public override RetryContext RetryContext => throw Unsupported();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw Unsupported();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override Microsoft.Azure.Functions.Worker.IInvocationFeatures Features => throw Unsupported();

    private static NotSupportedException Unsupported() => new("The activity functions read only InstanceServices and CancellationToken.");
}
