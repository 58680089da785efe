using MemoryFunctions.Core;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Llm;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Cosmos;
using MemoryFunctions.Functions.Durable;
using MemoryFunctions.Functions.Hosting;
using MemoryFunctions.Functions.Http;
using MemoryFunctions.Http;
using MemoryFunctions.OpenAI;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<StoreFailureMiddleware>();

// Same composition as the local server, with Cosmos DB and Azure OpenAI instead of the embedded defaults, and the
// Durable Functions runner instead of the in-process one. Models before AddLlmIngestion (it needs the chat client).
builder.Services
    .AddMemoryCore()
    .AddMemoryHttp()
    .AddCosmosMemoryStore()
    .AddMemoryStoreTelemetry()
    .AddOpenAIModels(builder.Configuration)
    .AddLlmIngestion()
    .AddMemoryIngestion()
    .AddDurableIngestion();
builder.AddMemoryTelemetry();

builder.Build().Run();
