using MemoryFunctions.Core.Audit;
using MemoryFunctions.Core.Erasure;
using MemoryFunctions.Core.Search;
using MemoryFunctions.Core.Services;
using MemoryFunctions.Core.Storage;
using MemoryFunctions.Core.Workflow;
using MemoryFunctions.Http.Auth;
using MemoryFunctions.Http.Endpoints;
using MemoryFunctions.Http.Quotas;
using MemoryFunctions.Http.Tests.Quotas;
using MemoryFunctions.Http.Tests.Auth;
using MemoryFunctions.Http.Tests.Fakes;
using MemoryFunctions.Testing;
using MemoryFunctions.Testing.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MemoryFunctions.Http.Tests.Endpoints;

/// <summary>What a host would inject into the handlers, over a given store, fakes for the rest and a fake clock.</summary>
internal static class TestApiServices
{
    public static MemoryApiServices Create(
        IMemoryStore store,
        IAuditLog? audit = null,
        CallerAuthenticator? authenticator = null,
        Func<TimeProvider, TenantAdmission>? admission = null,
        IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
        Func<TimeProvider, TenantRequestGate>? gate = null)
    {
        var clock = new FakeTimeProvider();
        var service = new MemoryService(
            store,
            // The operation store shares the memory store's epochs where the store is the in-memory fake.
            (store as InMemoryMemoryStore ?? (store as LosingRaceMemoryStore)?.Inner ?? new InMemoryMemoryStore()).Operations,
            embedder ?? new FakeEmbeddingGenerator(),
            new HybridRanker(Options.Create(new RankingOptions()), clock),
            clock,
            NullLogger<MemoryService>.Instance,
            ApproximateTokenCounter.Instance,
            new ConversationParticipants(clock));
        return new MemoryApiServices(
            service, new AdminAudit(audit ?? new InMemoryAuditLog(), clock, NullLogger<AdminAudit>.Instance), Options.Create(new MemoryHttpOptions()), clock, NullLoggerFactory.Instance, authenticator ?? TestAuth.Open, new TenantRateLimiter(Options.Create(new TenantQuotaOptions()), clock),
            admission?.Invoke(clock) ?? new TenantAdmission(Options.Create(new TenantQuotaOptions()), new GivenUsage(default), clock),
            gate?.Invoke(clock) ?? new TenantRequestGate(Options.Create(new TenantQuotaOptions()), clock));
    }

    /// <summary>The erase a host would inject, over the same store, audit and clock as <paramref name="services"/>.</summary>
    public static UserErasureService Erasure(InMemoryMemoryStore store, MemoryApiServices services, IWorkflowStarter? starter = null) =>
        new(store, store.Operations, starter ?? new FakeWorkflowStarter(), services.Audit, services.TimeProvider, NullLogger<UserErasureService>.Instance, new ConversationParticipants(services.TimeProvider));
}
