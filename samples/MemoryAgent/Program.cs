using MemoryFunctions.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MemoryFunctions.Samples.MemoryAgent;

internal static class Program
{
    /// <summary>Start the local server first (<c>dotnet run --project src/Memory.Server</c>, http://127.0.0.1:7071).</summary>
    public static async Task Main()
    {
        var services = new ServiceCollection();
        services.AddMemoryClient(options =>
        {
            options.BaseAddress = new Uri(Environment.GetEnvironmentVariable("MEMORY_API") ?? "http://127.0.0.1:7071/api/");
            options.FunctionKey = Environment.GetEnvironmentVariable("MEMORY_API_KEY");
        });
        await using var provider = services.BuildServiceProvider();
        var memory = provider.GetRequiredService<MemoryClient>();

        var user = "sample-" + Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine($"Memory server: {(await memory.GetHealthAsync()).Status}; user {user}");
        await MemoryAgentDemo.RunAsync(memory, user, Console.Out);
    }
}
