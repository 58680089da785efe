using System.Diagnostics.Metrics;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Domain;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Core.Tests.Diagnostics;

public sealed class MemoryStoreTelemetryTests
{
    [Fact]
    public async Task AddMemoryStoreTelemetry_WrapsTheStore_PassesCallsThroughAndRecordsEachOperation()
    {
        var inner = new InMemoryMemoryStore();
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider())
            .AddSingleton<IMemoryStore>(inner)
            .AddMemoryStoreTelemetry()
            .BuildServiceProvider();
        var operations = new List<string>();
        using var listener = new MeterListener();
        // Matched by name, not by reference: another test may be running MemoryTelemetry's static initialiser right now.
        var storeDuration = MemoryTelemetry.StoreDuration.Name;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MemoryTelemetry.Name && instrument.Name == storeDuration)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "memory.store.operation")
                {
                    lock (operations)
                    {
                        operations.Add((string)tag.Value!);
                    }
                }
            }
        });
        listener.Start();
        var store = provider.GetRequiredService<IMemoryStore>();
        var memory = TestMemories.Create("Owns a bicycle");

        var added = await store.AddAsync(TestMemories.Alice, memory, HistoryEvents.For(memory, HistoryOperation.Add, null, memory.Text, TestMemories.Start, "test"));
        var read = await store.GetAsync(TestMemories.Alice, memory.Id);

        Assert.IsNotType<InMemoryMemoryStore>(store);
        Assert.Equal(WriteStatus.Written, added.Status);
        Assert.Equal(memory.Text, read!.Text);
        Assert.Equal(memory.Text, (await inner.GetAsync(TestMemories.Alice, memory.Id))!.Text);
        lock (operations)
        {
            Assert.Contains("add", operations);
            Assert.Contains("get", operations);
        }
    }

    [Fact]
    public void AddMemoryStoreTelemetry_NoStoreRegistered_SaysWhatToRegisterFirst()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddMemoryStoreTelemetry());

        Assert.Contains("AddLocalMemoryStore", error.Message, StringComparison.Ordinal);
    }
}
