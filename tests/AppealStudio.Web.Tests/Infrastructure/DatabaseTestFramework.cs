using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("AppealStudio.Web.Tests.Infrastructure.DatabaseTestFramework", "AppealStudio.Web.Tests")]

namespace AppealStudio.Web.Tests.Infrastructure;

/// <summary>
/// xunit 2 cannot skip one row of a theory at run time, and leaving the PostgreSQL rows out of the data made them
/// vanish from the count (issue 14: 267 web tests listed instead of 427). This framework swaps the stock theory
/// discoverer for one that turns every row holding <see cref="TestDatabase.Postgres"/> into a skipped test case
/// with the reason when no server was provided, so a run without PostgreSQL says so in its closing line.
/// </summary>
public sealed class DatabaseTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new DatabaseTestFrameworkDiscoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);
}

internal sealed class DatabaseTestFrameworkDiscoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
    : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
{
    private readonly DatabaseTheoryDiscoverer theoryDiscoverer = new(diagnosticMessageSink);

    protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
    {
        // Only plain [Theory] methods (and [SharedTheory], whose own skip the stock theory discoverer still honours) are ours; facts and attributes with their own discoverer keep the stock path.
        var factAttributes = testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).ToList();
        if (factAttributes.Count != 1 || factAttributes[0] is not IReflectionAttributeInfo { Attribute: TheoryAttribute theory } || theory.GetType() != typeof(TheoryAttribute) && theory is not AppealStudio.Tests.Shared.SharedTheoryAttribute)
        {
            return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
        }

        foreach (var testCase in theoryDiscoverer.Discover(discoveryOptions, testMethod, factAttributes[0]))
        {
            if (!ReportDiscoveredTestCase(testCase, includeSourceInformation, messageBus))
            {
                return false;
            }
        }
        return true;
    }
}

internal sealed class DatabaseTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        if (TestDatabases.PostgresServer is null && dataRow.Any(value => value is TestDatabase.Postgres))
        {
            return CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, TestDatabases.NoPostgresReason);
        }
        return base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }
}
