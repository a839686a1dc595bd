using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Souk.Bench;

/// <summary>
/// `chat-load`: chat delivery under load, through a running app (or several nodes). Signs in N seeded users (handles
/// s{run}_0 … s{run}_{N-1}), opens N/2 one-to-one conversations (user 2k with user 2k+1) and one group of the first G users,
/// connects every user to the chat hub (SignalR .NET client, WebSockets, skipNegotiation; user i to node i mod nodes, so with
/// two nodes every pair spans both), then sends text messages (POST /api/v1/conversations/{id}/messages, by the sender's
/// node) at fixed rates, open loop, stepping up until a step misses p99 &lt; 200 ms. Latency is send → MessageReceived at the
/// other member, both clocks in this process. Then the group at its own rate: every member but the sender must hear each
/// message. Prints Markdown tables and `result ...` lines for scripts; exits 1 if a message was lost or a send failed in any
/// step but the last one-to-one step (the one that missed the goal, where overload may lose them) or in the group.
/// </summary>
public static class ChatLoad
{
    const string Usage = "chat-load --base URL[,URL...] --run RUN --users N [--password P] [--rates 25,50,100] [--step-seconds 20] " +
        "[--group 100] [--group-rate 10] [--group-seconds 30] [--pids PID[,PID...]] [--goal-ms 200]";

    sealed record Options(Uri[] Nodes, string Run, int Users, string Password, int[] Rates, int StepSeconds, int Group, int GroupRate,
        int GroupSeconds, int[] Pids, double GoalMs);

    sealed record Step(string Name, int Target, double Achieved, int Sent, int Delivered, int Lost, int Errors, double P50, double P99, double Max,
        double PostP50, double PostP99)
    {
        public bool Held(double goal) => Lost == 0 && Errors == 0 && P99 < goal && Achieved >= 0.95 * Target;
    }

    /// <summary>A message on its way: when it was sent, by whom, and how many of its receivers still have to hear it.</summary>
    sealed class InFlight(long sentAt, int sender, int receivers)
    {
        public long SentAt { get; } = sentAt;
        public int Sender { get; } = sender;
        public int Remaining = receivers;
    }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly ConcurrentDictionary<string, InFlight> Pending = new();
    static readonly ConcurrentBag<double> Latencies = [];
    // How long the POST itself took (the server stores the message and pushes it before it answers).
    static readonly ConcurrentBag<double> PostLatencies = [];
    static int sequence;
    // Client message ids are unique per sender and conversation and a repeat is an idempotent resend (no push): a second run
    // on the same database (the two-node run reuses the one-node run's conversations) must not repeat the first's ids.
    static readonly string RunTag = Guid.NewGuid().ToString("N")[..8];

    public static async Task<int> RunAsync(string[] args)
    {
        if (Parse(args) is not { } o)
        {
            Console.Error.WriteLine("usage: " + Usage);
            return 2;
        }
        // Thousands of sockets and callbacks: start with enough pool threads not to stall on the pool's slow growth.
        ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 16), 64);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var handles = Enumerable.Range(0, o.Users).Select(i => $"s{o.Run}_{i}").ToArray();
        Uri NodeOf(int user) => o.Nodes[user % o.Nodes.Length];

        var watch = Stopwatch.StartNew();
        var tokens = new string[o.Users];
        await LoadKit.ForAllAsync(o.Users, 16, async i =>
        {
            using var response = await http.PostAsJsonAsync(new Uri(NodeOf(i), "/api/v1/auth/login"),
                new { email = $"{handles[i]}@seed.souk.local", password = o.Password });
            response.EnsureSuccessStatusCode();
            tokens[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!;
        });
        Console.Error.WriteLine($"signed in {o.Users:N0} users in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        var pairs = o.Users / 2;
        var conversations = new long[pairs];
        await LoadKit.ForAllAsync(pairs, 16, async k =>
            conversations[k] = await OpenAsync(http, NodeOf(2 * k), tokens[2 * k], new { participants = new[] { handles[2 * k + 1] } }));
        var groupSize = Math.Min(o.Group, o.Users);
        var group = groupSize >= 3
            ? await OpenAsync(http, NodeOf(0), tokens[0], new { participants = handles[1..groupSize], title = "bench group" })
            : 0;
        Console.Error.WriteLine($"opened {pairs:N0} conversations{(group > 0 ? $" and a group of {groupSize}" : "")} in {watch.Elapsed.TotalSeconds:F1} s");

        var rssBefore = o.Pids.Select(Rss).ToArray();
        watch.Restart();
        var connections = new HubConnection[o.Users];
        await LoadKit.ForAllAsync(o.Users, 32, async i => connections[i] = await ConnectAsync(NodeOf(i), tokens[i], i));
        var connectSeconds = watch.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var rssAfter = o.Pids.Select(Rss).ToArray();
        Console.Error.WriteLine($"connected {o.Users:N0} hub connections in {connectSeconds:F1} s");

        Console.WriteLine($"Hub connections: {o.Users:N0} over {o.Nodes.Length} node(s), opened in {connectSeconds:F1} s.");
        Console.WriteLine();
        Console.WriteLine("| node | RSS before | RSS with connections | per connection |");
        Console.WriteLine("|---|---|---|---|");
        for (var n = 0; n < o.Pids.Length; n++)
        {
            var perNode = o.Users / Math.Max(1, o.Pids.Length);
            var per = (rssAfter[n] - rssBefore[n]) / perNode;
            Console.WriteLine($"| {(char)('A' + n)} (pid {o.Pids[n]}) | {rssBefore[n] / 1048576.0:F0} MB | {rssAfter[n] / 1048576.0:F0} MB | {per / 1024.0:F1} KB |");
            Console.WriteLine($"result memory node={(char)('A' + n)} before_mb={rssBefore[n] / 1048576.0:F0} after_mb={rssAfter[n] / 1048576.0:F0} per_connection_kb={per / 1024.0:F1}");
        }
        Console.WriteLine();

        var steps = new List<Step>();
        foreach (var rate in o.Rates)
        {
            var step = await RunStepAsync($"{rate}/s", rate, o.StepSeconds, n =>
            {
                // Conversations in turn; within one, the two members take turns to write.
                var k = n % pairs;
                var sender = (n / pairs) % 2 == 0 ? 2 * k : 2 * k + 1;
                return (sender, conversations[k], 1);
            }, http, tokens, NodeOf);
            steps.Add(step);
            Console.Error.WriteLine($"step {step.Name}: p50 {step.P50:F1} ms, p99 {step.P99:F1} ms, {step.Lost} lost, {step.Errors} errors, POST p99 {step.PostP99:F1} ms");
            if (!step.Held(o.GoalMs)) break;
        }
        PrintSteps("One-to-one messages", steps, o.GoalMs);
        var held = steps.Where(s => s.Held(o.GoalMs)).Select(s => s.Target).DefaultIfEmpty(0).Max();
        Console.WriteLine($"result direct held_rate={held} goal_ms={o.GoalMs}");

        Step? groupStep = null;
        if (group > 0)
        {
            groupStep = await RunStepAsync($"group of {groupSize}, {o.GroupRate}/s", o.GroupRate, o.GroupSeconds,
                n => (n % groupSize, group, groupSize - 1), http, tokens, NodeOf);
            PrintSteps($"Group of {groupSize} members (each message to {groupSize - 1} others)", [groupStep], o.GoalMs);
            Console.WriteLine($"result group members={groupSize} rate={o.GroupRate} p50_ms={groupStep.P50:F1} p99_ms={groupStep.P99:F1} lost={groupStep.Lost} errors={groupStep.Errors}");
        }

        await LoadKit.ForAllAsync(o.Users, 64, async i => await connections[i].DisposeAsync());
        // Missing the latency goal is what ends the stepping, not a failure; a lost message or a failed send before that is.
        var measured = steps.Take(Math.Max(1, steps.Count - 1)).Concat(groupStep is null ? [] : [groupStep]).ToList();
        var ok = steps.Count > 0 && measured.All(s => s.Lost == 0 && s.Errors == 0);
        return ok ? 0 : 1;
    }

    /// <summary>Sends at <paramref name="rate"/> per second for <paramref name="seconds"/>, open loop (a slow answer does not delay
    /// the next send), then waits up to 5 s for the stragglers.</summary>
    static async Task<Step> RunStepAsync(string name, int rate, int seconds, Func<int, (int Sender, long Conversation, int Receivers)> pick,
        HttpClient http, string[] tokens, Func<int, Uri> nodeOf)
    {
        Pending.Clear();
        Latencies.Clear();
        PostLatencies.Clear();
        var total = rate * seconds;
        var errors = 0;
        var sends = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        var first = Interlocked.Add(ref sequence, total) - total;
        for (var n = 0; n < total; n++)
        {
            var due = start + (long)(n * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero) Thread.Sleep(wait);
            var (sender, conversation, receivers) = pick(n);
            var clientId = $"b{RunTag}-{first + n}";
            Pending[clientId] = new InFlight(Stopwatch.GetTimestamp(), sender, receivers);
            sends.Add(SendAsync(http, nodeOf(sender), tokens[sender], conversation, clientId, () => Interlocked.Increment(ref errors)));
        }
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(sends);
        var grace = Stopwatch.StartNew();
        while (!Pending.IsEmpty && grace.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50);
        var lost = Pending.Values.Sum(p => Math.Max(0, p.Remaining));
        var sorted = Latencies.ToArray();
        Array.Sort(sorted);
        var posts = PostLatencies.ToArray();
        Array.Sort(posts);
        // On schedule, the last send leaves (total - 1) / rate seconds after the first.
        var achieved = total > 1 ? (total - 1) / Math.Max(sendSeconds, 1e-9) : rate;
        return new Step(name, rate, achieved, total, sorted.Length,
            lost, errors, LoadKit.Percentile(sorted, 0.50), LoadKit.Percentile(sorted, 0.99), sorted.Length > 0 ? sorted[^1] : 0,
            LoadKit.Percentile(posts, 0.50), LoadKit.Percentile(posts, 0.99));
    }

    static async Task SendAsync(HttpClient http, Uri node, string token, long conversation, string clientId, Action failed)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, $"/api/v1/conversations/{conversation}/messages"))
            {
                Content = JsonContent.Create(new { clientMessageId = clientId, kind = "text", text = "bench " + clientId }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            PostLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                failed();
                Pending.TryRemove(clientId, out _);
                Console.Error.WriteLine($"send {clientId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            failed();
            Pending.TryRemove(clientId, out _);
            Console.Error.WriteLine($"send {clientId}: {e.Message}");
        }
    }

    static async Task<HubConnection> ConnectAsync(Uri node, string token, int user)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node, "/hubs/chat"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        // A loaded machine may delay the server's pings past the default 30 s; the benchmark is not about that.
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.On<JsonElement>("MessageReceived", m =>
        {
            var now = Stopwatch.GetTimestamp();
            if (!m.TryGetProperty("clientMessageId", out var id) || id.GetString() is not { } clientId) return;
            if (!Pending.TryGetValue(clientId, out var flight) || flight.Sender == user) return;
            Latencies.Add(Stopwatch.GetElapsedTime(flight.SentAt, now).TotalMilliseconds);
            if (Interlocked.Decrement(ref flight.Remaining) == 0) Pending.TryRemove(clientId, out _);
        });
        await connection.StartAsync();
        return connection;
    }

    static async Task<long> OpenAsync(HttpClient http, Uri node, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, "/api/v1/conversations")) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST /api/v1/conversations: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetInt64();
    }

    /// <summary>Resident memory of a process in bytes (VmRSS), 0 if it cannot be read.</summary>
    static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    static void PrintSteps(string title, List<Step> steps, double goal)
    {
        Console.WriteLine($"{title}:");
        Console.WriteLine();
        Console.WriteLine("| rate | sent at | messages | deliveries | lost | errors | delivery p50 | delivery p99 | max | p99 < " +
            goal.ToString(CultureInfo.InvariantCulture) + " ms | POST p50 | POST p99 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in steps)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {s.Name} | {s.Achieved:F0}/s | {s.Sent:N0} | {s.Delivered:N0} | {s.Lost} | {s.Errors} | {s.P50:F1} ms | {s.P99:F1} ms | {s.Max:F0} ms | {(s.Held(goal) ? "held" : "missed")} | {s.PostP50:F1} ms | {s.PostP99:F1} ms |"));
        Console.WriteLine();
    }

    static Options? Parse(string[] args)
    {
        if (LoadKit.ParseArgs(args) is not { } map) return null;
        int Int(string key, int fallback) => map.Int(key, fallback);
        int[] Ints(string key, string fallback) =>
            (map.TryGetValue(key, out var v) ? v : fallback).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        if (!map.TryGetValue("base", out var bases) || !map.TryGetValue("run", out var run) || !map.ContainsKey("users")) return null;
        var users = Int("users", 0);
        if (users < 2) return null;
        return new Options([.. bases.Split(',').Select(b => new Uri(b))], run, users, map.GetValueOrDefault("password", "seed-password-1234"),
            Ints("rates", "5,10,25,50,100,200,400,800"), Int("step-seconds", 20), Int("group", 100), Int("group-rate", 10), Int("group-seconds", 30),
            Ints("pids", ""), map.TryGetValue("goal-ms", out var g) ? double.Parse(g, CultureInfo.InvariantCulture) : 200);
    }
}
