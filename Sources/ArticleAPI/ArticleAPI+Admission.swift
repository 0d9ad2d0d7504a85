import HTTPServer

extension ArticleAPI {
    /// Rate limit, then Host, Origin and token: a refused request is never routed.
    func admit(_ request: HTTPRequest) throws {
        if AccessPolicy.isOpen(request) { return }
        if let rateLimiter, let wait = rateLimiter.admit(HostNames.clientAddress(request.remoteAddress)) {
            throw APIProblem(429, "more than \(configuration.rateLimitPerMinute) requests a minute from this address: retry in \(wait) s",
                             headers: HTTPHeaders([("Retry-After", String(wait))]))
        }
        try access.check(request)
    }
}
