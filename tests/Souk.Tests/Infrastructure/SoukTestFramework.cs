using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Souk.Tests.Infrastructure.SoukTestFramework", "Souk.Tests")]

namespace Souk.Tests.Infrastructure;

/// <summary>xUnit 2 has no assembly-level teardown; the framework's disposal is the end of the run.</summary>
public sealed class SoukTestFramework : XunitTestFramework
{
    public SoukTestFramework(IMessageSink messageSink) : base(messageSink) => DisposalTracker.Add(new RunCleanup());

    sealed class RunCleanup : IDisposable
    {
        public void Dispose() => PostgresAppFactory.DropTemplate();
    }
}
