namespace Complaints.Simulators.WeChat;

/// <summary>
/// <c>dotnet run --project tools/Simulators/WeChat -- --urls http://127.0.0.1:5301 --Accounts:wx0fa9e7c1d2b3a4f5=demo-secret</c>.
/// A named entry point, not top-level statements: the generated global <c>Program</c> would clash with the host's in tests.
/// </summary>
public static class SimulatorProgram
{
    public static Task Main(string[] args) => WeChatSimulator.Build(args).RunAsync();
}
