using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace Federation.Hub.Tests;

/// <summary>
/// The last warnings and errors a hub under test logged, with their exceptions: a spec that sees an answer it did
/// not expect (a 503, say) puts them into its failure, since the hub's console is not kept.
/// </summary>
public sealed class RecentWarnings : ILogEventSink
{
    private const int Kept = 30;
    private readonly ConcurrentQueue<string> lines = new();

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Warning)
        {
            return;
        }

        var source = logEvent.Properties.TryGetValue("SourceContext", out var context) ? context.ToString().Trim('"') : "";
        lines.Enqueue($"[{logEvent.Timestamp:HH:mm:ss.fff} {logEvent.Level}] {source}: {logEvent.RenderMessage(CultureInfo.InvariantCulture)}"
            + (logEvent.Exception is { } exception ? $"\n{exception}" : ""));
        while (lines.Count > Kept && lines.TryDequeue(out _))
        {
        }
    }

    public override string ToString() => lines.IsEmpty ? "(no warnings logged)" : string.Join("\n", lines);
}
