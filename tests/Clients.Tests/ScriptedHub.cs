using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Federation.Testing.Hosts;

namespace Federation.Clients.Tests;

/// <summary>
/// A server on 127.0.0.1 (a free port) that answers each request with the next answer scripted for its method and
/// path, and counts what it was sent: a hub whose failures a spec decides.
/// </summary>
public sealed class ScriptedHub : IFreshHost<ScriptedHub>
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> answers = new();
    private readonly ConcurrentDictionary<string, int> hits = new();

    private ScriptedHub(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public List<HttpRequestSeen> Seen { get; } = [];

    public static async Task<ScriptedHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var hub = new ScriptedHub(builder.Build());
        hub.app.Run(hub.AnswerAsync);
        await hub.app.StartAsync();
        var address = hub.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        hub.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return hub;
    }

    /// <summary>The next request <paramref name="method"/> <paramref name="path"/> is answered by <paramref name="answer"/>; without one, 404.</summary>
    public ScriptedHub Then(string method, string path, Func<HttpContext, Task> answer)
    {
        answers.GetOrAdd($"{method} {path}", _ => new ConcurrentQueue<Func<HttpContext, Task>>()).Enqueue(answer);
        return this;
    }

    public int Hits(string method, string path) => hits.GetValueOrDefault($"{method} {path}");

    public static Func<HttpContext, Task> Status(int status) => context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };

    public static Func<HttpContext, Task> Json(int status, string json) => context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json";
        return context.Response.WriteAsync(json);
    };

    private async Task AnswerAsync(HttpContext context)
    {
        var key = $"{context.Request.Method} {context.Request.Path}";
        hits.AddOrUpdate(key, 1, (_, count) => count + 1);
        lock (Seen)
        {
            Seen.Add(new HttpRequestSeen(key, context.Request.Headers.Authorization.ToString(), context.Request.Headers.IfMatch.ToString(),
                context.Request.Headers["Idempotency-Key"].ToString()));
        }

        if (answers.TryGetValue(key, out var queue) && queue.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record HttpRequestSeen(string Request, string Authorization, string IfMatch, string IdempotencyKey);
