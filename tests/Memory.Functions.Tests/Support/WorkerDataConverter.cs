using System.Text;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Functions.Tests.Support;

/// <summary>
/// Serializes orchestration inputs, outputs and activity payloads with the Functions worker's own
/// <see cref="WorkerOptions.Serializer"/> (what the Durable extension uses in the app), so a record that would not
/// survive the trip through history in Azure does not survive it here either.
/// </summary>
internal sealed class WorkerDataConverter(ObjectSerializer serializer) : DataConverter
{
    public static WorkerDataConverter FromWorkerDefaults()
    {
        var services = new ServiceCollection();
        services.AddFunctionsWorkerCore();
        using var provider = services.BuildServiceProvider();
        var serializer = provider.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer
            ?? throw new InvalidOperationException("The Functions worker configured no serializer.");
        return new WorkerDataConverter(serializer);
    }

    public override string? Serialize(object? value) =>
        value is null ? null : serializer.Serialize(value, value.GetType()).ToString();

    public override object? Deserialize(string? data, Type targetType)
    {
        if (data is null)
        {
            return null;
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(data));
        return serializer.Deserialize(stream, targetType, CancellationToken.None);
    }
}
