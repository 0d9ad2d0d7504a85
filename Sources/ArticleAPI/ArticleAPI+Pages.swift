import HTTPServer
import WebPages

extension ArticleAPI {
    /// A page or one of its files, from memory. Any query string is the page script's to
    /// read (it passes it on to the API), so none is refused here.
    func page(_ req: HTTPRequest) throws -> HTTPResponse {
        guard let asset = WebPages.asset(forPath: req.path) else {
            throw APIProblem.notFound("no page at \(req.path); the pages are /, /articles, /figures")
        }
        var headers = HTTPHeaders([
            ("ETag", asset.etag),
            // Revalidate every time: the files are not renamed per version, and a 304 costs nothing.
            ("Cache-Control", "no-cache"),
            ("Content-Security-Policy", WebPages.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Frame-Options", "DENY"),
        ])
        if EntityTag.matches(req.headers.values("If-None-Match"), asset.etag) {
            return HTTPResponse(status: 304, headers: headers)
        }
        headers.add("Content-Type", asset.contentType)
        return HTTPResponse(status: 200, headers: headers, body: asset.bytes)
    }
}
