using AppealStudio.Proxy;

namespace AppealStudio.Browser.Tests;

/// <summary>The proxy's settings: what it refuses to start with, and the cluster it builds (ADR 100).</summary>
public class ProxyConfigurationTests
{
    [Fact]
    public void Problems_NoDestinations_NamesTheSetting()
    {
        var problems = ProxyApp.Problems(new ProxyOptions());

        Assert.Contains(problems, p => p.StartsWith("Proxy:Destinations is empty", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("10.0.0.11:8080")]
    [InlineData("ftp://10.0.0.11")]
    [InlineData("not an address")]
    public void Problems_DestinationNotHttp_IsRefusedByName(string destination)
    {
        var options = new ProxyOptions();
        options.Destinations.Add(destination);

        var problem = Assert.Single(ProxyApp.Problems(options));
        Assert.Contains($"'{destination}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_ZeroSecondsOrEmptyCookieName_AreRefused()
    {
        var options = new ProxyOptions { HealthCheckSeconds = 0, AffinityCookieName = " " };
        options.Destinations.Add("http://127.0.0.1:8080");

        var problems = ProxyApp.Problems(options);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("HealthCheckSeconds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("AffinityCookieName", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_WithoutDestinations_DoesNotStartAndSaysWhy()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProxyApp.Create([]));

        Assert.Contains("Proxy:Destinations is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_TwoDestinations_CookieAffinityRedistributesAndProbesReadiness()
    {
        var options = new ProxyOptions { HealthCheckSeconds = 7 };
        options.Destinations.Add("http://10.0.0.11:8080");
        options.Destinations.Add("http://10.0.0.12:8080");

        var cluster = ProxyApp.Cluster(options);

        Assert.Equal(["instance-1", "instance-2"], cluster.Destinations!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("http://10.0.0.12:8080", cluster.Destinations["instance-2"].Address);
        Assert.True(cluster.SessionAffinity!.Enabled);
        Assert.Equal("Cookie", cluster.SessionAffinity.Policy);
        Assert.Equal("Redistribute", cluster.SessionAffinity.FailurePolicy);
        Assert.Equal("AppealStudio.Affinity", cluster.SessionAffinity.AffinityKeyName);
        Assert.Equal("/healthz/ready", cluster.HealthCheck!.Active!.Path);
        Assert.Equal(TimeSpan.FromSeconds(7), cluster.HealthCheck.Active.Interval);
        Assert.Equal(FirstConnectionFailurePolicy.PolicyName, cluster.HealthCheck.Passive!.Policy);
    }
}
