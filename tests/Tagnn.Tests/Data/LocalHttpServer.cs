using System.Net;
using System.Net.Sockets;

namespace Tagnn.Tests.Data;

/// <summary>
/// An HTTP server on 127.0.0.1 (a free port) for download tests. Each request is answered by the handler with its
/// index (0, 1, ...); <see cref="Serve"/> answers with Range support and can cut the connection after some bytes.
/// It serves until disposed; requests and their Range headers are recorded.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private int count;

    public LocalHttpServer(Func<HttpListenerContext, int, Task> handler)
    {
        int port;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Prefix = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(Prefix);
        listener.Start();
        loop = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception) when (!listener.IsListening)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    return;
                }
                var index = Interlocked.Increment(ref count) - 1;
                lock (Ranges) Ranges.Add(context.Request.Headers["Range"]);
                try
                {
                    await handler(context, index);
                }
                catch (Exception) { /* the test's business: a dropped connection is on purpose */ }
            }
        });
    }

    public string Prefix { get; }

    /// <summary>The Range header of every request, in order (null when absent).</summary>
    public List<string?> Ranges { get; } = [];

    public Uri Url(string path) => new(Prefix + path);

    /// <summary>Answers with <paramref name="content"/>, honouring "bytes=N-" unless <paramref name="ignoreRange"/>;
    /// with <paramref name="cutAfter"/>, announces the full length, sends that many bytes and aborts the connection.</summary>
    public static async Task Serve(HttpListenerContext context, byte[] content, int? cutAfter = null, bool ignoreRange = false)
    {
        var response = context.Response;
        var from = 0;
        var range = context.Request.Headers["Range"];
        if (!ignoreRange && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            from = int.Parse(range["bytes=".Length..^1]);
            if (from >= content.Length)
            {
                response.StatusCode = 416;
                response.Headers["Content-Range"] = $"bytes */{content.Length}";
                response.Close();
                return;
            }
            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {from}-{content.Length - 1}/{content.Length}";
        }
        var body = content.AsMemory(from);
        response.ContentLength64 = body.Length;
        if (cutAfter is { } cut && cut < body.Length)
        {
            await response.OutputStream.WriteAsync(body[..cut]);
            await response.OutputStream.FlushAsync();
            response.Abort(); // drop the connection mid-transfer
            return;
        }
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException) { }
    }
}
