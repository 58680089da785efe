using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using MemoryFunctions.Testing.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Functions.Tests.Support;

internal sealed partial class DurableFunctionsHost
{
    /// <summary>
    /// The same app on the real Azure Storage backend (<see cref="AzureStorageOrchestrationService"/>: queues, tables and
    /// the large-message blob container of task hub <paramref name="taskHub"/>) against Azurite, behind the test host's
    /// gRPC sidecar (<see cref="TaskHubGrpcServer"/>, the protocol the Functions host's extension speaks to the isolated
    /// worker). The store lives in <paramref name="dataDirectory"/>, which the caller owns, so a second host started on the
    /// same hub and directory is the same app after a restart.
    /// </summary>
    public static async Task<DurableFunctionsHost> StartOnAzureStorageAsync(
        string connectionString, string taskHub, string dataDirectory, Action<IServiceCollection>? configure = null)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            PartitionCount = 1,
            // Short leases and visibility timeouts so that work a stopped host held comes back within the test's patience.
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        });
        await service.CreateIfNotExistsAsync();

        var address = $"http://127.0.0.1:{LoopbackPort.Next()}";
        var sidecar = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureWebHostDefaults(web =>
            {
                web.UseUrls(address);
                web.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
                web.ConfigureServices(services =>
                {
                    services.AddGrpc();
                    services.AddSingleton<IOrchestrationService>(service);
                    services.AddSingleton<IOrchestrationServiceClient>(service);
                    services.AddSingleton<TaskHubGrpcServer>();
                });
                web.Configure(app => app.UseRouting().UseEndpoints(endpoints => endpoints.MapGrpcService<TaskHubGrpcServer>()));
            })
            .Build();
        await sidecar.StartAsync();

        var channel = GrpcChannel.ForAddress(address);
        var converter = WorkerDataConverter.FromWorkerDefaults();
        var worker = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services =>
            {
                FunctionsAppServices.Add(services, dataDirectory, converter, configure);
                services.AddDurableTaskWorker(builder =>
                {
                    builder.UseGrpc(channel);
                    builder.AddTasks(tasks => FunctionsTaskRegistry.Register(tasks));
                });
                services.AddDurableTaskClient(builder =>
                {
                    builder.UseGrpc(channel);
                    builder.RegisterDirectly();
                });
            })
            .Build();
        await worker.StartAsync();

        async ValueTask StopAsync()
        {
            await worker.StopAsync();
            worker.Dispose();
            await channel.ShutdownAsync();
            channel.Dispose();
            await sidecar.StopAsync();
            sidecar.Dispose();
        }

        return new DurableFunctionsHost(worker.Services.GetRequiredService<DurableTaskClient>(), worker.Services, StopAsync, ownedDataDirectory: null) { Backend = service };
    }
}
