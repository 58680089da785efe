namespace MemoryFunctions.Functions.Http;

/// <summary>
/// Route templates, identical to the local server's (Memory.Http maps them under <c>/api</c>; here host.json's
/// <c>routePrefix</c> adds the <c>api</c>), so one client works against both hosts.
/// </summary>
internal static class FunctionRoutes
{
    public const string Health = "health";
    public const string Users = "users";
    public const string User = "users/{userId}";
    public const string Memories = "users/{userId}/memories";
    public const string Imports = "users/{userId}/imports";
    public const string Memory = "users/{userId}/memories/{id}";
    public const string MemoryHistory = "users/{userId}/memories/{id}/history";
    public const string Search = "users/{userId}/search";
    public const string Context = "users/{userId}/context";
    public const string Export = "users/{userId}/export";
    public const string Messages = "users/{userId}/messages";
    public const string Operation = "operations/{operationId}";
    public const string UserOperation = "users/{userId}/operations/{operationId}";
    public const string UserOperations = "users/{userId}/operations";
    public const string EventGrid = "eventgrid";
    public const string Audit = "audit";
}
