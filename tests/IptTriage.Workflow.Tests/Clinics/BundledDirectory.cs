using IptTriage.Workflow.Clinics;

namespace IptTriage.Workflow.Tests.Clinics;

internal static class BundledDirectory
{
    public static ClinicDirectory Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "clinics.json");
        using var stream = File.OpenRead(path);
        return ClinicDirectory.Load(stream, "samples/clinics.json");
    }
}
