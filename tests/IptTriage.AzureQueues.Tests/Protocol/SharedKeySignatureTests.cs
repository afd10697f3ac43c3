using IptTriage.AzureQueues.Protocol;

namespace IptTriage.AzureQueues.Tests.Protocol;

public sealed class SharedKeySignatureTests
{
    [Fact]
    public void String_to_sign_matches_the_documented_example()
    {
        // The example from "Authorize with Shared Key" (Blob service, version 2015-02-21).
        using var request = new HttpRequestMessage(
            HttpMethod.Get, "https://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=metadata&timeout=20");
        request.Headers.Add("x-ms-version", "2015-02-21");
        request.Headers.Add("x-ms-date", "Fri, 26 Jun 2015 23:39:12 GMT");

        SharedKeySignature.StringToSign(request, "myaccount").Should().Be(
            "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Fri, 26 Jun 2015 23:39:12 GMT\nx-ms-version:2015-02-21\n"
            + "/myaccount/mycontainer\ncomp:metadata\nrestype:container\ntimeout:20");
    }

    [Fact]
    public void Query_values_are_signed_decoded_and_content_headers_take_their_places()
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Put,
            "http://127.0.0.1:10001/devstoreaccount1/q/messages/id-1?popreceipt=AgAAAA%2B%2F%3D&visibilitytimeout=0");
        request.Headers.Add("x-ms-date", "Sun, 22 Nov 2026 03:00:00 GMT");
        request.Content = new ByteArrayContent(new byte[12]);
        request.Content.Headers.ContentType = new("application/xml") { CharSet = "utf-8" };

        SharedKeySignature.StringToSign(request, "devstoreaccount1").Should().Be(
            "PUT\n\n\n12\n\napplication/xml; charset=utf-8\n\n\n\n\n\n\nx-ms-date:Sun, 22 Nov 2026 03:00:00 GMT\n"
            + "/devstoreaccount1/devstoreaccount1/q/messages/id-1\npopreceipt:AgAAAA+/=\nvisibilitytimeout:0");
    }
}
