namespace Complaints.Simulators.Gov12345;

/// <summary>
/// <c>dotnet run --project tools/Simulators/Gov12345 -- --urls http://127.0.0.1:5302 --AppKey fy-demo --Secret demo-secret</c>.
/// A named entry point, not top-level statements: the generated global <c>Program</c> would clash with the host's in tests.
/// </summary>
public static class SimulatorProgram
{
    public static Task Main(string[] args) => Gov12345Simulator.Build(args).RunAsync();
}
