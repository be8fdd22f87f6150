using AppealStudio.Proxy;

// The reverse proxy in front of several AppealStudio instances: see README, "Operating several instances", and ADR 100.
var app = ProxyApp.Create(args);
await app.RunAsync();

/// <summary>Entry point marker for tests that host the proxy.</summary>
public partial class Program;
