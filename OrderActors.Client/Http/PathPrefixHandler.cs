namespace OrderActors.Client.Http;

/// <summary>Puts the base address's path (a reverse proxy's prefix) in front of every request path.</summary>
internal sealed class PathPrefixHandler(string prefix) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri && !uri.AbsolutePath.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            // PathAndQuery stays escaped as it was (a SKU's %2F stays %2F).
            request.RequestUri = new Uri(uri.GetLeftPart(UriPartial.Authority) + prefix + uri.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
