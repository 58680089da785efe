using Microsoft.Playwright;

namespace MemoryFunctions.Inspector.Tests;

/// <summary>
/// Debian's chromium, driven by Playwright (its own browser download cannot run here: the machine reaches only package
/// registries). <c>.ci/run</c> installs it with apt-get; elsewhere set <c>MEMORY_CHROMIUM</c> to a Chromium binary.
/// The flags keep it from calling home, which a closed network answers with refusals at every start.
/// </summary>
public static class Chromium
{
    public const string PathVariable = "MEMORY_CHROMIUM";

    private const string DebianPath = "/usr/bin/chromium";

    /// <summary>Why the browser tests cannot run, or null when a Chromium binary is there.</summary>
    public static string? SkipReason => File.Exists(BinaryPath)
        ? null
        : $"No Chromium at '{BinaryPath}': install Debian's (`apt-get install chromium`, as .ci/run does) or set {PathVariable}.";

    private static string BinaryPath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DebianPath;

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BinaryPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
}
