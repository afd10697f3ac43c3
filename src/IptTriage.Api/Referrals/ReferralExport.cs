using System.Globalization;
using System.Text;
using IptTriage.Api.Security;
using IptTriage.Triage;
using IptTriage.Triage.Intake;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <summary><c>GET /api/referrals?format=csv</c>: every referral the list's filters match, in its sort, as RFC 4180 CSV
/// streamed a page at a time. Codes and times only, never free text; with <c>contacts=true</c> (coordinators and
/// supervisors) also the client's name, language, phone and email, each row's disclosure audited
/// (<see cref="AuditStep.ContactsExported"/>) before it is written.</summary>
public sealed class ReferralExport : IResult
{
    public const string Format = "csv";

    private const int PageSize = 500;

    private static readonly string[] Columns = ["referralId", "status", "urgency", "pathway", "modality", "clinicId", "receivedAt", "dueAt", "overdue", "assignee"];

    private static readonly string[] ContactColumns = ["givenName", "familyName", "preferredLanguage", "phone", "email", "contactByEmail"];

    private readonly ReferralQuery query;
    private readonly ApiCaller caller;
    private readonly IRecordStore records;
    private readonly DateTimeOffset now;
    private readonly bool contacts;

    private ReferralExport(ReferralQuery query, ApiCaller caller, IRecordStore records, DateTimeOffset now, bool contacts)
    {
        this.query = query with { Limit = PageSize, After = null };
        this.caller = caller;
        this.records = records;
        this.now = now;
        this.contacts = contacts;
    }

    internal static Results<Ok<ReferralPage>, ReferralExport, ProblemHttpResult> Of(ReferralListParameters parameters, ApiCaller caller, IRecordStore records, DateTimeOffset now)
    {
        var contacts = parameters.One("contacts");
        if (contacts == "true" && !caller.IsCoordinating) return ApiProblems.Forbidden();
        if (contacts is not null and not "true") parameters.Add("contacts", "must be true (omit it for an export without contact details)");
        foreach (var paging in (string[])["limit", "cursor"])
            if (parameters.One(paging) is not null) parameters.Add(paging, "does not apply to an export, which holds every matching referral");
        if (parameters.Errors.Count > 0) return ApiProblems.Invalid(parameters.Errors);
        return new ReferralExport(parameters.Query, caller, records, now, contacts is not null);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"referrals.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', contacts ? [.. Columns, .. ContactColumns] : Columns));
        ReferralPosition? after = null;
        while (true)
        {
            var page = await records.QueryAsync(query with { After = after }, cancellationToken);
            foreach (var referral in page)
            {
                var cells = Cells(ReferralRow.Of(referral, now));
                if (contacts) cells = [.. cells, .. await ContactCellsAsync(referral.ReferralId, cancellationToken)];
                await writer.WriteLineAsync(string.Join(',', cells.Select(CsvCell)));
            }
            await writer.FlushAsync(cancellationToken);
            if (page.Count < PageSize) return;
            after = ReferralQuery.KeyOf(page[^1], query.Sort);
        }
    }

    private static string?[] Cells(ReferralRow row) =>
    [
        row.ReferralId, WireCode.Of(row.Status), Code(row.Urgency), Code(row.Pathway), Code(row.Modality), row.ClinicId,
        Time(row.ReceivedAt), row.DueAt is { } due ? Time(due) : null, row.Overdue ? "true" : "false", row.Assignee,
    ];

    /// <summary>The client's contact details from the stored form, audited as disclosed first; blank when the form is
    /// not a valid one (nothing is disclosed, so nothing is audited).</summary>
    private async Task<string?[]> ContactCellsAsync(string referralId, CancellationToken cancellationToken)
    {
        var form = await records.ReadFormAsync(referralId, cancellationToken) is { } bytes ? IntakeParser.Parse(bytes).Form : null;
        if (form is null) return new string?[ContactColumns.Length];
        await records.AppendAuditAsync(new AuditEntry(referralId, now, AuditStep.ContactsExported, caller.Actor, []), cancellationToken);
        var client = form.Client;
        return [client.GivenName, client.FamilyName, client.PreferredLanguage, client.Phone, client.Email, client.Consent.ContactByEmail ? "true" : "false"];
    }

    private static string? Code<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } code ? WireCode.Of(code) : null;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>One RFC 4180 field. A value a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, a tab or a carriage return) is prefixed with <c>'</c> so it is shown as text.</summary>
    internal static string CsvCell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
