using System.Text;
using IptTriage.Cli.Commands.Screen;
using IptTriage.Cli.Tests.Support;
using IptTriage.Triage;
using IptTriage.Triage.Policy;

namespace IptTriage.Cli.Tests.Screen;

public sealed class TableDecisionWriterTests
{
    [Fact]
    public void A_long_run_is_written_a_page_at_a_time_as_it_goes_not_held_until_the_end()
    {
        var form = File.ReadAllBytes(SampleFiles.Valid("0101-ipt-grief-spanish-speaking-widow.json"));
        var decision = Screening.Screen(form, "unused", PolicyFile.LoadDefault());
        using var output = new MemoryStream();
        using var writer = new TableDecisionWriter(output, TerminalInfo.Redirected);

        for (var i = 0; i < TableDecisionWriter.PageRows; i++) writer.Write(decision with { ReferralId = $"R-{i:D5}" });
        var afterOnePage = Encoding.UTF8.GetString(output.ToArray());
        writer.Write(decision with { ReferralId = "R-LAST" });
        var beforeTheEnd = Encoding.UTF8.GetString(output.ToArray());
        writer.Complete();
        var all = Encoding.UTF8.GetString(output.ToArray());

        afterOnePage.Should().Contain("R-00000").And.Contain($"R-{TableDecisionWriter.PageRows - 1:D5}").And.NotContain("forms:");
        beforeTheEnd.Should().Be(afterOnePage, "the next page is held until it is full or the input ends");
        all.Should().StartWith(afterOnePage).And.Contain("R-LAST")
            .And.Contain($"{TableDecisionWriter.PageRows + 1} forms: {TableDecisionWriter.PageRows + 1} routed, 0 review, 0 invalid");
    }
}
