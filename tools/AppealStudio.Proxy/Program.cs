namespace AppealStudio.Proxy;

/// <summary>
/// The reverse proxy in front of several AppealStudio instances: see README, "Operating several instances", and ADR 100.
/// A named class rather than top-level statements: those make a public global <c>Program</c> that would clash with the
/// web app's in test projects referencing both.
/// </summary>
internal static class ProxyProgram
{
    public static async Task Main(string[] args)
    {
        var app = ProxyApp.Create(args);
        await app.RunAsync();
    }
}
